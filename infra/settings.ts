/**
 * The only reader of CDK context (`-c name=value` or cdk.json): every deployment knob, its default, and a
 * check that fails at synth time naming the bad value and the fix, rather than at deploy time.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { parseGroup, ROLES } from '../lib/auth/roles.js';
import { settingsEnvironment, type Settings } from '../lib/config.js';
import { SHARED_ATTRIBUTES } from '../lib/generated/table.js';
import { CLUSTER_ARN, SECRET_ARN } from '../lib/sinks/index.js';
import type { SinkGrants } from './constructs/sink-access.js';
import { DEFAULT_LOG_RETENTION, DEFAULT_THROTTLE } from './constructs/defaults.js';

/** Everything a deployment can choose; `docs/deploy.md` lists the same parameters. */
export interface RegistrySettings {
  /** Prefix of the two stack names (`<prefix>-Data`, `<prefix>-Api`), so several copies fit one account. */
  readonly stackPrefix: string;
  /** Physical table name; absent lets CloudFormation name the table. */
  readonly tableName?: string;
  /** Retention of function and access logs. */
  readonly logRetention: RetentionDays;
  /** Steady-state requests per second and burst of the API's default stage. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Browser origins allowed by CORS; empty means no CORS headers at all. */
  readonly corsOrigins: readonly string[];
  /** An existing OpenID Connect issuer; absent means the app creates a Cognito user pool. */
  readonly jwt?: { readonly issuer: string; readonly audience: readonly string[] };
  /** Cognito groups `{workspace_id}:{role}` created with the pool (only without `jwt`). */
  readonly bootstrapGroups: readonly string[];
  /** Address subscribed to the alarm topic; absent means nobody is (subscribe later). */
  readonly alarmEmail?: string;
  /** Behaviour of the functions, as the environment variables lib/config.ts reads. */
  readonly functionEnvironment: Readonly<Record<string, string>>;
  /** The secrets and Aurora clusters each workspace's sinks may name; only the applying functions get them. */
  readonly sinkGrants: SinkGrants;
}

export const DEFAULT_SETTINGS = {
  stackPrefix: 'SchemaRegistry',
  logRetention: DEFAULT_LOG_RETENTION,
  throttle: DEFAULT_THROTTLE,
} as const;

/**
 * Thrown for a context value that cannot be used; the message, one line, names the parameter, the value and
 * what it takes. `value` undefined: the parameter is missing, and `fix` says why it is needed.
 */
export class SettingsError extends Error {
  constructor(
    readonly parameter: string,
    value: unknown,
    fix: string,
  ) {
    super(value === undefined ? `context parameter ${parameter} is missing: ${fix}` : `context parameter ${parameter}=${JSON.stringify(value)} ${fix}`);
    this.name = 'SettingsError';
  }
}

/** Reads context values through `get` (usually `app.node.tryGetContext`). */
export function readSettings(get: (key: string) => unknown): RegistrySettings {
  const issuer = optionalString(get, 'jwtIssuer');
  const audience = list(get, 'jwtAudience');
  const neither = 'or neither, to create a Cognito user pool';
  if (issuer !== undefined && audience.length === 0) {
    throw new SettingsError(
      'jwtAudience',
      undefined,
      `jwtIssuer is set without jwtAudience; give jwtAudience too, the aud (or client_id) values the issuer's tokens carry, comma-separated (e.g. -c jwtAudience=my-client-id), ${neither}`,
    );
  }
  if (issuer === undefined && audience.length > 0) {
    throw new SettingsError('jwtIssuer', undefined, `jwtAudience is set without jwtIssuer; give jwtIssuer too, the https URL of the tokens' iss claim (e.g. -c jwtIssuer=https://issuer.example.com), ${neither}`);
  }
  if (issuer !== undefined && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(issuer)) {
    throw new SettingsError('jwtIssuer', issuer, 'must be an https URL, e.g. https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123');
  }
  const bootstrapGroups = list(get, 'bootstrapGroups');
  if (issuer !== undefined && bootstrapGroups.length > 0) {
    throw new SettingsError('bootstrapGroups', bootstrapGroups, 'only applies to the Cognito user pool the app creates; drop it when jwtIssuer is set');
  }
  bootstrapGroups.forEach(checkGroupName);

  const stackPrefix = optionalString(get, 'stackPrefix') ?? DEFAULT_SETTINGS.stackPrefix;
  if (!/^[A-Za-z][A-Za-z0-9-]{0,63}$/.test(stackPrefix)) {
    throw new SettingsError('stackPrefix', stackPrefix, 'must start with a letter and hold only letters, digits and "-", e.g. SchemaRegistry-dev');
  }
  const corsOrigins = list(get, 'corsOrigins');
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^\s/]+$/.test(origin)) {
      throw new SettingsError('corsOrigins', origin, 'must list origins such as https://app.example.com (scheme and host, no path), comma-separated');
    }
  }
  const tableName = optionalString(get, 'tableName');
  if (tableName !== undefined && !/^[A-Za-z0-9_.-]{3,255}$/.test(tableName)) {
    throw new SettingsError('tableName', tableName, 'must be 3-255 characters of letters, digits, "_", "-" and ".", e.g. schema-registry');
  }
  const alarmEmail = optionalString(get, 'alarmEmail');
  if (alarmEmail !== undefined && !/^[^\s@]+@[^\s@]+$/.test(alarmEmail)) {
    throw new SettingsError('alarmEmail', alarmEmail, 'must be an e-mail address, e.g. ops@example.com');
  }

  const autoApprove = optionalString(get, 'autoApprove');
  if (autoApprove !== undefined && autoApprove !== 'true' && autoApprove !== 'false') {
    throw new SettingsError('autoApprove', autoApprove, 'must be true or false');
  }
  const functionSettings: Partial<Settings> = {};
  if (autoApprove !== undefined) functionSettings.autoApproveDefault = autoApprove === 'true';
  for (const key of ['requestRatePerHour', 'requestBurst'] as const) {
    const n = positiveNumber(get, key);
    if (n !== undefined && !Number.isInteger(n)) throw new SettingsError(key, String(n), 'must be a whole number, e.g. 20');
    if (n !== undefined) functionSettings[key] = n;
  }

  return {
    stackPrefix,
    functionEnvironment: settingsEnvironment(functionSettings),
    sinkGrants: sinkGrants(get),
    logRetention: retention(get, 'logRetentionDays'),
    throttle: {
      rateLimit: positiveNumber(get, 'throttleRateLimit') ?? DEFAULT_SETTINGS.throttle.rateLimit,
      burstLimit: positiveNumber(get, 'throttleBurstLimit') ?? DEFAULT_SETTINGS.throttle.burstLimit,
    },
    corsOrigins,
    bootstrapGroups,
    ...(tableName !== undefined ? { tableName } : {}),
    ...(issuer !== undefined ? { jwt: { issuer, audience } } : {}),
    ...(alarmEmail !== undefined ? { alarmEmail } : {}),
  };
}

