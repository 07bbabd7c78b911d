/**
 * The only place that reads the environment: Lambda functions, the local scripts, the benchmarks and the
 * CDK app alike (they get config objects from here). Read once per process; a missing required variable fails
 * at start-up, naming the variable, rather than at the first request.
 */
export interface Config {
  /** DynamoDB table name (TABLE_NAME). */
  tableName: string;
  /** AWS region (AWS_REGION). */
  region: string;
  /** Endpoint of a non-AWS DynamoDB, e.g. DynamoDB Local (DYNAMODB_ENDPOINT). */
  dynamodbEndpoint?: string;
  /** EventBridge bus the stream processor publishes to (EVENT_BUS_NAME; workers only). */
  eventBusName?: string;
  settings: Settings;
  sinks: SinkDeployment;
}

/** The relational sinks a deployment runs: the built-in `default` sink and the references workspaces may name. */
export interface SinkDeployment {
  /**
   * Every workspace's built-in sink `default`: the PostgreSQL of DATABASE_URL, or else the embedded one
   * (PGlite) in SINK_EMBEDDED_DIR (`memory://`: in memory). Neither set: no built-in sink.
   */
  defaultSink?: { kind: 'env'; variable: typeof DATABASE_URL } | { kind: 'embedded'; dir: string };
  /**
   * The references each workspace's sinks may name (SINK_GRANTS, JSON: workspace id or `*` to a list of
   * `env:NAME`, secret ARNs and cluster ARNs). Nothing else is reachable, so no admin can point a sink
   * at a database the operator did not give their workspace.
   */
  grants: Readonly<Record<string, readonly string[]>>;
  /** Where `env` references are looked up when a migration runs (the process environment). */
  environment: Readonly<Record<string, string | undefined>>;
}

const DATABASE_URL = 'DATABASE_URL';
const SINK_GRANTS = 'SINK_GRANTS';

export function readSinkDeployment(env: NodeJS.ProcessEnv = process.env): SinkDeployment {
  const grants = env[SINK_GRANTS] ? parseGrants(env[SINK_GRANTS]) : {};
  const defaultSink = env[DATABASE_URL]
    ? ({ kind: 'env', variable: DATABASE_URL } as const)
    : env.SINK_EMBEDDED_DIR
      ? ({ kind: 'embedded', dir: env.SINK_EMBEDDED_DIR } as const)
      : undefined;
  return { ...(defaultSink ? { defaultSink } : {}), grants, environment: env };
}

function parseGrants(raw: string): Record<string, string[]> {
  let grants: unknown;
  try {
    grants = JSON.parse(raw);
  } catch {
    // Reported below with the expected shape.
  }
  const valid = typeof grants === 'object' && grants !== null && !Array.isArray(grants) && Object.values(grants).every((v) => Array.isArray(v) && v.every((r) => typeof r === 'string'));
  if (!valid) throw new ConfigError(SINK_GRANTS, 'must be a JSON object of workspace id (or "*") to a list of references, e.g. {"acme": ["env:ACME_DATABASE_URL"]}');
  return grants as Record<string, string[]>;
}

/** The environment variables that make readSinkDeployment grant `grants`, for the CDK stack. */
export function sinkGrantsEnvironment(grants: Readonly<Record<string, readonly string[]>>): Record<string, string> {
  return Object.keys(grants).length ? { [SINK_GRANTS]: JSON.stringify(grants) } : {};
}

/** Behaviour switches with defaults, overridable per deployment. */
export interface Settings {
  /** Auto-approve low-risk schema requests in workspaces that did not choose (ENABLE_SCHEMA_AUTO_CREATE). */
  autoApproveDefault: boolean;
  /** Schema requests one user may create per hour (SCHEMA_REQUEST_RATE_PER_HOUR). */
  requestRatePerHour: number;
  /** ...and at once (SCHEMA_REQUEST_BURST). */
  requestBurst: number;
}

export const DEFAULT_SETTINGS: Settings = { autoApproveDefault: false, requestRatePerHour: 20, requestBurst: 5 };

