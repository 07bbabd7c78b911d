/**
 * The tracking table each sink keeps about itself, `schema_registry_migrations` (in the sink's
 * namespace). One row per migration, updated in place as it is applied, rolled back or fails. Plain
 * TEXT and INTEGER columns, timestamps as ISO 8601 UTC text, so every dialect reads rows back alike
 * (MySQL only needs a bounded key: it cannot index TEXT whole).
 */
import type { SinkTransaction } from './drivers/driver.js';
import type { MigrationStatus, SinkDialect, TrackingRow } from './types.js';

export const TRACKING_TABLE = 'schema_registry_migrations';
/** MySQL sinks' statement-by-statement progress (lib/sinks/steps.ts). */
export const STEPS_TABLE = 'schema_registry_migration_steps';

const createTrackingTable = (dialect: SinkDialect) => `CREATE TABLE IF NOT EXISTS ${TRACKING_TABLE} (
  migration_id ${dialect === 'mysql' ? 'VARCHAR(200)' : 'TEXT'} PRIMARY KEY,
  request_id TEXT NOT NULL,
  schema_name TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  referenced_tables TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'rolled_back', 'failed')),
  checksum TEXT NOT NULL,
  down_checksum TEXT NOT NULL,
  applied_sequence INTEGER,
  applied_at TEXT,
  applied_by TEXT,
  duration_ms INTEGER,
  rolled_back_at TEXT,
  rolled_back_by TEXT,
  rollback_duration_ms INTEGER,
  failed_at TEXT,
  error TEXT,
  failed_statement TEXT,
  attempts INTEGER NOT NULL
)${dialect === 'mysql' ? ' DEFAULT CHARSET = utf8mb4' : ''}`;

const COLUMNS = [
  'migration_id',
  'request_id',
  'schema_name',
  'schema_version',
  'table_name',
  'referenced_tables',
  'status',
  'checksum',
  'down_checksum',
  'applied_sequence',
  'applied_at',
  'applied_by',
  'duration_ms',
  'rolled_back_at',
  'rolled_back_by',
  'rollback_duration_ms',
  'failed_at',
  'error',
  'failed_statement',
  'attempts',
] as const satisfies readonly (keyof TrackingRow)[];

/** `INSERT … ON CONFLICT DO UPDATE` (PostgreSQL, SQLite) or `… ON DUPLICATE KEY UPDATE` (MySQL). */
export function upsert(table: string, columns: readonly string[], keyColumns: readonly string[], dialect: SinkDialect): string {
  const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  const updated = columns.filter((c) => !keyColumns.includes(c));
  if (dialect === 'mysql') return `${insert}\nON DUPLICATE KEY UPDATE ${updated.map((c) => `${c} = VALUES(${c})`).join(', ')}`;
  return `${insert}\nON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${updated.map((c) => `${c} = excluded.${c}`).join(', ')}`;
}

export async function ensureTrackingTable(tx: SinkTransaction, dialect: SinkDialect): Promise<void> {
  await tx.query(createTrackingTable(dialect));
}

/** Every row, in the order migrations were applied (never-applied ones last). */
export async function readTrackingRows(tx: SinkTransaction): Promise<TrackingRow[]> {
  const rows = await tx.query<Record<string, unknown>>(
    `SELECT ${COLUMNS.join(', ')} FROM ${TRACKING_TABLE} ORDER BY CASE WHEN applied_sequence IS NULL THEN 1 ELSE 0 END, applied_sequence, migration_id`,
  );
  return rows.map(fromDatabase);
}

export async function writeTrackingRow(tx: SinkTransaction, row: TrackingRow, dialect: SinkDialect): Promise<void> {
  await tx.query(
    upsert(TRACKING_TABLE, COLUMNS, ['migration_id'], dialect),
    COLUMNS.map((c) => (c === 'referenced_tables' ? JSON.stringify(row.referenced_tables) : row[c])),
  );
}

function fromDatabase(raw: Record<string, unknown>): TrackingRow {
  const text = (c: string) => (raw[c] === null || raw[c] === undefined ? null : String(raw[c]));
  const int = (c: string) => (raw[c] === null || raw[c] === undefined ? null : Number(raw[c]));
  return {
    migration_id: String(raw.migration_id),
    request_id: String(raw.request_id),
    schema_name: String(raw.schema_name),
    schema_version: Number(raw.schema_version),
    table_name: String(raw.table_name),
    referenced_tables: parseList(raw.referenced_tables),
    status: String(raw.status) as MigrationStatus,
    checksum: String(raw.checksum),
    down_checksum: String(raw.down_checksum),
    applied_sequence: int('applied_sequence'),
    applied_at: text('applied_at'),
    applied_by: text('applied_by'),
    duration_ms: int('duration_ms'),
    rolled_back_at: text('rolled_back_at'),
    rolled_back_by: text('rolled_back_by'),
    rollback_duration_ms: int('rollback_duration_ms'),
    failed_at: text('failed_at'),
    error: text('error'),
    failed_statement: text('failed_statement'),
    attempts: Number(raw.attempts),
  };
}

/** A hand-edited row may hold anything here; a list of strings or nothing. */
function parseList(value: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(value));
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