const WORKSPACE_ID = new RegExp(SHARED_ATTRIBUTES.workspace_id.pattern);

/**
 * `sinks`: a JSON object (in cdk.json, or `-c 'sinks={...}'`) of workspace id, or `*`, to the Secrets
 * Manager secret ARNs and Aurora cluster ARNs its sinks may name.
 */
function sinkGrants(get: (key: string) => unknown): SinkGrants {
  let value = get('sinks');
  if (value === undefined || value === null || value === '') return {};
  const example = 'must map workspace ids (or "*") to lists of secret and cluster ARNs, e.g. {"acme": ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-db-AbCdEf"]}';
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new SettingsError('sinks', value, example);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SettingsError('sinks', value, example);
  for (const [workspace, references] of Object.entries(value)) {
    if (workspace !== '*' && !WORKSPACE_ID.test(workspace)) throw new SettingsError('sinks', workspace, `names no workspace; ${example}`);
    if (!Array.isArray(references)) throw new SettingsError('sinks', references, example);
    for (const reference of references) {
      if (typeof reference !== 'string' || !(SECRET_ARN.test(reference) || CLUSTER_ARN.test(reference))) {
        // Environment variables would put the URL, password included, in the function's configuration.
        throw new SettingsError('sinks', reference, 'must list Secrets Manager secret ARNs or Aurora cluster ARNs (on AWS a sink is never an environment variable)');
      }
    }
  }
  return value as SinkGrants;
}

function checkGroupName(group: string): void {
  if (!parseGroup(group)) {
    throw new SettingsError('bootstrapGroups', group, `must list groups named {workspace_id}:{role} with role one of ${ROLES.join(', ')}, e.g. acme:admin`);
  }
}

function optionalString(get: (key: string) => unknown, key: string): string | undefined {
  const value = get(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new SettingsError(key, value, 'must be a string');
  return value.trim();
}

/** A list given either as a JSON array (cdk.json) or as a comma-separated string (`-c key=a,b`). */
function list(get: (key: string) => unknown, key: string): string[] {
  const value = get(key);
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!items || items.some((i) => typeof i !== 'string')) throw new SettingsError(key, value, 'must be a comma-separated string or an array of strings');
  return (items as string[]).map((i) => i.trim()).filter((i) => i !== '');
}

function positiveNumber(get: (key: string) => unknown, key: string): number | undefined {
  const value = get(key);
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new SettingsError(key, value, 'must be a positive number, e.g. 50');
  return n;
}

function retention(get: (key: string) => unknown, key: string): RetentionDays {
  const days = positiveNumber(get, key);
  if (days === undefined) return DEFAULT_SETTINGS.logRetention;
  const allowed = Object.values(RetentionDays).filter((v): v is RetentionDays => typeof v === 'number');
  if (!allowed.includes(days as RetentionDays)) {
    throw new SettingsError(key, days, `must be a retention CloudWatch Logs accepts: ${allowed.join(', ')}`);
  }
  return days as RetentionDays;
}
