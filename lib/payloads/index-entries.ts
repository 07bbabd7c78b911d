/**
 * Field indexes: a version names queryable top-level fields with the root keyword `x-registry-index`, and
 * each payload write stores one entry per such field holding a copy of the payload under the field's value,
 * so a field query is one Query a page. Values become key text: a string as itself, a number or boolean as
 * its JSON text, percent-encoded (UTF-8) outside printable ASCII and for `%` and `#`. Encoding character by
 * character keeps prefixes: the encoding of a prefix is a prefix of the encoding.
 */
import type { Json } from '../engines/types.js';
import { REGISTRY_INDEX_KEYWORD } from '../engines/json-schema/names.js';
import { ValidationError } from '../errors.js';
import type { TransactItem } from '../dynamo/table.js';
import type { PayloadIndexEntryItem, PayloadItem, SchemaVersionItem } from '../generated/table.js';
import type { PayloadIndexStore } from '../store/payload-index.js';
import { isObject } from '../util/json.js';

/** Longest encoded value indexed (schema.yaml's `value`); a longer one is refused at write. */
export const MAX_INDEXED_VALUE = 512;

const declaredByVersion = new WeakMap<SchemaVersionItem, readonly string[]>();

/**
 * The fields a version's definition declares queryable, read once per version item: a definition never
 * changes, and parsing it again on every payload write cost a tenth of the handler's own time.
 */
export function declaredFields(version: SchemaVersionItem): readonly string[] {
  let fields = declaredByVersion.get(version);
  if (fields === undefined) {
    const definition = JSON.parse(version.definition) as Json;
    const declared = isObject<Json>(definition) ? definition[REGISTRY_INDEX_KEYWORD] : undefined;
    fields = Array.isArray(declared) ? declared.filter((f): f is string => typeof f === 'string') : [];
    declaredByVersion.set(version, fields);
  }
  return fields;
}

/** The fields a stored payload has entries for. */
export const indexedFields = (item: Pick<PayloadItem, 'indexed_fields'>): string[] => (item.indexed_fields ? (JSON.parse(item.indexed_fields) as string[]) : []);

/** The key text of a value, or undefined for what is not indexed (absent, null, "", objects, arrays). */
export function encodeValue(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : encodeText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return encodeText(JSON.stringify(value));
  return undefined;
}

/** Percent-encodes text to the key grammar (printable ASCII other than `#`). */
export function encodeText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code > 0x20 && code < 0x7f && ch !== '#' && ch !== '%' ? ch : [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

/** The entries of `item` for `fields`; a value too long to be a key is refused with 422 naming the field. */
export function entriesFor(item: PayloadItem, fields: readonly string[]): PayloadIndexEntryItem[] {
  // Most schemas index nothing: their writes should not parse the document back.
  if (fields.length === 0) return [];
  const data = JSON.parse(item.data) as Json;
  return fields.flatMap((field) => {
    const value = encodeValue(isObject<Json>(data) ? data[field] : undefined);
    if (value === undefined) return [];
    if (value.length > MAX_INDEXED_VALUE) {
      throw new ValidationError(`data/${field} is indexed (x-registry-index) and longer than ${MAX_INDEXED_VALUE} characters of key text; shorten it`, {
        errors: [{ path: `/data/${field}`, keyword: 'maxIndexedValue', message: `longer than ${MAX_INDEXED_VALUE} characters once encoded` }],
      });
    }
    const entry: PayloadIndexEntryItem = {
      workspace_id: item.workspace_id,
      schema_name: item.schema_name,
      field,
      value,
      id: item.id,
      schema_ref: item.schema_ref,
      schema_version: item.schema_version,
      data: item.data,
      revision: item.revision ?? 1,
      created_at: item.created_at,
      created_by: item.created_by,
      ...(item.meta !== undefined ? { meta: item.meta } : {}),
      ...(item.updated_at !== undefined ? { updated_at: item.updated_at } : {}),
      ...(item.updated_by !== undefined ? { updated_by: item.updated_by } : {}),
    };
    return [entry];
  });
}

/** `item` with `fields` recorded as indexed (the attribute is absent when none are). */
export function withIndexedFields(item: PayloadItem, fields: readonly string[]): PayloadItem {
  const { indexed_fields: _old, ...rest } = item;
  return fields.length ? { ...rest, indexed_fields: JSON.stringify(fields) } : rest;
}

/** The payload an entry is a copy of. */
export function payloadOfEntry(e: PayloadIndexEntryItem): Omit<PayloadItem, 'shard'> {
  const { field: _f, value: _v, ...p } = e;
  return p;
}

/**
 * The index writes that move a payload from `before` to `after` (either absent for a create or delete):
 * Puts of every entry of `after`, Deletes of the entries of `before` whose key it no longer has (one
 * transaction may not touch an item twice, and a Put replaces an entry under the same value).
 */
export function indexWrites(store: PayloadIndexStore, before: PayloadItem | undefined, after: PayloadItem | undefined): TransactItem[] {
  const next = after ? entriesFor(after, indexedFields(after)) : [];
  const kept = new Set(next.map((e) => store.keyOf(e)));
  const gone = before ? entriesFor(before, indexedFields(before)).filter((e) => !kept.has(store.keyOf(e))) : [];
  return [...gone.map((e) => store.remove(e)), ...next.map((e) => store.put(e))];
}
