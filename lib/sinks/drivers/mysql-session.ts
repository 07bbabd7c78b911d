/**
 * What every MySQL migration session does, whichever way it reaches the server (mysql2, the RDS Data
 * API): predictable session settings, the sink's named lock, the namespace as the current database,
 * and the error codes that say a statement's effect is already there.
 */
import { createHash } from 'node:crypto';
import { quoteIdent } from '../../sql/dialects.js';
import { SinkUnavailableError } from '../errors.js';
import type { SinkTransaction } from './driver.js';

const LOCK_WAIT_SECONDS = 60;

/**
 * GET_LOCK names are server-wide, not per database, and at most 64 characters: a hash of the
 * connection's database and the namespace, so two sinks on one server do not wait for each other.
 */
export function mysqlLockName(database: string, namespace: string | undefined): string {
  const digest = createHash('sha256').update(`${database}\0${namespace ?? ''}`).digest('hex');
  return `schema_registry_migrations:${digest.slice(0, 32)}`;
}

/**
 * Starts a migration session and returns what ends it. The lock is a session lock (GET_LOCK), not a
 * transaction lock, because every DDL statement commits: it holds across those commits until released.
 */
export async function mysqlPrologue(tx: SinkTransaction, lockName: string, namespace: string | undefined): Promise<() => Promise<void>> {
  // TRADITIONAL: a NOT NULL over existing NULLs, or a value too long for a narrowed column, fails
  // instead of being silently replaced; UTC, so TIMESTAMP defaults do not depend on the server's zone.
  await tx.query("SET SESSION sql_mode = 'TRADITIONAL', time_zone = '+00:00'");
  const [row] = await tx.query<{ acquired: unknown }>('SELECT GET_LOCK(?, ?) AS acquired', [lockName, LOCK_WAIT_SECONDS]);
  if (Number(row?.acquired) !== 1) {
    throw new SinkUnavailableError(`another migration held this MySQL sink's migration lock for ${LOCK_WAIT_SECONDS} s; retry once it has finished`);
  }
  const release = async () => {
    await tx.query('SELECT RELEASE_LOCK(?) AS released', [lockName]);
  };
  if (namespace !== undefined) {
    const quoted = quoteIdent(namespace, 'mysql');
    await tx.query(`CREATE DATABASE IF NOT EXISTS ${quoted} CHARACTER SET utf8mb4`);
    await tx.query(`USE ${quoted}`);
  }
  return release;
}

/** Table exists, unknown table, duplicate column, duplicate key name, cannot drop a missing column or key. */
const IN_PLACE_CODES = new Set([1050, 1051, 1060, 1061, 1091]);
/** The same errors as the RDS Data API words them ("Database error code: 1060. Message: …"). */
const IN_PLACE_TEXT = /\berror code: (?:1050|1051|1060|1061|1091)\b|Duplicate column name|Duplicate key name|already exists|Unknown table|Can't DROP/i;

/** True when `error` says the statement's effect is already there, so running it again changes nothing. */
export function mysqlAlreadyInPlace(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { errno, message } = error as { errno?: unknown; message?: unknown };
  if (typeof errno === 'number') return IN_PLACE_CODES.has(errno);
  return typeof message === 'string' && IN_PLACE_TEXT.test(message);
}
