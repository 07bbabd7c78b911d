/**
 * The only place that reads the environment. Read once per process; a missing required variable fails
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

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(name, `must be a positive integer, got "${raw}"`);
  return n;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const flag = env.ENABLE_SCHEMA_AUTO_CREATE;
  if (flag !== undefined && flag !== '' && flag !== 'true' && flag !== 'false') throw new ConfigError('ENABLE_SCHEMA_AUTO_CREATE', `must be "true" or "false", got "${flag}"`);
  return {
    autoApproveDefault: flag === 'true',
    requestRatePerHour: positiveInt(env, 'SCHEMA_REQUEST_RATE_PER_HOUR', DEFAULT_SETTINGS.requestRatePerHour),
    requestBurst: positiveInt(env, 'SCHEMA_REQUEST_BURST', DEFAULT_SETTINGS.requestBurst),
  };
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
  const config: Config = { tableName, region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1', settings: readSettings(env) };
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
/** The process-wide configuration, read on first use. */
export function config(): Config {
  return (cached ??= readConfig());
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
