/**
 * A real PostgreSQL server through node-postgres. One client per transaction, closed after it: a
 * migration is rare, and holding no pool means a Lambda freezes with no open connection.
 */
import pg from 'pg';
import { SinkUnavailableError, scrubMessage } from '../errors.js';
import { placeholders, postgresPrologue, type SinkDriver, type SinkTransaction } from './driver.js';

const CONNECT_TIMEOUT_MS = 10_000;

export class PostgresDriver implements SinkDriver {
  readonly dialect = 'postgres' as const;
  readonly transactionalDdl = true;
  readonly secrets: readonly string[];

  constructor(private readonly url: string) {
    this.secrets = secretsOfUrl(url);
  }

  async transaction<T>(namespace: string | undefined, work: (tx: SinkTransaction) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    // A connection dropped while idle emits 'error'; unhandled, it would end the process.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      throw new SinkUnavailableError(`cannot connect to the PostgreSQL sink: ${scrubMessage(error, this.secrets)}`);
    }
    const tx: SinkTransaction = {
      query: async <R>(sql: string, params: readonly unknown[] = []) =>
        (await client.query(placeholders(sql, params), params.length === 0 ? undefined : [...params])).rows as R[],
    };
    try {
      await client.query('BEGIN');
      await postgresPrologue(tx, namespace);
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      await client.end().catch(() => {});
    }
  }

  async close(): Promise<void> {}
}

/** The URL and the parts of it a server might echo back. */
export function secretsOfUrl(url: string): string[] {
  const secrets = [url];
  try {
    const parsed = new URL(url);
    if (parsed.password) secrets.push(parsed.password, decodeURIComponent(parsed.password));
    if (parsed.username) secrets.push(parsed.username, decodeURIComponent(parsed.username));
  } catch {
    // Not a URL: the whole value is already listed.
  }
  return secrets;
}
