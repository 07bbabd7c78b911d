/**
 * What one stored item is under a table design, and what it becomes under another: the pure core of
 * `npm run migrate-table`. Items are DynamoDB AttributeValue maps, so every attribute the migration does
 * not rebuild (numbers, sets, JSON text, attributes the other design no longer declares) is copied exactly.
 *
 * An item is "in the layout" of a design when its entity identifiers name one of the design's record types
 * and every key that record type declares, rebuilt from the item's own attributes, equals the key the item
 * carries (and it carries no key attribute of an index its record type does not use). Record types are
 * matched between designs by name: an entity renamed between majors keeps its record type's name.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributeDef, RecordType, TableDesign } from '../model.js';
import { DEFAULT_GENERATORS, indexDef } from '../model.js';
import { buildKey, KeyError } from '../pattern.js';

export type StoredItem = Record<string, AttributeValue>;

/** The record type that holds the table's design record; the migration never copies it, it rewrites it. */
export const DESIGN_RECORD_TYPE = 'registry_meta';

export type Decision =
  /** The item is already what design N+1 would write: nothing to do. */
  | { kind: 'unchanged'; recordType: string }
  /** Write `item`; when the primary key changed, the old item is deleted after the new one is written. */
  | { kind: 'rewrite'; recordType: string; item: StoredItem; primaryKeyChanged: boolean }
  /** Already in design N+1's layout only (written by this migration, or by N+1 code): not a source item. */
  | { kind: 'target_layout'; recordType: string }
  /** The design record: the cut-over protocol rewrites it, the copy does not. */
  | { kind: 'design_record' }
  /** In neither layout: reported and left where it is, never dropped. */
  | { kind: 'unknown'; reason: string }
  /** A record type of design N that design N+1 cannot hold: reported and left where it is. */
  | { kind: 'failed'; recordType: string; reason: string };

/** Every key attribute name of a design's indexes, primary first (`PK`, `SK`, `GSI1PK`, ...). */
export function keyAttributeNames(design: TableDesign): string[] {
  return [design.primary, ...Object.values(design.indexes)].flatMap((ix) => [ix.partitionKey, ix.sortKey]);
}

/** The primary key of an item under a design (what GetItem, PutItem conditions and DeleteItem take). */
export function primaryKeyOf(design: TableDesign, item: StoredItem): StoredItem {
  const { partitionKey, sortKey } = design.primary;
  return { [partitionKey]: item[partitionKey]!, [sortKey]: item[sortKey]! };
}

/** The plain value of an attribute for a key placeholder: strings and numbers only, as keys hold. */
function plain(value: AttributeValue | undefined): unknown {
  if (value?.S !== undefined) return value.S;
  if (value?.N !== undefined) return Number(value.N);
  return undefined;
}

function entityOf(design: TableDesign, item: StoredItem): RecordType | undefined {
  const entity = item[design.entityIdentifiers.entity]?.S;
  const version = item[design.entityIdentifiers.version]?.S;
  return Object.values(design.recordTypes).find((rt) => rt.entity === entity && rt.entityVersion === version);
}

/** Every key of `rt` built from the item's attributes; throws KeyError when one cannot be built. */
export function keysOf(design: TableDesign, rt: RecordType, item: StoredItem): Record<string, string> {
  const values = new Proxy({} as Record<string, unknown>, { get: (_t, name: string) => plain(item[name]) });
  const keys: Record<string, string> = {};
  for (const k of Object.values(rt.keys)) {
    const ix = indexDef(design, k.index)!;
    keys[ix.partitionKey] = buildKey(k.pk, values);
    keys[ix.sortKey] = buildKey(k.sk, values);
  }
  return keys;
}

/** The record type whose layout the item is in under `design`, or undefined. */
export function recordTypeInLayout(design: TableDesign, item: StoredItem): RecordType | undefined {
  const rt = entityOf(design, item);
  if (!rt) return undefined;
  let keys: Record<string, string>;
  try {
    keys = keysOf(design, rt, item);
  } catch (e) {
    if (e instanceof KeyError) return undefined;
    throw e;
  }
  const matches = keyAttributeNames(design).every((name) => item[name]?.S === keys[name]);
  return matches ? rt : undefined;
}

