/**
 * The table's design record (the one `registry_meta` item): which schema.yaml a table's items follow.
 * Key patterns differ between major versions of schema.yaml, so a writer compares the recorded major
 * version with its own before writing and refuses a table of another one; minor versions are additive
 * and share a table. A table that `npm run migrate-table` marked `migrating` (or `migrated` away) is
 * refused to every writer, of either design, until the cut-over or a rollback.
 */
import { TableDesignMismatchError, TableMigratingError } from '../errors.js';
import { TABLE_DESIGN } from '../generated/table.js';
import type { Table } from './table.js';
import { registryMetaRules } from '../generated/records/registry_meta.js';

export interface DesignIdentity {
  version: string;
  hash: string;
}

/** What a table's design record says: the design, and whether a migration holds the table. */
export interface RecordedDesign extends DesignIdentity {
  /** Absent in records written before 2.6.0, which means `active`. */
  state: 'active' | 'migrating' | 'migrated';
  migrationToVersion?: string;
  migrationTable?: string;
}

export interface DesignCheck {
  /** `recorded`: the table had no record and now holds this code's; `matched`: it had one of the same major. */
  action: 'matched' | 'recorded';
  recorded: RecordedDesign;
  current: DesignIdentity;
}

/** `"1.2.3"` -> 1. */
export function majorVersion(version: string): number {
  const m = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(version);
  if (!m) throw new Error(`"${version}" is not a semantic version such as 1.2.3`);
  return Number(m[1]);
}

/** Throws TableDesignMismatchError unless `recorded` has the major version of `current`. */
export function assertSameMajor(tableName: string, recorded: string, current: string): void {
  if (majorVersion(recorded) === majorVersion(current)) return;
  throw new TableDesignMismatchError(
    `table "${tableName}" records schema.yaml ${recorded} (major ${majorVersion(recorded)}), but this code follows schema.yaml ${current} ` +
      `(major ${majorVersion(current)}). Key patterns differ between major versions, so writing here would mix two layouts. ` +
      `Migrate the table's data to the new design first, or point TABLE_NAME at another table.`,
    tableName,
    recorded,
    current,
  );
}

export interface DesignRecordTarget {
  table: Table;
  /** Principal named in a record this call writes, e.g. `system:ensure-table`. */
  writer: string;
}

/** The table's design record, or undefined when it has none. */
export async function readDesignRecord({ table }: DesignRecordTarget): Promise<RecordedDesign | undefined> {
  const data = await table.read(registryMetaRules, {}, { consistent: true });
  if (!data) return undefined;
  return {
    version: data.schema_yaml_version,
    hash: data.schema_yaml_hash,
    state: data.state ?? 'active',
    ...(data.migration_to_version ? { migrationToVersion: data.migration_to_version } : {}),
    ...(data.migration_table ? { migrationTable: data.migration_table } : {}),
  };
}

/** Throws TableMigratingError unless the recorded design lets writers write (its state is `active`). */
export function assertWritable(tableName: string, recorded: RecordedDesign): void {
  if (recorded.state === 'active') return;
  const where = recorded.migrationTable ? ` (the other table: "${recorded.migrationTable}")` : '';
  throw new TableMigratingError(
    recorded.state === 'migrating'
      ? `table "${tableName}" is being migrated from schema.yaml ${recorded.version} to ${recorded.migrationToVersion ?? '?'}${where}, so no writer may write it until ` +
          `\`npm run migrate-table\` cuts over or rolls back; reads still work.`
      : `table "${tableName}" was migrated to schema.yaml ${recorded.migrationToVersion ?? '?'}${where}; its items are no longer maintained here. Point TABLE_NAME at the new table.`,
  );
}

/**
 * Checks the table's design record against this code's schema.yaml, writing this code's record when the
 * table has none; `forWrite` also refuses a table a migration holds (ensureTable, for local reads, does not). The write is conditional, so when two writers race, both end up checking the winner's.
 */
export async function ensureDesignRecord(target: DesignRecordTarget, options: { forWrite?: boolean } = {}): Promise<DesignCheck> {
  const current = { version: TABLE_DESIGN.version, hash: TABLE_DESIGN.hash };
  let recorded = await readDesignRecord(target);
  let action: DesignCheck['action'] = 'matched';
  if (!recorded) {
    const item = { schema_yaml_version: current.version, schema_yaml_hash: current.hash, recorded_at: target.table.clock.now().toISOString(), recorded_by: target.writer };
    if (await target.table.putItemIf(target.table.put(registryMetaRules, item, { expression: 'attribute_not_exists(PK)' }))) action = 'recorded';
    recorded = await readDesignRecord(target);
    if (!recorded) throw new Error(`table "${target.table.name}": the registry_meta item vanished right after it was written; retry`);
  }
  // A writer is told first that a migration holds the table: that refusal applies to every major.
  if (options.forWrite) assertWritable(target.table.name, recorded);
  assertSameMajor(target.table.name, recorded.version, current.version);
  return { action, recorded, current };
}
