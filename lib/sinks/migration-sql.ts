/**
 * The SQL a migration runs on a sink, rendered here from the migration's plan (never taken as text),
 * and its checksums. Only generated SQL runs, and never on a protected table or the tracking table.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../errors.js';
import { isProtectedTable } from '../policies/names.js';
import { renderStatements } from '../sql/index.js';
import { STEPS_TABLE, TRACKING_TABLE } from './tracking.js';
import type { Migration, SinkDialect } from './types.js';

export interface MigrationSql {
  up: string[];
  down: string[];
  /** sha256 (hex) of the up statements as run; what the tracking row keeps. */
  checksum: string;
  down_checksum: string;
}

const MAX_ID_LENGTH = 200;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export function migrationSql(migration: Migration, dialect: SinkDialect): MigrationSql {
  checkMigration(migration);
  const rendered = renderStatements(migration.plan, dialect);
  // Comments (an index a dialect cannot build) are part of the preview, not of what runs.
  const up = rendered.up.filter((s) => !s.startsWith('-- '));
  const down = rendered.down.filter((s) => !s.startsWith('-- '));
  return { up, down, checksum: checksumOf(up), down_checksum: checksumOf(down) };
}

/**
 * The statements that undo the first `kept` up statements of a migration where each plan step renders
 * as one statement (MySQL): the down SQL of the plan cut to the steps those statements came from.
 * Undefined when the first `kept` statements are not exactly such a cut.
 */
export function undoOfFirst(migration: Migration, dialect: SinkDialect, kept: number): string[] | undefined {
  const up = migrationSql(migration, dialect).up.slice(0, kept);
  for (let steps = 0; steps <= migration.plan.steps.length; steps++) {
    const cut = migrationSql({ ...migration, plan: { ...migration.plan, steps: migration.plan.steps.slice(0, steps) } }, dialect);
    if (cut.up.length > kept) return undefined;
    if (cut.up.length === kept) return cut.up.every((s, i) => s === up[i]) ? cut.down : undefined;
  }
  return undefined;
}

export function checksumOf(statements: readonly string[]): string {
  return createHash('sha256').update(statements.join(';\n')).digest('hex');
}

function checkMigration(migration: Migration): void {
  const problems: string[] = [];
  for (const [field, value] of [['id', migration.id], ['request_id', migration.request_id], ...(migration.depends_on ?? []).map((d) => ['depends_on', d])] as const) {
    if (typeof value !== 'string' || value.length > MAX_ID_LENGTH || !ID_PATTERN.test(value)) problems.push(`${field} must be an id of letters, digits and . _ : - (at most ${MAX_ID_LENGTH}), e.g. "01J9ZQ5V6W0000000000000000"`);
  }
  if (!Number.isInteger(migration.schema_version) || migration.schema_version < 1) problems.push('schema_version must be a positive integer, e.g. 1');
  for (const table of [migration.plan.table, ...(migration.references ?? [])]) {
    if (table === TRACKING_TABLE || table === STEPS_TABLE) problems.push(`table "${table}" is the sink's own tracking table; choose another name, e.g. "${table}_copy"`);
    else if (isProtectedTable(table)) problems.push(`table "${table}" is a protected platform table; migrations never create, change or reference it`);
  }
  if (problems.length > 0) {
    throw new ValidationError(`migration ${JSON.stringify(migration.id)} cannot run: ${problems[0]}`, {
      errors: problems.map((message) => ({ path: '', keyword: 'migration', message })),
    });
  }
}