/** A literal default as a stored attribute; undefined for generators (now, ulid) and types a default cannot have. */
function storedDefault(def: AttributeDef): AttributeValue | undefined {
  if (def.default === undefined || (DEFAULT_GENERATORS as readonly unknown[]).includes(def.default)) return undefined;
  if (def.type === 'integer' || def.type === 'number') return { N: String(def.default) };
  if (def.type === 'string') return { S: String(def.default) };
  if (def.type === 'boolean') return { BOOL: Boolean(def.default) };
  return undefined;
}

/**
 * The required attributes design `to` adds to a record type (the source design does not declare them) with
 * a literal default, as that default: what a writer of `to` would have stored, e.g. 3.0.0's payload shard,
 * 0 for every payload of design 2.x. An attribute the source design declares is never filled in: its
 * absence is the item's own.
 */
function addedDefaults(from: TableDesign, to: RecordType, item: StoredItem): StoredItem {
  const declared = from.recordTypes[to.name]?.attributes ?? {};
  const out: StoredItem = {};
  for (const def of Object.values(to.attributes)) {
    if (!def.required || item[def.name] !== undefined || declared[def.name]) continue;
    const value = storedDefault(def);
    if (value) out[def.name] = value;
  }
  return out;
}

/** The item as design `to` writes it: keys and entity identifiers rebuilt, attributes `to` adds defaulted, every other attribute kept. */
export function rewriteItem(from: TableDesign, to: TableDesign, rt: RecordType, item: StoredItem): StoredItem {
  const stale = new Set([...keyAttributeNames(from), ...keyAttributeNames(to), from.entityIdentifiers.entity, from.entityIdentifiers.version]);
  const out: StoredItem = addedDefaults(from, rt, item);
  for (const [name, value] of Object.entries(item)) if (!stale.has(name)) out[name] = value;
  for (const [name, key] of Object.entries(keysOf(to, rt, out))) out[name] = { S: key };
  out[to.entityIdentifiers.entity] = { S: rt.entity };
  out[to.entityIdentifiers.version] = { S: rt.entityVersion };
  return out;
}

function sameKeys(a: StoredItem, b: StoredItem, names: string[]): boolean {
  return names.every((n) => a[n]?.S === b[n]?.S);
}

/** What migrating one item from design `from` to design `to` does. */
export function decide(from: TableDesign, to: TableDesign, item: StoredItem): Decision {
  const source = recordTypeInLayout(from, item);
  if (!source) {
    const target = recordTypeInLayout(to, item);
    if (target?.name === DESIGN_RECORD_TYPE) return { kind: 'design_record' };
    if (target) return { kind: 'target_layout', recordType: target.name };
    return { kind: 'unknown', reason: `in the layout of neither ${from.version} nor ${to.version} (entity ${JSON.stringify(item[from.entityIdentifiers.entity]?.S ?? null)})` };
  }
  if (source.name === DESIGN_RECORD_TYPE) return { kind: 'design_record' };
  const rt = to.recordTypes[source.name];
  if (!rt) return { kind: 'failed', recordType: source.name, reason: `record type ${source.name} is not declared in schema.yaml ${to.version}` };
  let rewritten: StoredItem;
  try {
    rewritten = rewriteItem(from, to, rt, item);
  } catch (e) {
    if (e instanceof KeyError) return { kind: 'failed', recordType: source.name, reason: `cannot build its ${to.version} keys: ${e.message}` };
    throw e;
  }
  const names = [...new Set([...keyAttributeNames(from), ...keyAttributeNames(to), to.entityIdentifiers.entity, to.entityIdentifiers.version, from.entityIdentifiers.entity, from.entityIdentifiers.version])];
  const added = Object.keys(rewritten).some((n) => item[n] === undefined && !names.includes(n));
  if (!added && sameKeys(item, rewritten, names)) return { kind: 'unchanged', recordType: source.name };
  const primary = [from.primary.partitionKey, from.primary.sortKey, to.primary.partitionKey, to.primary.sortKey];
  return { kind: 'rewrite', recordType: source.name, item: rewritten, primaryKeyChanged: !sameKeys(item, rewritten, primary) };
}
