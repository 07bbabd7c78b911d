/**
 * What one read or write of a record type costs in DynamoDB capacity units under a design: the table's
 * item and each index copy by its projection, rounded as DynamoDB rounds (1 KB per write unit, 4 KB per
 * read unit, halved for eventually consistent reads, doubled in transactions). Pure: the items come from
 * schema.yaml's examples, so any design (today's or a proposed one) can be costed without a table.
 */
import { itemBytes } from './item-size.js';
import { indexDef, type IndexDef, type RecordType, type TableDesign } from './model.js';

export const WRITE_UNIT_BYTES = 1024;
export const READ_UNIT_BYTES = 4096;
/** DynamoDB adds this much to every stored item, in the table and in each index, for storage billing. */
export const STORAGE_OVERHEAD_BYTES = 100;

export type Item = Record<string, unknown>;

/** Write units per index written (`table` is the table itself), and their sum. */
export interface WriteCost {
  units: Record<string, number>;
  total: number;
}

/** The item a record type's first example is stored as: its attributes, its keys and the entity identifiers. */
export function exampleItem(design: TableDesign, recordType: string, bodyBytes?: number): Item {
  const rt = requireRecordType(design, recordType);
  const example = rt.examples[0];
  if (!example) throw new Error(`record type ${recordType} has no example in schema.yaml to cost it by`);
  const item: Item = { ...example.attributes, ...example.keys, [design.entityIdentifiers.entity]: rt.entity, [design.entityIdentifiers.version]: rt.entityVersion };
  const body = bodyAttribute(rt);
  if (bodyBytes !== undefined && body) item[body] = jsonOfBytes(bodyBytes);
  return item;
}

/** The attribute holding a record's document (the first required json one), which load profiles size. */
export function bodyAttribute(rt: RecordType): string | undefined {
  return Object.values(rt.attributes).find((a) => a.type === 'json' && a.required)?.name;
}

/** A JSON text of exactly `bytes` bytes (at least 10), standing for a document of that size. */
export function jsonOfBytes(bytes: number): string {
  return `{"pad":"${'x'.repeat(Math.max(bytes - 10, 0))}"}`;
}

function requireRecordType(design: TableDesign, name: string): RecordType {
  const rt = design.recordTypes[name];
  if (!rt) throw new Error(`no record type "${name}" in schema.yaml ${design.version}`);
  return rt;
}

/** The attributes an index copies of an item, or undefined when it copies all of them. */
export function projectedAttributes(design: TableDesign, index: IndexDef): ReadonlySet<string> | undefined {
  if (index.name === 'primary' || index.projection === 'ALL') return undefined;
  return new Set([design.primary.partitionKey, design.primary.sortKey, index.partitionKey, index.sortKey, ...(index.nonKeyAttributes ?? [])]);
}

/** The GSIs an item is written to: those whose two key attributes it has (the others are sparse for it). */
export function indexesOf(design: TableDesign, item: Item): IndexDef[] {
  return Object.values(design.indexes).filter((ix) => typeof item[ix.partitionKey] === 'string' && typeof item[ix.sortKey] === 'string');
}

/** The bytes of an item as `index` stores it. */
export function bytesIn(design: TableDesign, index: IndexDef, item: Item): number {
  return itemBytes(item, projectedAttributes(design, index));
}

const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));

/** The write units of putting a new item (or deleting one): the table's, and each index it is written to. */
export function putCost(design: TableDesign, item: Item, options: { transactional?: boolean } = {}): WriteCost {
  const factor = options.transactional ? 2 : 1;
  const units: Record<string, number> = { table: writeUnits(itemBytes(item)) * factor };
  for (const ix of indexesOf(design, item)) units[ix.name] = writeUnits(bytesIn(design, ix, item)) * factor;
  return { units, total: Object.values(units).reduce((a, b) => a + b, 0) };
}

/** How a read is made. */
export interface ReadOptions {
  /** Strongly consistent (the table only; GSIs are always eventually consistent). */
  consistent?: boolean;
}

const readFactor = (index: IndexDef, o: ReadOptions) => (o.consistent && index.name === 'primary' ? 1 : 0.5);

/** Read units of a GetItem of `item`. */
export function getCost(design: TableDesign, item: Item, options: ReadOptions = {}): number {
  return Math.max(1, Math.ceil(itemBytes(item) / READ_UNIT_BYTES)) * readFactor(design.primary, options);
}

/** Read units of one Query on `index` that reads `items` (DynamoDB sums their sizes, then rounds once). */
export function queryCost(design: TableDesign, index: string, items: Item[], options: ReadOptions = {}): number {
  const ix = indexDef(design, index);
  if (!ix) throw new Error(`no index "${index}" in schema.yaml ${design.version}`);
  const bytes = items.reduce((n, i) => n + bytesIn(design, ix, i), 0);
  return Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES)) * readFactor(ix, options);
}

/** Read units of one BatchGetItem of `items` (each item rounded on its own). */
export function batchGetCost(design: TableDesign, items: Item[], options: ReadOptions = {}): number {
  return items.reduce((n, i) => n + getCost(design, i, options), 0);
}

/** True when `index` lacks attributes of `item` a reader needs, so bodies are fetched from the table. */
export function needsFetch(design: TableDesign, index: string, item: Item): boolean {
  const ix = indexDef(design, index);
  const projected = ix && projectedAttributes(design, ix);
  return !!projected && Object.keys(item).some((a) => !projected.has(a));
}

/** Bytes stored for one item: the table's copy and each index's, each with DynamoDB's per-item overhead. */
export function storedBytes(design: TableDesign, item: Item): number {
  return itemBytes(item) + STORAGE_OVERHEAD_BYTES + indexesOf(design, item).reduce((n, ix) => n + bytesIn(design, ix, item) + STORAGE_OVERHEAD_BYTES, 0);
}
