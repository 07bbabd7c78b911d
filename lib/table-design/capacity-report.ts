/**
 * The capacity of a load profile under a design: units per operation and per second, on-demand cost,
 * storage, and the busiest partition key of each operation against DynamoDB's per-partition limits.
 * Pure, like the unit model it builds on (capacity.ts).
 */
import { batchGetCost, exampleItem, getCost, needsFetch, putCost, queryCost, storedBytes } from './capacity.js';
import type { LoadProfile, ProfileOperation } from './load-profile.js';
import type { TableDesign } from './model.js';
import type { KeyPattern } from './pattern.js';

/** On-demand prices used (us-east-1, Standard table class, as listed on aws.amazon.com/dynamodb/pricing since November 2024). */
export const PRICES = { region: 'us-east-1', perMillionWriteUnits: 0.625, perMillionReadUnits: 0.125, perGbMonth: 0.25 } as const;
/** What one partition sustains per second (DynamoDB's documented per-partition throughput). */
export const PARTITION_LIMITS = { writeUnits: 1000, readUnits: 3000 } as const;
const SECONDS_PER_MONTH = 30 * 86_400;
const DEFAULT_PAGE = 100;

/** Placeholders that take a new value with every item written, so they spread writes over partitions. */
const PER_ITEM = new Set(['id', 'fingerprint']);
/** Placeholders whose value is one schema (or one of its versions): they take the busiest schema's share. */
const PER_SCHEMA = new Set(['name', 'schema_name', 'schema_ref', 'referenced_id']);
/** The placeholder a writer fills with a shard number, spreading one key over `shards` partitions. */
export const SHARD_PLACEHOLDER = 'shard';

export interface HotKey {
  /** `table` or the GSI name. */
  index: string;
  pattern: string;
  /** Units per second on the busiest key of that pattern; 0 when every item has its own key. */
  unitsPerSecond: number;
  limit: number;
}

export interface OperationReport {
  name: string;
  perSecond: number;
  /** What it does, e.g. `PutItem payload` or `Query GSI4 x16 shards + BatchGetItem 100`. */
  calls: string;
  writeUnits: Record<string, number>;
  writeTotal: number;
  readUnits: number;
  /** Total write units over the table's own (1 for an item on no index). */
  writeRatio?: number;
  dollarsPerMillion: number;
  hottest?: HotKey;
  /** Bytes stored per item written, table and indexes, and over the retention period. */
  storedBytesPerItem?: number;
  storedGb?: number;
}

export interface CapacityReport {
  design: string;
  operations: OperationReport[];
  writeUnitsPerSecond: number;
  readUnitsPerSecond: number;
  dollarsPerMonth: { writes: number; reads: number; storage: number };
}

/**
 * The share of an operation's traffic on the busiest key of `pattern`. A write goes to one shard of a
 * sharded key; a read of a sharded listing queries every shard, so each takes all of it (`everyShard`).
 */
function keyShare(pattern: KeyPattern, profile: LoadProfile, recordType: string, everyShard = false): number {
  const attrs = pattern.segments.flatMap((s) => ('attribute' in s ? [s.attribute] : []));
  if (attrs.some((a) => PER_ITEM.has(a))) return 0;
  let share = 1;
  if (attrs.includes('workspace_id')) share *= profile.hot_workspace_share;
  if (attrs.some((a) => PER_SCHEMA.has(a))) share *= profile.hot_schema_share;
  if (attrs.includes(SHARD_PLACEHOLDER) && !everyShard) share /= profile.shards[recordType] ?? 1;
  return share;
}

/** The busiest key among the table and indexes `units` names, for an operation at `perSecond`. */
function hottest(design: TableDesign, recordType: string, units: Record<string, number>, perSecond: number, profile: LoadProfile, limit: number): HotKey {
  const rt = design.recordTypes[recordType]!;
  const keys = Object.entries(units).map(([index, u]) => {
    const pattern = rt.keys[index === 'table' ? 'primary' : index]!.pk;
    return { index, pattern: pattern.source, unitsPerSecond: perSecond * keyShare(pattern, profile, recordType) * u, limit };
  });
  return keys.reduce((a, b) => (b.unitsPerSecond / b.limit > a.unitsPerSecond / a.limit ? b : a));
}


