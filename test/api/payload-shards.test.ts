/**
 * Hot schemas (README, "Hot schemas"): a schema's payloads spread over its listing shards, pages merged
 * back into creation order, the shard count raised without losing a payload from any listing.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { payloadKeys } from '../../lib/generated/records/payload.js';
import { SHARD_COUNT_TTL_MS } from '../../lib/payloads/shard.js';
import { useRegistry } from '../support/registry.js';

let clock = Date.parse('2026-12-01T00:00:00.000Z');
const reg = useRegistry({ now: () => new Date((clock += 1)) });
let admin: string;
let writer: string;
let v1: string;
let v2: string;
beforeAll(async () => {
  admin = await reg.token('ada', { acme: 'admin' });
  writer = await reg.token('wes', { acme: 'writer' });
  const publish = async (properties: Record<string, unknown>) =>
    (await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'clicks', definition: { type: 'object', properties } } })).body.id as string;
  v1 = await publish({ n: { type: 'integer' } });
  v2 = await publish({ n: { type: 'integer' }, at: { type: 'string' } });
});

const setShards = (payload_shards: number) => reg.call('PUT', `/api/v1/schemas/${v1}/config`, { token: admin, body: { payload_shards } });
const write = async (schema_ref: string, n: number) => (await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref, data: { n } } })).body.id as string;

async function listAll(query: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: { items: { id: string }[]; next_cursor: string | null } } = await reg.call('GET', `/api/v1/payloads?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: writer });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...res.body.items.map((p) => p.id));
    cursor = res.body.next_cursor;
  } while (cursor);
  return seen;
}

/** How many payloads each listing shard of the schema holds (GSI4, as DynamoDB stores it). */
async function perShard(shards: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: shards }, async (_, shard) => {
      const out = await reg.deps.dynamo.doc.send(
        new QueryCommand({ TableName: reg.tableName, IndexName: 'GSI4', KeyConditionExpression: 'GSI4PK = :pk', ExpressionAttributeValues: { ':pk': payloadKeys.GSI4.pk({ workspace_id: 'acme', schema_name: 'clicks', shard }) } }),
      );
      return out.Items!.length;
    }),
  );
}

describe('hot schemas', () => {
  const written: string[] = [];

  it('spreads payloads over the shards set on the schema and lists them in creation order across pages', async () => {
    for (let n = 0; n < 3; n++) written.push(await write(v1, n));
    expect((await setShards(4)).body.payload_shards).toBe(4);
    clock += SHARD_COUNT_TTL_MS;
    for (let n = 3; n < 23; n++) written.push(await write(n % 2 ? v2 : v1, n));
    const counts = await perShard(4);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(written.length);
    expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
    for (const limit of [1, 3, 100]) expect(await listAll('workspace_id=acme&schema_name=clicks', limit)).toEqual(written);
  });

  it('lists one version\'s payloads of every shard, in creation order', async () => {
    const ofV2 = await listAll(`schema_ref=${v2}`, 2);
    expect(ofV2).toEqual(written.filter((_, i) => i >= 3 && i % 2 === 1));
  });

  it('loses no payload from a listing while the shard count is raised between pages', async () => {
    const first = await reg.call('GET', '/api/v1/payloads?workspace_id=acme&schema_name=clicks&limit=5', { token: writer });
    expect((await setShards(16)).status).toBe(200);
    clock += SHARD_COUNT_TTL_MS;
    const later = [await write(v1, 100), await write(v1, 101)];
    const rest: string[] = [];
    let cursor: string | null = first.body.next_cursor;
    while (cursor) {
      const res: { body: { items: { id: string }[]; next_cursor: string | null } } = await reg.call('GET', `/api/v1/payloads?workspace_id=acme&schema_name=clicks&limit=5&cursor=${encodeURIComponent(cursor)}`, { token: writer });
      rest.push(...res.body.items.map((p) => p.id));
      cursor = res.body.next_cursor;
    }
    expect([...first.body.items.map((p: { id: string }) => p.id), ...rest]).toEqual([...written, ...later]);
  });

  it('refuses to lower the shard count with 409, since listings would miss the higher shards', async () => {
    const res = await setShards(2);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('payload_shards 2 is below the 16 in force');
  });

  it('refuses a cursor of another schema\'s listing with 400', async () => {
    const page = await reg.call('GET', '/api/v1/payloads?workspace_id=acme&schema_name=clicks&limit=1', { token: writer });
    const res = await reg.call('GET', `/api/v1/payloads?workspace_id=acme&schema_name=other&limit=1&cursor=${encodeURIComponent(page.body.next_cursor)}`, { token: writer });
    expect(res.status).toBe(400);
  });
});
