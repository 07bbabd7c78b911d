/**
 * Resolves a sink's connection reference to a driver, at the moment of use: the URL is read from the
 * environment or Secrets Manager, handed to the driver and kept nowhere else. Messages name the
 * reference (the variable, the ARN), never the value.
 */
import type { RDSDataClient } from '@aws-sdk/client-rds-data';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SinkDriver } from './drivers/driver.js';
import type { PgliteDriver } from './drivers/pglite.js';
import { SinkSettingsError, SinkUnavailableError } from './errors.js';
import type { Sink, SinkDialect } from './types.js';

export interface SinkConnectorOptions {
  /** The process environment (from lib/config), where `env` references are looked up. */
  env: Readonly<Record<string, string | undefined>>;
  /** Directory of the embedded PostgreSQL (`memory://` for a throwaway one); absent: no embedded sink. */
  embeddedDataDir?: string;
  /** Reads a secret's string value; absent: `secret` references are refused. */
  readSecret?: (arn: string) => Promise<string>;
  /** The client for `data_api` references, made on first use; absent: they are refused. */
  dataApi?: () => Promise<Pick<RDSDataClient, 'send'>>;
}

export interface SinkConnector {
  connect(sink: Sink): Promise<SinkDriver>;
  /** Closes what stays open (the embedded database). */
  close(): Promise<void>;
}

export function createSinkConnector(options: SinkConnectorOptions): SinkConnector {
  let embedded: Promise<PgliteDriver> | undefined;
  return {
    async connect(sink) {
      const { connection } = sink;
      switch (connection.kind) {
        case 'embedded':
          requireDialect(sink, ['postgres'], 'the embedded database is PostgreSQL');
          if (!options.embeddedDataDir) throw new SinkUnavailableError(`sink "${sink.name}" uses the embedded database, which this deployment does not run`);
          // Drivers are imported when a sink first needs one: a function that never applies never loads them.
          embedded ??= import('./drivers/pglite.js').then(({ PgliteDriver }) => PgliteDriver.open(options.embeddedDataDir!));
          return embedded;
        case 'data_api': {
          const dialect = requireDialect(sink, ['postgres', 'mysql'], 'the RDS Data API serves Aurora PostgreSQL and Aurora MySQL');
          if (!options.dataApi) throw new SinkUnavailableError(`sink "${sink.name}" uses the RDS Data API, which this deployment has no client for`);
          const { DataApiDriver } = await import('./drivers/data-api.js');
          return new DataApiDriver(await options.dataApi(), connection, dialect);
        }
        case 'env': {
          const url = options.env[connection.variable];
          if (!url) throw new SinkUnavailableError(`sink "${sink.name}": environment variable ${connection.variable} is not set; set it to the database URL`);
          return driverForUrl(sink, url, `environment variable ${connection.variable}`);
        }
        case 'secret': {
          if (!options.readSecret) throw new SinkUnavailableError(`sink "${sink.name}" uses a Secrets Manager secret, which this deployment cannot read`);
          const value = await options.readSecret(connection.secret_arn).catch(() => {
            throw new SinkUnavailableError(`sink "${sink.name}": secret ${connection.secret_arn} cannot be read; check that it exists and that the apply function may read it`);
          });
          return driverForUrl(sink, secretToUrl(value, sink.dialect), `secret ${connection.secret_arn}`);
        }
      }
    },
    async close() {
      const driver = await embedded;
      embedded = undefined;
      await driver?.close();
    },
  };
}

/** Reads a secret's string with Secrets Manager, with the client `client` makes on first use. */
export function secretsManagerReader(client: () => Promise<Pick<SecretsManagerClient, 'send'>>): (arn: string) => Promise<string> {
  return async (arn) => {
    const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const { SecretString } = await (await client()).send(new GetSecretValueCommand({ SecretId: arn }));
    if (!SecretString) throw new Error('secret has no string value');
    return SecretString;
  };
}

const URLS: Record<SinkDialect, { scheme: RegExp; example: string; open: (url: string) => Promise<SinkDriver> }> = {
  postgres: { scheme: /^postgres(?:ql)?:\/\//, example: 'postgres://user:password@host:5432/database', open: async (url) => new (await import('./drivers/postgres.js')).PostgresDriver(url) },
  sqlite: { scheme: /^(?:sqlite|file):/, example: 'sqlite:/var/lib/app/app.db', open: async (url) => new (await import('./drivers/sqlite.js')).SqliteDriver(url) },
  mysql: { scheme: /^(?:mysql|mariadb):\/\//, example: 'mysql://user:password@host:3306/database', open: async (url) => new (await import('./drivers/mysql.js')).MysqlDriver(url) },
};

function driverForUrl(sink: Sink, url: string, source: string): Promise<SinkDriver> {
  const { scheme, example, open } = URLS[sink.dialect];
  if (!scheme.test(url)) throw new SinkUnavailableError(`sink "${sink.name}": ${source} does not hold a ${sink.dialect} URL; it must look like ${example}`);
  return open(url);
}

function requireDialect<D extends SinkDialect>(sink: Sink, dialects: readonly D[], why: string): D {
  if ((dialects as readonly SinkDialect[]).includes(sink.dialect)) return sink.dialect as D;
  throw new SinkSettingsError(`sink "${sink.name}" is ${sink.dialect}, but ${why}; set dialect to ${dialects.map((d) => `"${d}"`).join(' or ')}`);
}

/**
 * A secret holds a URL, or RDS's generated JSON (`username`, `password`, `host`, `port`, `dbname`),
 * made a URL of the sink's dialect.
 */
export function secretToUrl(value: string, dialect: SinkDialect = 'postgres'): string {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  let secret: Record<string, unknown>;
  try {
    secret = JSON.parse(trimmed) as Record<string, unknown>;
  } catch {
    return '';
  }
  const part = (key: string) => encodeURIComponent(String(secret[key] ?? ''));
  const port = secret.port === undefined ? '' : `:${part('port')}`;
  const [scheme, database] = dialect === 'mysql' ? ['mysql', part('dbname')] : ['postgres', part('dbname') || 'postgres'];
  return `${scheme}://${part('username')}:${part('password')}@${part('host')}${port}/${database}`;
}
