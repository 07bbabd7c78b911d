/**
 * Sink settings as an admin gives them (untrusted): validated into a `Sink`, refusing anything that
 * looks like a credential by value. Also the namespace each workspace gets on a shared database.
 */
import { createHash } from 'node:crypto';
import type { ErrorDetail } from '../errors.js';
import { identifierProblem, MAX_IDENTIFIER_LENGTH, show } from '../sql/identifiers.js';
import { isObject } from '../util/json.js';
import { SinkSettingsError } from './errors.js';
import { SINK_DIALECTS, type Sink, type SinkConnection, type SinkDialect } from './types.js';

/** Upper-case names; `AWS_*` is the runtime's own credentials and configuration, never a database URL. */
const ENV_VARIABLE = /^(?!AWS_)[A-Z][A-Z0-9_]{0,127}$/;
export const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$/;
export const CLUSTER_ARN = /^arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:cluster:[a-z][a-z0-9-]{0,62}$/;
const EXAMPLES = {
  env: '{"kind": "env", "variable": "ANALYTICS_DATABASE_URL"}',
  secret: '{"kind": "secret", "secret_arn": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:analytics-db-AbCdEf"}',
  data_api: '{"kind": "data_api", "cluster_arn": "arn:aws:rds:eu-west-1:123456789012:cluster:analytics", "secret_arn": "arn:aws:secretsmanager:…", "database": "analytics"}',
};

/** Validates `input` as the settings of sink `name`; throws SinkSettingsError (422) listing every problem. */
export function parseSinkSettings(name: string, input: unknown): Sink {
  const errors: ErrorDetail[] = [];
  const report = (path: string, message: string) => errors.push({ path, keyword: 'sink', message });
  const nameProblem = identifierProblem('sink name', name, 'default');
  if (nameProblem) report('', nameProblem);
  if (!isObject(input)) throw invalid(name, [{ path: '', keyword: 'sink', message: `sink settings must be an object, e.g. {"dialect": "postgres", "connection": ${EXAMPLES.env}}` }]);
  const dialect = input.dialect as SinkDialect;
  if (!SINK_DIALECTS.includes(dialect)) report('/dialect', `dialect ${show(input.dialect)} is not supported for sinks; use ${SINK_DIALECTS.map((d) => `"${d}"`).join(' or ')}`);
  const connection = parseConnection(input.connection, report);
  if (input.namespace !== undefined) {
    const problem = identifierProblem('namespace', input.namespace, 'analytics');
    if (problem) report('/namespace', problem);
    else if (dialect === 'sqlite') report('/namespace', 'SQLite has no schemas; leave namespace out and give each workspace its own database file');
  }
  for (const key of Object.keys(input).filter((k) => !['dialect', 'connection', 'namespace'].includes(k))) report(`/${key}`, `unknown property ${show(key)}; use dialect, connection, namespace`);
  if (errors.length > 0 || !connection) throw invalid(name, errors);
  return { name, dialect, connection, ...(typeof input.namespace === 'string' ? { namespace: input.namespace } : {}) };
}

function parseConnection(input: unknown, report: (path: string, message: string) => void): SinkConnection | undefined {
  if (typeof input === 'string') {
    report('/connection', 'a connection is given by reference, never as a URL or password; e.g. ' + EXAMPLES.env);
    return undefined;
  }
  if (!isObject(input)) {
    report('/connection', `connection must be an object, e.g. ${EXAMPLES.env}`);
    return undefined;
  }
  const field = (key: string, pattern: RegExp, hint: string): string | undefined => {
    const value = input[key];
    if (typeof value === 'string' && pattern.test(value)) return value;
    // The value itself is not echoed: a pasted URL or password would land in a response and a log.
    report(`/connection/${key}`, `${key} must be ${hint}`);
    return undefined;
  };
  const allowOnly = (keys: string[]) => {
    const hint = keys.length === 0 ? 'it takes no other properties' : `use ${keys.join(', ')}`;
    for (const key of Object.keys(input).filter((k) => !['kind', ...keys].includes(k))) report(`/connection/${key}`, `unknown property for a "${String(input.kind)}" connection; ${hint}`);
  };
  switch (input.kind) {
    case 'env': {
      allowOnly(['variable']);
      const variable = field('variable', ENV_VARIABLE, 'the NAME of an environment variable holding the URL (upper case, not AWS_*), e.g. "ANALYTICS_DATABASE_URL"');
      return variable === undefined ? undefined : { kind: 'env', variable };
    }
    case 'secret': {
      allowOnly(['secret_arn']);
      const secretArn = field('secret_arn', SECRET_ARN, 'a Secrets Manager secret ARN, e.g. "arn:aws:secretsmanager:eu-west-1:123456789012:secret:analytics-db-AbCdEf"');
      return secretArn === undefined ? undefined : { kind: 'secret', secret_arn: secretArn };
    }
    case 'data_api': {
      allowOnly(['cluster_arn', 'secret_arn', 'database']);
      const clusterArn = field('cluster_arn', CLUSTER_ARN, 'an Aurora cluster ARN, e.g. "arn:aws:rds:eu-west-1:123456789012:cluster:analytics"');
      const secretArn = field('secret_arn', SECRET_ARN, 'the Secrets Manager ARN of the cluster credentials');
      const database = field('database', /^[a-z_][a-z0-9_]{0,62}$/, 'a database name, e.g. "analytics"');
      return clusterArn && secretArn && database ? { kind: 'data_api', cluster_arn: clusterArn, secret_arn: secretArn, database } : undefined;
    }
    case 'embedded':
      allowOnly([]);
      return { kind: 'embedded' };
    default:
      report('/connection/kind', `connection kind ${show(input.kind)} is not supported; use "env", "secret", "data_api" or "embedded", e.g. ${EXAMPLES.env}`);
      return undefined;
  }
}

function invalid(name: string, errors: ErrorDetail[]): SinkSettingsError {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new SinkSettingsError(`sink ${show(name)} is invalid: ${errors[0]?.message ?? 'unknown problem'}${more}`, { errors });
}

/**
 * The PostgreSQL schema of a workspace on a shared database: `ws_` + the id with `-` as `_`
 * (workspace ids have no `_`, so distinct ids stay distinct; the prefix keeps `public` or `pg_*` out
 * of reach). Ids too long for PostgreSQL's 63 characters end in a hash instead of being cut.
 */
export function namespaceForWorkspace(workspaceId: string): string {
  const name = `ws_${workspaceId.replaceAll('-', '_')}`;
  if (name.length <= MAX_IDENTIFIER_LENGTH) return name;
  const hash = createHash('sha256').update(workspaceId).digest('hex').slice(0, 12);
  return `${name.slice(0, MAX_IDENTIFIER_LENGTH - hash.length - 1)}_${hash}`;
}