function writeReport(design: TableDesign, op: ProfileOperation, profile: LoadProfile): Omit<OperationReport, 'dollarsPerMillion'> {
  const item = exampleItem(design, op.write!, op.body_bytes);
  const cost = putCost(design, item, op.transactional ? { transactional: true } : {});
  const stored = storedBytes(design, item);
  return {
    name: op.name,
    perSecond: op.per_second,
    calls: `${op.transactional ? 'TransactWriteItems' : 'PutItem'} ${op.write}`,
    writeUnits: cost.units,
    writeTotal: cost.total,
    readUnits: 0,
    writeRatio: cost.total / cost.units.table!,
    hottest: hottest(design, op.write!, cost.units, op.per_second, profile, PARTITION_LIMITS.writeUnits),
    storedBytesPerItem: stored,
    storedGb: (stored * op.per_second * profile.retention_days * 86_400) / 2 ** 30,
  };
}

function readReport(design: TableDesign, op: ProfileOperation, profile: LoadProfile): Omit<OperationReport, 'dollarsPerMillion'> {
  const ap = design.accessPatterns[op.read!];
  if (!ap) throw new Error(`operation "${op.name}": no access pattern "${op.read}" in schema.yaml ${design.version}`);
  const options = op.consistent ? { consistent: true } : {};
  const base = { name: op.name, perSecond: op.per_second, writeUnits: {}, writeTotal: 0 };
  const item = exampleItem(design, ap.recordType, op.body_bytes);
  const pk = design.recordTypes[ap.recordType]!.keys[ap.index]!.pk;
  const hot = (units: number): HotKey => ({
    index: ap.index === 'primary' ? 'table' : ap.index,
    pattern: pk.source,
    unitsPerSecond: op.per_second * keyShare(pk, profile, ap.recordType, true) * units,
    limit: PARTITION_LIMITS.readUnits,
  });
  if (ap.operation === 'GetItem') {
    const units = getCost(design, item, options);
    return { ...base, calls: `GetItem ${ap.recordType}`, readUnits: units, hottest: hot(units) };
  }
  const page = ap.sortKey === 'equals' ? 1 : (op.page ?? DEFAULT_PAGE);
  const shards = pk.segments.some((s) => 'attribute' in s && s.attribute === SHARD_PLACEHOLDER) ? (profile.shards[ap.recordType] ?? 1) : 1;
  // A page merged from several shards reads its share of each shard and one item ahead in each; a
  // listing filtered by version reads past the payloads of the schema's other versions.
  const read = (shards > 1 ? Math.ceil(page / shards) + 1 : page) * (ap.filterBy ? profile.versions_per_schema : 1);
  const perShard = queryCost(design, ap.index, Array.from({ length: read }, () => item), options);
  const fetch = needsFetch(design, ap.index, item) ? batchGetCost(design, Array.from({ length: page }, () => item)) : 0;
  const calls = `Query ${ap.index}${shards > 1 ? ` x${shards} shards` : ''}${fetch ? ` + BatchGetItem ${page}` : ''}`;
  return { ...base, calls, readUnits: perShard * shards + fetch, hottest: hot(perShard) };
}

/** The capacity report of `profile` under `design`. */
export function capacityReport(design: TableDesign, profile: LoadProfile): CapacityReport {
  const operations = profile.operations.map((op) => {
    const r = op.write !== undefined ? writeReport(design, op, profile) : readReport(design, op, profile);
    return { ...r, dollarsPerMillion: r.writeTotal * PRICES.perMillionWriteUnits + r.readUnits * PRICES.perMillionReadUnits };
  });
  const writeUnitsPerSecond = operations.reduce((n, o) => n + o.writeTotal * o.perSecond, 0);
  const readUnitsPerSecond = operations.reduce((n, o) => n + o.readUnits * o.perSecond, 0);
  const gb = operations.reduce((n, o) => n + (o.storedGb ?? 0), 0);
  return {
    design: design.version,
    operations,
    writeUnitsPerSecond,
    readUnitsPerSecond,
    dollarsPerMonth: {
      writes: (writeUnitsPerSecond * SECONDS_PER_MONTH * PRICES.perMillionWriteUnits) / 1e6,
      reads: (readUnitsPerSecond * SECONDS_PER_MONTH * PRICES.perMillionReadUnits) / 1e6,
      storage: gb * PRICES.perGbMonth,
    },
  };
}