/** The variable each setting is read from; settingsEnvironment writes the same names for a deployment. */
const SETTING_VARIABLES = {
  autoApproveDefault: 'ENABLE_SCHEMA_AUTO_CREATE',
  requestRatePerHour: 'SCHEMA_REQUEST_RATE_PER_HOUR',
  requestBurst: 'SCHEMA_REQUEST_BURST',
} as const satisfies Record<keyof Settings, string>;

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(name, `must be a positive integer, got "${raw}"`);
  return n;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const flagName = SETTING_VARIABLES.autoApproveDefault;
  const flag = env[flagName];
  if (flag !== undefined && flag !== '' && flag !== 'true' && flag !== 'false') throw new ConfigError(flagName, `must be "true" or "false", got "${flag}"`);
  return {
    autoApproveDefault: flag === 'true',
    requestRatePerHour: positiveInt(env, SETTING_VARIABLES.requestRatePerHour, DEFAULT_SETTINGS.requestRatePerHour),
    requestBurst: positiveInt(env, SETTING_VARIABLES.requestBurst, DEFAULT_SETTINGS.requestBurst),
  };
}

/**
 * The environment variables that make readSettings return `settings` (only those given), for the CDK
 * stack to set on the functions: the variable names stay in this module.
 */
export function settingsEnvironment(settings: Partial<Settings>): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const key of Object.keys(SETTING_VARIABLES) as (keyof Settings)[]) {
    const value = settings[key];
    if (value !== undefined) environment[SETTING_VARIABLES[key]] = String(value);
  }
  return environment;
}

export class ConfigError extends Error {
  constructor(variable: string, why: string) {
    super(`environment variable ${variable} ${why}`);
    this.name = 'ConfigError';
  }
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new ConfigError('TABLE_NAME', 'is required (the DynamoDB table of the registry)');
  const config: Config = { tableName, region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1', settings: readSettings(env), sinks: readSinkDeployment(env) };
  if (env.DYNAMODB_ENDPOINT) {
    try {
      new URL(env.DYNAMODB_ENDPOINT);
    } catch {
      throw new ConfigError('DYNAMODB_ENDPOINT', `must be a URL such as http://127.0.0.1:8000, got "${env.DYNAMODB_ENDPOINT}"`);
    }
    config.dynamodbEndpoint = env.DYNAMODB_ENDPOINT;
  }
  if (env.EVENT_BUS_NAME) config.eventBusName = env.EVENT_BUS_NAME;
  return config;
}

/**
 * The CORS origin alone (CORS_ORIGIN), for the HTTP layer of every function, including the docs group,
 * which needs no table. Deployed, API Gateway answers CORS itself and this stays unset.
 */
export function corsOrigin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.CORS_ORIGIN || undefined;
}

let cached: Config | undefined;
/** The process-wide configuration, read on first use (or the one given to useConfig). */
export function config(): Config {
  return (cached ??= readConfig());
}

/**
 * Makes `c` the process-wide configuration. For local runs (npm start, npm run worker, the benchmarks),
 * which learn their DynamoDB endpoint only once DynamoDB Local is up: called before the handler modules
 * are imported, it gives them the configuration that Lambda would give them through the environment.
 */
export function useConfig(c: Config): void {
  cached = c;
}

/** The DynamoDB the user chose (DYNAMODB_ENDPOINT); when unset, local runs start DynamoDB Local. */
export function chosenDynamodbEndpoint(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.DYNAMODB_ENDPOINT || undefined;
}

/**
 * Whether a script runs under `npm run` without `-s` (npm_lifecycle_event set, npm_config_loglevel not
 * silent): npm has then printed its banner on the same standard output, before anything the script prints.
 */
export function npmBannerPrinted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.npm_lifecycle_event !== undefined && env.npm_config_loglevel !== 'silent';
}

/** The HTTP port of `npm start` (PORT), as given; the script checks it. */
export function localPort(env: NodeJS.ProcessEnv = process.env): string {
  return env.PORT ?? '3000';
}

