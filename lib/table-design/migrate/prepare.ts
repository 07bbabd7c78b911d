/**
 * The first step of a migration: check what the tables record, mark them `migrating` (the source, and a
 * new target table with the design it is getting), and give the target table the indexes of the new
 * design. Run again on a half-migrated table, it recognises its own migration and resumes it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ItemTable } from '../../dynamo/item-table.js';
import { ensureTableShape } from '../../dynamo/table-admin.js';
import { majorVersion } from '../../dynamo/design-record.js';
import type { TableDesign } from '../model.js';
import { createTableInputOf, timeToLiveInputOf } from '../table-input.js';
import { MigrationStateError, readState, replaceState, type RecordedState } from './design-state.js';

export interface Tables {
  client: DynamoDBClient;
  source: ItemTable;
  /** The same table as `source` (by name) for a migration in place. */
  target: ItemTable;
  from: TableDesign;
  to: TableDesign;
  by: string;
  now: () => Date;
}

export interface Prepared {
  /** The source's record once marked: its migration_started_at identifies the migration. */
  source: RecordedState;
  /** True when this call marked the tables, false when it found its own migration under way. */
  marked: boolean;
  /** The source was already `migrated`: only the target's cut-over may be left to do. */
  cutOverStarted: boolean;
}

export const isInPlace = (t: Tables) => t.source.name === t.target.name;

function describeState(s: RecordedState): string {
  return s.state === 'active'
    ? `schema.yaml ${s.version} (active)`
    : `schema.yaml ${s.version}, ${s.state} to ${s.migrationToVersion}${s.migrationTable ? ` with table "${s.migrationTable}"` : ''} since ${s.migrationStartedAt}`;
}

/** True when `s` records this very migration (same target design and table). */
function isThisMigration(t: Tables, s: RecordedState): boolean {
  return s.migrationToHash === t.to.hash && (s.migrationTable ?? t.source.name) === (isInPlace(t) ? t.source.name : t.target.name);
}

/** The source's record, checked against the `from` design (same major) and refused in another migration. */
export async function sourceState(t: Tables): Promise<RecordedState> {
  const s = await readState(t.source, t.from);
  if (!s) throw new MigrationStateError(`table "${t.source.name}" has no design record (registry_meta): nothing the registry wrote is there to migrate`);
  if (s.state === 'active' && s.hash === t.to.hash) {
    throw new MigrationStateError(`table "${t.source.name}" already holds --to's design (schema.yaml ${s.version}, active): it was cut over, so there is nothing to migrate, and a rollback is possible only until the cut-over`);
  }
  if (majorVersion(s.version) !== majorVersion(t.from.version)) {
    throw new MigrationStateError(`table "${t.source.name}" records ${describeState(s)}, not a ${majorVersion(t.from.version)}.x design as --from (${t.from.version}) says`);
  }
  if (s.state !== 'active' && !isThisMigration(t, s)) {
    throw new MigrationStateError(`table "${t.source.name}" records ${describeState(s)}: another migration holds it; finish or roll back that one first`);
  }
  return s;
}

export async function prepare(t: Tables): Promise<Prepared> {
  if (t.from.hash === t.to.hash) throw new MigrationStateError(`--from and --to are the same design (${t.from.version}): there is nothing to migrate`);
  if (isInPlace(t) && (t.from.primary.partitionKey !== t.to.primary.partitionKey || t.from.primary.sortKey !== t.to.primary.sortKey)) {
    throw new MigrationStateError(`the primary key attributes change (${t.from.primary.partitionKey}/${t.from.primary.sortKey} -> ${t.to.primary.partitionKey}/${t.to.primary.sortKey}): a table's key schema cannot change in place, so migrate into a new table (--target-table)`);
  }
  let source = await sourceState(t);
  if (source.state === 'migrated') return { source, marked: false, cutOverStarted: true };
  // The table gets the new design's indexes first (a new target table is created), so nothing is marked for a table that cannot be made.
  await ensureTableShape(t.client, createTableInputOf(t.to, t.target.name), timeToLiveInputOf(t.to, t.target.name));
  let marked = false;
  if (source.state === 'active') {
    if (!isInPlace(t)) await checkTarget(t, undefined);
    const next: RecordedState = {
      ...source,
      state: 'migrating',
      migrationToVersion: t.to.version,
      migrationToHash: t.to.hash,
      migrationStartedAt: t.now().toISOString(),
      ...(isInPlace(t) ? {} : { migrationTable: t.target.name }),
    };
    await replaceState(t.source, t.from, source, next, t.by, t.now());
    source = next;
    marked = true;
  }
  if (!isInPlace(t) && !(await checkTarget(t, source))) {
    const next: RecordedState = { version: t.to.version, hash: t.to.hash, state: 'migrating', migrationToVersion: t.to.version, migrationToHash: t.to.hash, migrationTable: t.source.name, migrationStartedAt: source.migrationStartedAt! };
    await replaceState(t.target, t.to, undefined, next, t.by, t.now());
  }
  return { source, marked, cutOverStarted: false };
}

/**
 * True when the target table records this migration (`source`'s), false when it is empty with no record;
 * anything else is refused, so a migration never writes into a table that holds other data.
 */
export async function checkTarget(t: Tables, source: RecordedState | undefined): Promise<boolean> {
  const recorded = await readState(t.target, t.to);
  if (recorded) {
    const ours =
      source !== undefined &&
      recorded.state !== 'active' &&
      recorded.hash === t.to.hash &&
      recorded.migrationTable === t.source.name &&
      recorded.migrationStartedAt === source.migrationStartedAt;
    if (!ours) throw new MigrationStateError(`target table "${t.target.name}" records ${describeState(recorded)}: it is not this migration's; use an empty table`);
    return true;
  }
  const { items } = await t.target.scanPage(0, 1, undefined, 1);
  if (items.length) throw new MigrationStateError(`target table "${t.target.name}" holds items but no design record: migrate into an empty table`);
  return false;
}
