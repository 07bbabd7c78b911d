/**
 * SQLite files through better-sqlite3 (file-backed, so the team's application and the registry share
 * one file with SQLite's own locking; sql.js would rewrite the whole file and lose their writes).
 *
 * Locking: BEGIN IMMEDIATE takes the write lock up front, so a second applier waits (busy timeout)
 * before it reads the tracking table, never after. better-sqlite3 waits synchronously, which would
 * freeze this process's event loop while another transaction of the same process holds the lock, so
 * transactions on one file are also queued in process.
 */
import type Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { SinkSettingsError, SinkUnavailableError, scrubMessage } from '../errors.js';
import type { SinkDriver, SinkTransaction } from './driver.js';

const BUSY_TIMEOUT_MS = 15_000;
const queues = new Map<string, Promise<unknown>>();

export class SqliteDriver implements SinkDriver {
  readonly dialect = 'sqlite' as const;
  readonly transactionalDdl = true;
  readonly secrets: readonly string[];
  private readonly path: string;

  /** `url`: `sqlite:/absolute/path.db` or `file:/absolute/path.db`. */
  constructor(url: string) {
    this.path = sqlitePath(url);
    this.secrets = [url];
  }

  transaction<T>(namespace: string | undefined, work: (tx: SinkTransaction) => Promise<T>): Promise<T> {
    if (namespace !== undefined) throw new SinkSettingsError('SQLite has no schemas; give each workspace its own database file instead of a namespace');
    const previous = queues.get(this.path) ?? Promise.resolve();
    const run = previous.then(() => this.run(work), () => this.run(work));
    const settled = run.catch(() => {});
    queues.set(this.path, settled);
    void settled.then(() => {
      if (queues.get(this.path) === settled) queues.delete(this.path);
    });
    return run;
  }

  private async run<T>(work: (tx: SinkTransaction) => Promise<T>): Promise<T> {
    let db: Database.Database;
    try {
      // A native module, loaded on first use: Lambda bundles leave it out, and never open a SQLite sink.
      const { default: open } = await import('better-sqlite3');
      db = new open(this.path, { timeout: BUSY_TIMEOUT_MS, fileMustExist: false });
    } catch (error) {
      throw new SinkUnavailableError(`cannot open the SQLite sink: ${scrubMessage(error, this.secrets)}`);
    }
    const tx: SinkTransaction = {
      query: async <R>(sql: string, params: readonly unknown[] = []) => {
        const statement = db.prepare(sql);
        if (statement.reader) return statement.all(...params) as R[];
        statement.run(...params);
        return [];
      },
    };
    try {
      db.pragma('foreign_keys = ON');
      db.exec('BEGIN IMMEDIATE');
      const result = await work(tx);
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    } finally {
      db.close();
    }
  }

  async close(): Promise<void> {}
}

function sqlitePath(url: string): string {
  const match = /^(?:sqlite|file):(.+)$/.exec(url);
  const path = match?.[1]?.replace(/^\/\/(?=\/)/, '');
  if (!path || !path.startsWith('/')) {
    throw new SinkSettingsError('a SQLite sink URL must be sqlite:/absolute/path.db (or file:/absolute/path.db)');
  }
  return resolve(path);
}
