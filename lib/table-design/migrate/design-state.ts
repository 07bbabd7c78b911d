/**
 * The design record (`registry_meta`) as a migration reads and replaces it, under any design: its key
 * comes from the design, its attribute names are the same in every major (the contract both languages'
 * writers check). Every replacement is conditional on the record the migration read, so two operators
 * (or an operator and a writer recording a fresh table) cannot both win.
 */
import type { ItemTable, RawItem } from '../../dynamo/item-table.js';
import type { TableDesign } from '../model.js';
import { DESIGN_RECORD_TYPE, keysOf } from './layout.js';

export type TableState = 'active' | 'migrating' | 'migrated';

export interface RecordedState {
  version: string;
  hash: string;
  state: TableState;
  migrationToVersion?: string;
  migrationToHash?: string;
  migrationTable?: string;
  migrationStartedAt?: string;
}

/** The migration cannot go on from the state a table records; the message says why and what to do. */
export class MigrationStateError extends Error {
  override readonly name = 'MigrationStateError';
}

function recordType(design: TableDesign) {
  const rt = design.recordTypes[DESIGN_RECORD_TYPE];
  if (!rt) throw new MigrationStateError(`schema.yaml ${design.version} declares no ${DESIGN_RECORD_TYPE} record type, so it cannot say what a table holds`);
  return rt;
}

/** The design record's primary key under `design`. */
export function designRecordKey(design: TableDesign): RawItem {
  const keys = keysOf(design, recordType(design), {});
  return { [design.primary.partitionKey]: { S: keys[design.primary.partitionKey]! }, [design.primary.sortKey]: { S: keys[design.primary.sortKey]! } };
}

export async function readState(table: ItemTable, design: TableDesign): Promise<RecordedState | undefined> {
  const item = await table.get(designRecordKey(design));
  if (!item) return undefined;
  const s = (name: string) => item[name]?.S;
  return {
    version: s('schema_yaml_version')!,
    hash: s('schema_yaml_hash')!,
    state: (s('state') as TableState | undefined) ?? 'active',
    ...(s('migration_to_version') ? { migrationToVersion: s('migration_to_version')! } : {}),
    ...(s('migration_to_hash') ? { migrationToHash: s('migration_to_hash')! } : {}),
    ...(s('migration_table') ? { migrationTable: s('migration_table')! } : {}),
    ...(s('migration_started_at') ? { migrationStartedAt: s('migration_started_at')! } : {}),
  };
}

/**
 * Replaces the design record under `design` with `next`, provided it still is `expected` (absent when
 * undefined). Throws MigrationStateError when another writer changed it in between.
 */
export async function replaceState(
  table: ItemTable,
  design: TableDesign,
  expected: RecordedState | undefined,
  next: RecordedState,
  by: string,
  now: Date,
): Promise<void> {
  const rt = recordType(design);
  const at = now.toISOString();
  const item: RawItem = {
    ...designRecordKey(design),
    [design.entityIdentifiers.entity]: { S: rt.entity },
    [design.entityIdentifiers.version]: { S: rt.entityVersion },
    schema_yaml_version: { S: next.version },
    schema_yaml_hash: { S: next.hash },
    recorded_at: { S: at },
    recorded_by: { S: by },
    state: { S: next.state },
  };
  if (next.state !== 'active') {
    item.migration_to_version = { S: next.migrationToVersion! };
    item.migration_to_hash = { S: next.migrationToHash! };
    item.migration_started_at = { S: next.migrationStartedAt ?? at };
    item.migration_started_by = { S: by };
    if (next.migrationTable) item.migration_table = { S: next.migrationTable };
  }
  const pk = design.primary.partitionKey;
  const written = await table.put(
    item,
    expected
      ? {
          // The same record as read: same design, same state, same migration (started_at identifies it).
          expression:
            'schema_yaml_hash = :hash AND ' +
            (expected.state === 'active' ? '(attribute_not_exists(#state) OR #state = :state)' : '#state = :state') +
            (expected.migrationStartedAt ? ' AND migration_started_at = :started' : ''),
          names: { '#state': 'state' },
          values: {
            ':hash': { S: expected.hash },
            ':state': { S: expected.state },
            ...(expected.migrationStartedAt ? { ':started': { S: expected.migrationStartedAt } } : {}),
          },
        }
      : { expression: 'attribute_not_exists(#pk)', names: { '#pk': pk } },
  );
  if (!written) {
    throw new MigrationStateError(`table "${table.name}": its design record changed while this migration was updating it (another migrate-table run?); read it and run again`);
  }
}
