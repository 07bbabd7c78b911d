/**
 * Idempotency-Key on the creates that a retry would otherwise repeat (issue 11, item 18): publishes and
 * schema requests, as payloads already had it. Same key and body: the first answer, nothing new stored;
 * same key, another body: 422; a malformed key: 400 before any work.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();
let admin: string;
let writer: string;
beforeAll(async () => {
  admin = await reg.token('ada', { acme: 'admin' });
  writer = await reg.token('wes', { acme: 'writer' });
});

const itemCount = async () => (await reg.deps.dynamo.raw.send(new ScanCommand({ TableName: reg.tableName, Select: 'COUNT' }))).Count ?? 0;

const routes = [
  { path: '/api/v1/schemas', token: () => admin, body: (name: string, description = 'v1') => ({ workspace_id: 'acme', name, definition: { type: 'object', description } }) },
  { path: '/api/v1/schema-requests', token: () => writer, body: (name: string, description = 'v1') => ({ workspace_id: 'acme', schema_name: name, definition: { type: 'object', description } }) },
];

describe.each(routes)('Idempotency-Key on POST $path', ({ path, token, body }) => {
  const post = (key: string | undefined, b: unknown) => reg.call('POST', path, { token: token(), body: b, headers: key === undefined ? {} : { 'idempotency-key': key } });

  it('answers a retry with the same key and body with the first response, storing nothing new', async () => {
    const name = `retry_${path.length}`;
    const first = await post('retry-1', body(name));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const stored = await itemCount();
    const again = await post('retry-1', body(name));
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await itemCount()).toBe(stored);
  });

  it('replays the first answer even after the schema moved on', async () => {
    const name = `moved_${path.length}`;
    const first = await post('moved-1', body(name));
    expect((await post(undefined, body(name, 'v2'))).status).toBe(201);
    const again = await post('moved-1', body(name));
    expect(again.body.id).toBe(first.body.id);
  });

  it('refuses the same key with another body with 422, storing nothing', async () => {
    const name = `other_${path.length}`;
    expect((await post('other-1', body(name))).status).toBe(201);
    const stored = await itemCount();
    const res = await post('other-1', body(name, 'v2'));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.detail).toContain('different request body');
    expect(await itemCount()).toBe(stored);
  });

  it('refuses a malformed key with 400 before any work', async () => {
    const stored = await itemCount();
    const res = await post('not a key!', body(`bad_key_${path.length}`));
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('Idempotency-Key');
    expect(await itemCount()).toBe(stored);
  });
});

describe('the OpenAPI document', () => {
  it('documents Idempotency-Key on every create that takes it', async () => {
    const doc = (await reg.call('GET', '/api/v1/openapi.json')).body;
    for (const [path, op] of [['/api/v1/schemas', 'post'], ['/api/v1/schema-requests', 'post'], ['/api/v1/payloads', 'post']] as const) {
      expect(doc.paths[path][op].parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    }
  });
});
