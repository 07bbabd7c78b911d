/**
 * The code around the data: one function per route group of functions/routes.ts, the HTTP API, the
 * workers and the alarms. Nothing here holds state, so it can be deployed often or rebuilt at will.
 */
import { CfnOutput, Duration, Fn, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import { OAuthScope, UserPoolClient, type IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ROUTE_GROUPS, type RouteGroup } from '../../functions/routes.js';
import { RegistryAlarms } from '../constructs/registry-alarms.js';
import { RegistryApi, type JwtIssuer } from '../constructs/registry-api.js';
import { RegistryFunction } from '../constructs/registry-function.js';
import type { TableAccess } from '../constructs/table-access.js';
import { grantSinkAccess, type SinkGrants } from '../constructs/sink-access.js';
import { Worker, type WorkerSpec } from '../constructs/worker.js';

export interface StatelessStackProps extends StackProps {
  /** The registry table (from the stateful stack). */
  readonly table: ITable;
  /** The registry event bus (from the stateful stack). */
  readonly eventBus: IEventBus;
  /** Issuer of the bearer tokens the API accepts. */
  readonly jwt: JwtIssuer;
  /**
   * Environment variables every function gets (deployment settings such as ENABLE_SCHEMA_AUTO_CREATE).
   * @default - none: lib/config.ts defaults apply
   */
  readonly functionEnvironment?: Readonly<Record<string, string>>;
  /**
   * Background functions (see infra/workers.ts).
   * @default - none
   */
  readonly workers?: readonly WorkerSpec[];
  /**
   * Retention of function and access logs.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Default stage throttling.
   * @default { rateLimit: 50, burstLimit: 100 }
   */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * CORS origins.
   * @default - no CORS
   */
  readonly corsOrigins?: readonly string[];
  /**
   * Address subscribed to the alarm topic.
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /**
   * The Cognito pool and hosted UI the web console signs in with (authorization code + PKCE); the stack
   * creates the console's app client, whose callback is this API's `/console`, and trusts its tokens.
   * @default - the console asks for a pasted token (an external issuer's)
   */
  readonly consoleSignIn?: { readonly userPool: IUserPool; readonly hostedUiUrl: string };
  /**
   * The secrets and Aurora clusters (by ARN) each workspace's sinks may name: granted to the functions
   * that apply migrations (route groups with `sinks`, workers with `sinks`) and to no other.
   * @default - none: sinks can be configured, but nothing is reachable
   */
  readonly sinkGrants?: SinkGrants;
}

export class StatelessStack extends Stack {
  /** The function of each route group. */
  readonly functions: Readonly<Record<RouteGroup, RegistryFunction>>;
  readonly workers: ReadonlyMap<string, Worker>;
  /** The Lambda authorizer of the routes that accept HTTP Basic. */
  readonly basicAuthorizer: RegistryFunction;
  readonly api: RegistryApi;
  readonly alarms: RegistryAlarms;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { table, logRetention } = props;
    const environment = { ...props.functionEnvironment };

    const functions = {} as Record<RouteGroup, RegistryFunction>;
    for (const group of Object.keys(ROUTE_GROUPS) as RouteGroup[]) {
      // Typed, not cast: an access level infra/ does not know fails to compile here.
      const access: TableAccess = ROUTE_GROUPS[group].access;
      const { sinks } = ROUTE_GROUPS[group];
      functions[group] = new RegistryFunction(this, `${pascalCase(group)}Function`, {
        entry: `functions/${group}.ts`,
        table,
        access,
        logRetention,
        environment,
        // A migration may take a while; the HTTP API gives up at 30 s.
        ...(sinks ? { sinks, timeout: Duration.seconds(29) } : {}),
        // The console's page, script and style go beside its handler (lib/console/site.ts reads them there).
        ...(group === 'console' ? { afterBundling: (root: string, out: string) => [`"${root}/node_modules/.bin/tsx" "${root}/console/build.ts" "${out}/console-assets"`] } : {}),
      });
    }
    for (const group of Object.keys(ROUTE_GROUPS) as RouteGroup[]) {
      if (ROUTE_GROUPS[group].sinks) grantSinkAccess(functions[group].function, props.sinkGrants ?? {});
    }
    this.functions = functions;

    const workers = new Map<string, Worker>();
    for (const { id: workerId, publishesEvents, sinks, ...spec } of props.workers ?? []) {
      if (workers.has(workerId)) throw new Error(`two workers have the id "${workerId}"; give each a unique id`);
      const worker = new Worker(this, workerId, { ...spec, sinks, table, eventBus: publishesEvents ? props.eventBus : undefined, logRetention, environment });
      if (sinks) grantSinkAccess(worker.function.function, props.sinkGrants ?? {});
      workers.set(workerId, worker);
    }
    this.workers = workers;

    // The console's client needs the API's URL (its callback) and the API must trust the client's tokens:
    // the authorizer takes the client id lazily, once the client exists.
    let consoleClient: UserPoolClient | undefined;
    const consoleAudience = props.consoleSignIn ? [Lazy.string({ produce: () => consoleClient!.userPoolClientId })] : [];
    const jwt = { issuer: props.jwt.issuer, audience: [...props.jwt.audience, ...consoleAudience] };
    // HTTP Basic's authorizer trusts exactly what the JWT authorizer trusts (read by lib/config.ts jwtTrust),
    // and reads API keys (GetItem) from the table.
    this.basicAuthorizer = new RegistryFunction(this, 'BasicAuthorizerFunction', {
      entry: 'functions/authorizer.ts',
      table,
      access: 'read',
      logRetention,
      timeout: Duration.seconds(5),
      environment: { JWT_ISSUER: jwt.issuer, JWT_AUDIENCE: Fn.join(',', jwt.audience) },
    });
    this.api = new RegistryApi(this, 'Api', {
      functions: mapValues(functions, (f) => f.function),
      jwt,
      basicAuthorizer: this.basicAuthorizer.function,
      throttle: props.throttle,
      corsOrigins: props.corsOrigins,
      accessLogRetention: logRetention,
    });

    if (props.consoleSignIn) {
      const consoleUrl = `${this.api.httpApi.apiEndpoint}/console`;
      consoleClient = new UserPoolClient(this, 'ConsoleClient', {
        userPool: props.consoleSignIn.userPool,
        // A public client: the page cannot keep a secret, so the code exchange is protected by PKCE.
        generateSecret: false,
        authFlows: {},
        oAuth: { flows: { authorizationCodeGrant: true }, scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE], callbackUrls: [consoleUrl], logoutUrls: [consoleUrl] },
        preventUserExistenceErrors: true,
        idTokenValidity: Duration.hours(1),
        accessTokenValidity: Duration.hours(1),
        refreshTokenValidity: Duration.days(1),
        enableTokenRevocation: true,
      });
      functions.console.function.addEnvironment('CONSOLE_COGNITO_DOMAIN_URL', props.consoleSignIn.hostedUiUrl);
      functions.console.function.addEnvironment('CONSOLE_COGNITO_CLIENT_ID', consoleClient.userPoolClientId);
      new CfnOutput(this, 'ConsoleUrl', { value: consoleUrl, description: 'The web console (signs in through the Cognito hosted UI)' });
    }

    const watched: Record<string, IFunction> = {};
    const deadLetterQueues: Record<string, IQueue> = {};
    for (const [group, f] of Object.entries(functions)) watched[pascalCase(group)] = f.function;
    watched.BasicAuthorizer = this.basicAuthorizer.function;
    for (const [workerId, w] of workers) {
      watched[workerId] = w.function.function;
      deadLetterQueues[workerId] = w.deadLetterQueue;
    }
    this.alarms = new RegistryAlarms(this, 'Alarms', {
      functions: watched,
      table,
      httpApi: this.api.httpApi,
      deadLetterQueues,
      email: props.alarmEmail,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the registry API' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'SNS topic of the alarms; subscribe to it' });
  }
}

/** `schema-requests` -> `SchemaRequests`: construct ids that stay stable as long as the group name does. */
function pascalCase(name: string): string {
  return name.replace(/(^|[-_])([a-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase());
}

function mapValues<K extends string, V, W>(record: Record<K, V>, f: (v: V) => W): Record<K, W> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v as V)])) as Record<K, W>;
}
