/**
 * Resolves a sink's connection reference to a driver, at the moment of use: the URL is read from the
 * environment or Secrets Manager, handed to the driver and kept nowhere else. Messages name the
 * reference (the variable, the ARN), never the value.
 */
import type { RDSDataClient } from '@aws-sdk/client-rds-data';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DataApiDriver } from './drivers/data-api.js';
import type { SinkDriver } from './drivers/driver.js';
import { PgliteDriver } from './drivers/pglite.js';
import { PostgresDriver } from './drivers/postgres.js';
import { SqliteDriver } from './drivers/sqlite.js';
import { SinkSettingsError, SinkUnavailableError } from './errors.js';
import type { Sink, SinkDialect } from './types.js';

export interface SinkConnectorOptions {
  /** The process environment (from lib/config), where `env` references are looked up. */
  env: Readonly<Record<string, string | undefined>>;
  /** Directory of the embedded PostgreSQL (`memory://` for a throwaway one); absent: no embedded sink. */
  embeddedDataDir?: string;
  /** Reads a secret's string value; absent: `secret` references are refused. */
  readSecret?: (arn: string) => Promise<string>;
  /** For `data_api` references; absent: they are refused. */
  dataApi?: Pick<RDSDataClient, 'send'>;
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
          requirePostgres(sink, 'the embedded database');
          if (!options.embeddedDataDir) throw new SinkUnavailableError(`sink "${sink.name}" uses the embedded database, which this deployment does not run`);
          embedded ??= PgliteDriver.open(options.embeddedDataDir);
          return embedded;
        case 'data_api':
          requirePostgres(sink, 'the RDS Data API');
          if (!options.dataApi) throw new SinkUnavailableError(`sink "${sink.name}" uses the RDS Data API, which this deployment has no client for`);
          return new DataApiDriver(options.dataApi, connection);
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
          return driverForUrl(sink, secretToUrl(value), `secret ${connection.secret_arn}`);
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

/** Reads a secret's string with Secrets Manager. */
export function secretsManagerReader(client: Pick<SecretsManagerClient, 'send'>): (arn: string) => Promise<string> {
  return async (arn) => {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!SecretString) throw new Error('secret has no string value');
    return SecretString;
  };
}

const SCHEMES: Record<SinkDialect, RegExp> = { postgres: /^postgres(?:ql)?:\/\//, sqlite: /^(?:sqlite|file):/ };

function driverForUrl(sink: Sink, url: string, source: string): SinkDriver {
  if (!SCHEMES[sink.dialect].test(url)) {
    const example = sink.dialect === 'postgres' ? 'postgres://user:password@host:5432/database' : 'sqlite:/var/lib/app/app.db';
    throw new SinkUnavailableError(`sink "${sink.name}": ${source} does not hold a ${sink.dialect} URL; it must look like ${example}`);
  }
  return sink.dialect === 'postgres' ? new PostgresDriver(url) : new SqliteDriver(url);
}

function requirePostgres(sink: Sink, what: string): void {
  if (sink.dialect !== 'postgres') throw new SinkSettingsError(`sink "${sink.name}" is ${sink.dialect}, but ${what} is PostgreSQL; set dialect to "postgres"`);
}

/** A secret holds a URL, or RDS's generated JSON (`username`, `password`, `host`, `port`, `dbname`). */
export function secretToUrl(value: string): string {
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
  return `postgres://${part('username')}:${part('password')}@${part('host')}${port}/${part('dbname') || 'postgres'}`;
}
