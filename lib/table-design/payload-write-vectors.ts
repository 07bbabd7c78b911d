/**
 * Conformance cases of the payload write contract (README, "Writing payloads"): what a writer in any
 * language must store or refuse, and the index entries it must write. Written out by hand, not produced by
 * running the registry's code, so the TypeScript side is tested against them like any other writer.
 */
export interface PayloadWriteCase {
  why: string;
  version: { state: 'active' | 'deprecated' | 'disabled'; definition: unknown };
  data: unknown;
  outcome: 'stored' | 'disabled' | 'invalid';
  /** For stored cases: the entries, as `{field, value}` with the value's key text. */
  index_entries?: { field: string; value: string }[];
}

const indexed = { type: 'object', required: ['user_id'], properties: { user_id: { type: 'string' }, n: { type: 'integer' }, ok: { type: 'boolean' } }, 'x-registry-index': ['user_id', 'n', 'ok'] };

export const PAYLOAD_WRITE_CASES: PayloadWriteCase[] = [
  { why: 'valid data is stored with one entry per indexed value', version: { state: 'active', definition: indexed }, data: { user_id: 'u1', n: 42, ok: true }, outcome: 'stored', index_entries: [{ field: 'user_id', value: 'u1' }, { field: 'n', value: '42' }, { field: 'ok', value: 'true' }] },
  { why: 'values outside printable ASCII, and % and #, are percent-encoded as UTF-8', version: { state: 'active', definition: indexed }, data: { user_id: 'a#b %c \u00e9' }, outcome: 'stored', index_entries: [{ field: 'user_id', value: 'a%23b%20%25c%20%C3%A9' }] },
  { why: 'empty strings and absent fields are not indexed', version: { state: 'active', definition: { ...indexed, required: [] } }, data: { user_id: '' }, outcome: 'stored', index_entries: [] },
  { why: 'a deprecated version still accepts payloads', version: { state: 'deprecated', definition: indexed }, data: { user_id: 'u2' }, outcome: 'stored', index_entries: [{ field: 'user_id', value: 'u2' }] },
  { why: 'data the definition refuses is not stored', version: { state: 'active', definition: indexed }, data: { n: 'forty-two' }, outcome: 'invalid' },
  { why: 'a disabled version accepts no payloads, even valid ones', version: { state: 'disabled', definition: indexed }, data: { user_id: 'u1' }, outcome: 'disabled' },
];

/** A payload's listing shard (README, "Hot schemas"): CRC-32 (IEEE) of the id's ASCII bytes modulo the schema's shard count. */
export interface PayloadShardCase {
  id: string;
  shards: number;
  shard: number;
}

/** Computed with Python's zlib.crc32, not the registry's code. */
export const PAYLOAD_SHARD_CASES: PayloadShardCase[] = [
  { id: '01HF7YB000A1B2C3D4E5F6G7H8', shards: 1, shard: 0 },
  { id: '01HF7YB000A1B2C3D4E5F6G7H8', shards: 6, shard: 4 },
  { id: '01HF7YB000A1B2C3D4E5F6G7H8', shards: 16, shard: 0 },
  { id: '01JDZQ8K3M4N5P6Q7R8S9T0VWX', shards: 16, shard: 14 },
  { id: '01JDZQ8K3M4N5P6Q7R8S9T0VWY', shards: 16, shard: 8 },
  { id: '01JDZQ8K3M4N5P6Q7R8S9T0VWY', shards: 64, shard: 8 },
  { id: '7ZZZZZZZZZZZZZZZZZZZZZZZZZ', shards: 64, shard: 7 },
];
