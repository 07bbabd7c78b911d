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
  /** CORS allowed origin (CORS_ORIGIN); absent means no CORS headers. */
  corsOrigin?: string;
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
  const config: Config = { tableName, region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1' };
  if (env.DYNAMODB_ENDPOINT) {
    try {
      new URL(env.DYNAMODB_ENDPOINT);
    } catch {
      throw new ConfigError('DYNAMODB_ENDPOINT', `must be a URL such as http://127.0.0.1:8000, got "${env.DYNAMODB_ENDPOINT}"`);
    }
    config.dynamodbEndpoint = env.DYNAMODB_ENDPOINT;
  }
  if (env.CORS_ORIGIN) config.corsOrigin = env.CORS_ORIGIN;
  return config;
}

let cached: Config | undefined;
/** The process-wide configuration, read on first use. */
export function config(): Config {
  return (cached ??= readConfig());
}
