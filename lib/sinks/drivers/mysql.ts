/**
 * A MySQL or MariaDB server through mysql2. One connection per session, closed after it (as for
 * PostgreSQL). There is no transaction around a migration: MySQL commits every DDL statement on its
 * own, so the session holds a named lock instead, and the runner records each statement as it runs.
 */
import type { Connection, ConnectionOptions } from 'mysql2/promise';
import { SinkSettingsError, SinkUnavailableError, scrubMessage } from '../errors.js';
import type { SinkDriver, SinkTransaction, SqlValue } from './driver.js';
import { mysqlAlreadyInPlace, mysqlLockName, mysqlPrologue } from './mysql-session.js';
import { secretsOfUrl } from './postgres.js';

const CONNECT_TIMEOUT_MS = 10_000;

export class MysqlDriver implements SinkDriver {
  readonly dialect = 'mysql' as const;
  readonly transactionalDdl = false;
  readonly secrets: readonly string[];
  private readonly options: ConnectionOptions;

  /** `url`: `mysql://user:password@host:3306/database` (or `mariadb://`), optionally `?socket=/path` or `?ssl=true`. */
  constructor(url: string) {
    this.secrets = secretsOfUrl(url);
    this.options = connectionOptions(url);
  }

  alreadyInPlace(error: unknown): boolean {
    return mysqlAlreadyInPlace(error);
  }

  async transaction<T>(namespace: string | undefined, work: (tx: SinkTransaction) => Promise<T>): Promise<T> {
    let connection: Connection;
    try {
      // Loaded on first use: only the functions that apply migrations ever open a MySQL sink, and the
      // rest should not pay for evaluating the driver at cold start.
      const { createConnection } = await import('mysql2/promise');
      connection = await createConnection(this.options);
    } catch (error) {
      throw new SinkUnavailableError(`cannot connect to the MySQL sink: ${scrubMessage(error, this.secrets)}`);
    }
    // A connection dropped while idle emits 'error'; unhandled, it would end the process.
    connection.on('error', () => {});
    const tx: SinkTransaction = {
      query: async <R>(sql: string, params: readonly SqlValue[] = []) => {
        // Statements without params go as text (DDL cannot always be prepared); the runner's own SQL is bound.
        const [rows] = params.length === 0 ? await connection.query(sql) : await connection.execute(sql, [...params]);
        return (Array.isArray(rows) ? rows : []) as R[];
      },
    };
    try {
      await mysqlPrologue(tx, mysqlLockName(this.options.database ?? '', namespace), namespace);
      return await work(tx);
    } finally {
      // Ending the session releases its named lock.
      await connection.end().catch(() => connection.destroy());
    }
  }

  async close(): Promise<void> {}
}

function connectionOptions(url: string): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SinkSettingsError('a MySQL sink URL must look like mysql://user:password@host:3306/database');
  }
  const options: ConnectionOptions = {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    charset: 'utf8mb4',
    connectTimeout: CONNECT_TIMEOUT_MS,
    // One statement per call: generated SQL is sent one statement at a time, never as a script.
    multipleStatements: false,
    dateStrings: true,
  };
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database) options.database = database;
  for (const [key, value] of parsed.searchParams) {
    if (key === 'socket') options.socketPath = value;
    else if (key === 'ssl' && value === 'true') options.ssl = {};
    // The parameter's name only: its value may be a credential someone put in the wrong place.
    else throw new SinkSettingsError(`a MySQL sink URL takes the parameters socket and ssl=true, not "${key}"`);
  }
  return options;
}
