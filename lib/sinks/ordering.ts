/**
 * The order rules between migrations on one sink, read from its tracking rows: what an apply still
 * waits on, what a rollback would pull out from under a later migration.
 */
import { MigrationStateError, MigrationWaitingError, RollbackBlockedError } from './errors.js';
import type { Migration, TrackingRow } from './types.js';

const describe = (row: TrackingRow) => `${row.migration_id} (${row.schema_name} v${row.schema_version})`;

/**
 * Throws unless `migration` can be applied now: every `depends_on` applied, the table it alters (and
 * every table it references) created by an applied migration, the table it creates not created yet.
 */
export function checkCanApply(migration: Migration, rows: readonly TrackingRow[], sinkName: string): void {
  const applied = rows.filter((r) => r.status === 'applied' && r.migration_id !== migration.id);
  const table = migration.plan.table;
  if (migration.plan.kind === 'create') {
    const creator = applied.find((r) => r.table_name === table);
    if (creator) {
      throw new MigrationStateError(`table "${table}" already exists on sink "${sinkName}", applied by migration ${describe(creator)}; roll that back first, or submit a change to the table`);
    }
  }
  const waitingOn = [
    ...(migration.depends_on ?? []).filter((id) => !applied.some((r) => r.migration_id === id)).map((id) => `migration ${id}`),
    ...[...(migration.plan.kind === 'alter' ? [table] : []), ...(migration.references ?? [])]
      .filter((t) => !applied.some((r) => r.table_name === t))
      .map((t) => `table "${t}"`),
  ];
  if (waitingOn.length > 0) {
    throw new MigrationWaitingError(`migration ${migration.id} waits on ${waitingOn.join(', ')}, not applied on sink "${sinkName}" yet; apply those first`, waitingOn);
  }
}

/**
 * Throws unless rolling back `row` leaves every later applied migration's table and references in place.
 * A failed migration (MySQL keeps part of one) has no sequence: later is then applied since it failed.
 */
export function checkCanRollBack(row: TrackingRow, rows: readonly TrackingRow[], sinkName: string): void {
  const later = (r: TrackingRow) => (row.applied_sequence === null ? (r.applied_at ?? '') > (row.failed_at ?? '') : (r.applied_sequence ?? 0) > row.applied_sequence);
  const dependents = rows.filter(
    (r) =>
      r.status === 'applied' &&
      r.migration_id !== row.migration_id &&
      later(r) &&
      (r.table_name === row.table_name || r.referenced_tables.includes(row.table_name)),
  );
  if (dependents.length === 0) return;
  const names = dependents.map(describe);
  throw new RollbackBlockedError(
    `migration ${describe(row)} cannot be rolled back on sink "${sinkName}": later applied migrations depend on table "${row.table_name}": ${names.join(', ')}; roll those back first`,
    dependents.map((r) => r.migration_id),
  );
}
