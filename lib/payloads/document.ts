/**
 * The checks every payload write makes on what it stores, written once for create and update: nesting,
 * exact numbers, sizes, then validation against the one schema version the document is stored under.
 */
import type { EngineRegistry } from '../engines/registry.js';
import type { Json } from '../engines/types.js';
import { PayloadTooLargeError, ValidationError } from '../errors.js';
import type { SchemaVersionItem } from '../generated/table.js';
import type { SchemaVersionCache } from '../schemas/version-cache.js';
import { inexactNumbers } from '../util/json-numbers.js';

/** Largest `data` accepted, as UTF-8 JSON: well under DynamoDB's 400 KB item with room for the rest. */
export const MAX_DATA_BYTES = 256 * 1024;
export const MAX_META_BYTES = 16 * 1024;
/**
 * Deepest nesting of objects and arrays accepted in `data` and `meta` (the root is level 1). Serializing,
 * fingerprinting and validating recurse once per level; far deeper input would exhaust the stack.
 */
export const MAX_DATA_DEPTH = 256;

/** Whether `value` nests objects and arrays deeper than `max` levels; iterative, so any depth is safe to ask about. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

/** `data` and `meta` as they will be stored (JSON text), once they passed the limits. */
export interface StoredDocument {
  data: string;
  meta?: string;
}

/** Refuses `data`/`meta` beyond the limits or holding numbers that cannot be stored exactly; answers their JSON text. */
export function checkedDocument(input: { data: Json; meta?: Json | undefined }): StoredDocument {
  for (const [field, value] of [['data', input.data], ['meta', input.meta]] as const) {
    if (nestsDeeperThan(value, MAX_DATA_DEPTH)) {
      throw new ValidationError(`${field} nests objects and arrays deeper than ${MAX_DATA_DEPTH} levels; flatten it`, {
        errors: [{ path: `/${field}`, keyword: 'maxDepth', message: `nests deeper than ${MAX_DATA_DEPTH} levels` }],
      });
    }
    // Stored exactly as sent means refusing what JSON.stringify would write back differently.
    const numbers = inexactNumbers(value, `/${field}`, 'send such numbers as strings');
    if (numbers.length > 0) throw new ValidationError(`${field} holds a number that cannot be stored exactly: ${numbers[0]!.message}`, { errors: numbers });
  }
  const data = JSON.stringify(input.data);
  if (Buffer.byteLength(data) > MAX_DATA_BYTES) throw new PayloadTooLargeError(`data is larger than ${MAX_DATA_BYTES} bytes of JSON; split it or store a reference`);
  const meta = input.meta === undefined ? undefined : JSON.stringify(input.meta);
  if (meta !== undefined && Buffer.byteLength(meta) > MAX_META_BYTES) throw new PayloadTooLargeError(`meta is larger than ${MAX_META_BYTES} bytes of JSON`);
  return meta === undefined ? { data } : { data, meta };
}

/**
 * Validates `data` against `version` (once: the write path calls this exactly once per stored document),
 * with the versions it references, read through the same cache: a warm write reads nothing for them either.
 */
export async function validateAgainst(engines: EngineRegistry, versions: Pick<SchemaVersionCache, 'get'>, version: SchemaVersionItem, data: Json): Promise<void> {
  const references = version.references === undefined ? undefined : await referencedBy(version, versions);
  const result = (await engines.get(version.engine)).validate(data, definitionOf(version), version.id, { defaultDialect: version.dialect, references });
  if (!result.valid) throw new ValidationError(`data does not match schema ${version.name} version ${version.version}`, { errors: result.errors });
}

/** The versions `version` references, read through the cache; the code that reads them loads with the first schema that has any. */
async function referencedBy(version: SchemaVersionItem, versions: Pick<SchemaVersionCache, 'get'>) {
  const { loadReferences, recordedReferences } = await import('../schemas/references.js');
  return loadReferences(recordedReferences(version), (ref) => versions.get(ref.schema_version_id));
}

/**
 * The parsed definition of a version item, once per item: the cache hands every write the same item, and
 * parsing a large definition on each write cost more than validating the document against it.
 */
const definitions = new WeakMap<SchemaVersionItem, Json>();
function definitionOf(version: SchemaVersionItem): Json {
  let definition = definitions.get(version);
  if (definition === undefined) definitions.set(version, (definition = JSON.parse(version.definition) as Json));
  return definition;
}
