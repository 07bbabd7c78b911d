/**
 * The HTTP API: one route per entry of the route table, each integrated with its group's function, an
 * authorizer on every route that is not public (API Gateway's JWT authorizer, or the Lambda authorizer
 * where a route accepts HTTP Basic), throttling and JSON access logs on the default stage.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROUTES, type RouteGroup } from '../../functions/routes.js';
import { routeKey, type Route } from '../../lib/api/route.js';
import { DEFAULT_LOG_RETENTION, DEFAULT_THROTTLE } from './defaults.js';

/** The token issuer the API trusts. */
export interface JwtIssuer {
  /** The `iss` claim, e.g. `https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123`. */
  readonly issuer: string;
  /** Accepted `aud` or `client_id` values. */
  readonly audience: readonly string[];
}

export interface RegistryApiProps {
  /** The function serving each route group (every group that has a route). */
  readonly functions: Readonly<Partial<Record<RouteGroup, IFunction>>>;
  /** Issuer of the bearer tokens that non-public routes require. */
  readonly jwt: JwtIssuer;
  /**
   * The authorizer function (functions/authorizer.ts) of the routes that accept HTTP Basic, trusting the
   * same issuer and audiences as `jwt`.
   * @default - none; required when a route accepts HTTP Basic
   */
  readonly basicAuthorizer?: IFunction;
  /**
   * Routes to serve.
   * @default ROUTES of functions/routes.ts
   */
  readonly routes?: readonly Route<RouteGroup>[];
  /**
   * Requests per second (steady) and burst of the default stage.
   * @default { rateLimit: 50, burstLimit: 100 }
   */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Origins allowed by CORS. API Gateway then answers preflights itself and replaces any CORS headers
   * the functions send.
   * @default - no CORS configuration
   */
  readonly corsOrigins?: readonly string[];
  /**
   * Retention of the access log group.
   * @default RetentionDays.ONE_MONTH
   */
  readonly accessLogRetention?: RetentionDays;
}

/** One JSON object per request; `$context` variables of HTTP APIs. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    sub: '$context.authorizer.claims.sub',
    basicSub: '$context.authorizer.sub',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

export class RegistryApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: RegistryApiProps) {
    super(scope, id);
    const routes = props.routes ?? ROUTES;
    const origins = props.corsOrigins ?? [];
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Schema registry',
      // The stage is created below, with throttling and access logs.
      createDefaultStage: false,
      ...(origins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...origins],
              allowMethods: [...new Set(routes.map((r) => r.method)), 'OPTIONS'].map((m) => CorsHttpMethod[m as keyof typeof CorsHttpMethod]),
              allowHeaders: [...new Set(['authorization', 'content-type', ...routes.flatMap((r) => r.headers?.map((h) => h.name.toLowerCase()) ?? [])])],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.accessLogRetention ?? DEFAULT_LOG_RETENTION });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? DEFAULT_THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: ACCESS_LOG_FORMAT },
    });

    const authorizer = new HttpJwtAuthorizer('JwtAuthorizer', props.jwt.issuer, {
      jwtAudience: [...props.jwt.audience],
      identitySource: ['$request.header.Authorization'],
    });
    // No result cache: a cached answer would outlive the token's expiry, and the routes behind it (a
    // serializer's schema look-ups, which it caches itself) are not hot.
    const basicAuthorizer = props.basicAuthorizer
      ? new HttpLambdaAuthorizer('BasicAuthorizer', props.basicAuthorizer, {
          responseTypes: [HttpLambdaResponseType.SIMPLE],
          identitySource: ['$request.header.Authorization'],
          resultsCacheTtl: Duration.seconds(0),
        })
      : undefined;
    const authorizerOf = (route: Route<RouteGroup>) => {
      if (!route.wire?.basicAuth) return authorizer;
      if (!basicAuthorizer) throw new Error(`route ${routeKey(route)} accepts HTTP Basic, which the JWT authorizer cannot read; give RegistryApi a basicAuthorizer (functions/authorizer.ts)`);
      return basicAuthorizer;
    };
    const integrations = new Map<RouteGroup, HttpLambdaIntegration>();
    for (const route of routes) {
      const fn = props.functions[route.group];
      if (!fn) throw new Error(`route ${routeKey(route)} belongs to group "${route.group}", which has no function; list its group module in functions/routes.ts`);
      let integration = integrations.get(route.group);
      if (!integration) integrations.set(route.group, (integration = new HttpLambdaIntegration(`${route.group}-integration`, fn)));
      const isPublic = route.role === 'public';
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        ...(isPublic ? {} : { authorizer: authorizerOf(route) }),
      });
      if (isPublic) {
        const reason = `${routeKey(route)} is public by design: its role in functions/routes.ts is "public", so it takes no token.`;
        Validations.of(httpRoute!).acknowledge({ id: 'AwsSolutions-APIG4', reason }, { id: 'AwsSolutions-COG4', reason });
      }
    }
  }

  /** The API's base URL. */
  get url(): string {
    return this.stage.url;
  }
}