/**
 * The configuration of a local run: the same variables as in Lambda, with local defaults for what a laptop
 * does not set (the schema.yaml table name, region `local`) and the endpoint of the DynamoDB Local it started.
 */
export function readLocalConfig(local: { defaultTableName: string; dynamodbEndpoint?: string; embeddedSinkDir?: string; databaseUrl?: string }, env: NodeJS.ProcessEnv = process.env): Config {
  return readConfig({
    ...env,
    ...(local.embeddedSinkDir && !env.SINK_EMBEDDED_DIR ? { SINK_EMBEDDED_DIR: local.embeddedSinkDir } : {}),
    ...(local.databaseUrl ? { DATABASE_URL: local.databaseUrl } : {}),
    TABLE_NAME: env.TABLE_NAME || local.defaultTableName,
    AWS_REGION: env.AWS_REGION || 'local',
    ...(local.dynamodbEndpoint ? { DYNAMODB_ENDPOINT: local.dynamodbEndpoint } : {}),
  });
}

/** Where `cdk synth` and `cdk deploy` put the stacks: the account and region the CDK CLI resolved. */
export interface DeployTarget {
  account: string | undefined;
  region: string;
}

/**
 * The region of a synth when the CLI resolved none (no AWS profile, as in `npm test`): the stacks are
 * region-agnostic in content, and a fixed one keeps `cdk synth` offline and its output stable.
 */
export const FALLBACK_DEPLOY_REGION = 'us-east-1';

/** The CDK CLI's account and region (CDK_DEFAULT_ACCOUNT, CDK_DEFAULT_REGION), the region falling back to FALLBACK_DEPLOY_REGION. */
export function readDeployTarget(env: NodeJS.ProcessEnv = process.env): DeployTarget {
  return { account: env.CDK_DEFAULT_ACCOUNT, region: env.CDK_DEFAULT_REGION ?? FALLBACK_DEPLOY_REGION };
}

/** How the console signs people in: a pasted token (local), or Cognito's hosted UI with PKCE (deployed). */
export type ConsoleAuth = { type: 'token' } | { type: 'cognito'; domain_url: string; client_id: string };

/**
 * The console's sign-in (CONSOLE_COGNITO_DOMAIN_URL and CONSOLE_COGNITO_CLIENT_ID, set together by the CDK
 * stack on the console function); without them the console asks for a token.
 */
export function consoleAuth(env: NodeJS.ProcessEnv = process.env): ConsoleAuth {
  const domain = env.CONSOLE_COGNITO_DOMAIN_URL;
  const client = env.CONSOLE_COGNITO_CLIENT_ID;
  if (!domain && !client) return { type: 'token' };
  if (!domain || !client) throw new ConfigError(domain ? 'CONSOLE_COGNITO_CLIENT_ID' : 'CONSOLE_COGNITO_DOMAIN_URL', 'is required when the other console Cognito variable is set');
  if (!/^https:\/\/[a-z0-9.-]+$/.test(domain)) throw new ConfigError('CONSOLE_COGNITO_DOMAIN_URL', `must be an https origin such as https://registry.auth.eu-west-1.amazoncognito.com, got "${domain}"`);
  return { type: 'cognito', domain_url: domain, client_id: client };
}

/**
 * The issuer and audiences the Lambda authorizer trusts (JWT_ISSUER, JWT_AUDIENCE comma-separated), set by
 * the CDK stack to what API Gateway's JWT authorizer is given, so both accept exactly the same tokens.
 */
export function jwtTrust(env: NodeJS.ProcessEnv = process.env): { issuer: string; audience: string[] } {
  const issuer = env.JWT_ISSUER;
  const audience = (env.JWT_AUDIENCE ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  if (!issuer) throw new ConfigError('JWT_ISSUER', 'is required: the iss of the tokens the API accepts');
  if (audience.length === 0) throw new ConfigError('JWT_AUDIENCE', 'is required: the aud (or client_id) values the API accepts, comma-separated');
  return { issuer, audience };
}
