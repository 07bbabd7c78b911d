import { describe, expect, it } from 'vitest';
import vectors from '../../lib/generated/conformance-vectors.json' with { type: 'json' };
import { defaultEngines } from '../../lib/engines/registry.js';
import type { Json } from '../../lib/engines/types.js';
import type { SchemaVersionItem } from '../../lib/generated/table.js';
import { declaredFields, entriesFor } from '../../lib/payloads/index-entries.js';
import { payloadShard } from '../../lib/payloads/shard.js';

const engine = await defaultEngines().get('json-schema');

describe('payload write conformance vectors', () => {
  it.each(vectors.payload_writes.map((c) => [c.why, c] as const))('%s', (_why, c) => {
    const outcome = c.version.state === 'disabled' ? 'disabled' : engine.validate(c.data as Json, c.version.definition as Json, `vector-${c.why}`).valid ? 'stored' : 'invalid';
    expect(outcome).toBe(c.outcome);
    if (outcome !== 'stored') return;
    const item = { id: '01HF7YB000A1B2C3D4E5F6G7H8', workspace_id: 'acme', shard: 0, schema_ref: '01HF7YAT00S8Z6N5V4C3B2A1Z0', schema_name: 's', schema_version: 1, data: JSON.stringify(c.data), created_at: '2026-11-23T12:31:00.000Z', created_by: 'bob' };
    expect(entriesFor(item, declaredFields({ definition: JSON.stringify(c.version.definition) } as SchemaVersionItem)).map(({ field, value }) => ({ field, value }))).toEqual(c.index_entries);
  });
});

describe('payload shard conformance vectors', () => {
  it.each(vectors.payload_shards.map((c) => [c.id, c.shards, c.shard] as const))('puts payload %s of a schema with %i shards in shard %i', (id, shards, shard) => {
    expect(payloadShard(id, shards)).toBe(shard);
  });
});
