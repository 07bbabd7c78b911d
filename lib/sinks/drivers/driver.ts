/**
 * What the runner needs from a database: one transaction at a time that holds the sink's migration
 * lock, and statements in it. Each driver owns its dialect's locking; the runner owns everything else.
 */
import { createHash } from 'node:crypto';
import { quoteIdent } from '../../sql/dialects.js';
import type { SinkDialect } from '../types.js';

export type SqlValue = string | number | null;

export interface SinkTransaction {
  /**
   * Runs one statement. `params` bind to `?` placeholders in order. Only the runner's own fixed SQL
   * has params, and it has no `?` inside literals; a statement without params (generated migration
   * SQL, whose string defaults may contain `?`) is sent as it is.
   */
  query<R = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
}

export interface SinkDriver {
  readonly dialect: SinkDialect;
  /** Resolved connection values (URL, password, user) that must never leave in a message. */
  readonly secrets: readonly string[];
  /**
   * Whether DDL runs inside the transaction (PostgreSQL, SQLite), so a failed migration leaves nothing
   * behind. MySQL commits every DDL statement on its own: the runner then records each statement as it
   * runs and resumes a failed migration where it stopped.
   */
  readonly transactionalDdl: boolean;
  /**
   * Engines without transactional DDL: true when `error` says a statement's effect is already there
   * (the column, index or table exists, or is already gone). Only asked about a statement that was
   * started and never recorded as finished, i.e. one whose outcome an interruption left unknown.
   */
  alreadyInPlace?(error: unknown): boolean;
  /**
   * Runs `work` in one session holding the migration lock of `namespace` (PostgreSQL: an advisory
   * transaction lock, and `search_path` set to the namespace; SQLite: `BEGIN IMMEDIATE`; MySQL: a named
   * lock, and the namespace as the current database). Commits when `work` resolves, rolls back and
   * rethrows when it throws (on MySQL each statement has already committed).
   */
  transaction<T>(namespace: string | undefined, work: (tx: SinkTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * `?` placeholders in the driver's own style: `mark(1)`, `mark(2)`, … (`$1` for node-postgres and
 * PGlite, `:p1` for the Data API). SQL without params is left alone.
 */
export function placeholders(sql: string, params: readonly unknown[], mark: (n: number) => string = (n) => `$${n}`): string {
  if (params.length === 0) return sql;
  let n = 0;
  return sql.replace(/\?/g, () => mark(++n));
}

/**
 * The advisory lock key of a namespace's migrations: 64 bits of a hash, so two namespaces in one
 * database do not wait for each other, and no other application's small integer keys collide.
 */
export function advisoryLockKey(namespace: string | undefined): string {
  const digest = createHash('sha256').update(`schema_registry_migrations:${namespace ?? ''}`).digest();
  return digest.readBigInt64BE(0).toString();
}

/**
 * The start of every PostgreSQL migration transaction: the lock first (so two appliers creating the
 * namespace do not race), then the namespace, scoped to this transaction by SET LOCAL.
 */
export async function postgresPrologue(tx: SinkTransaction, namespace: string | undefined): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(?::bigint)', [advisoryLockKey(namespace)]);
  if (namespace === undefined) return;
  const quoted = quoteIdent(namespace, 'postgres');
  await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
  await tx.query(`SET LOCAL search_path TO ${quoted}`);
}
