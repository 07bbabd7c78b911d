/** The seed's acceptance test, end to end over HTTP: schema, then payloads that reference it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();
let admin: string;
let writer: string;

beforeAll(async () => {
  admin = await reg.token('ada', { acme: 'admin' });
  writer = await reg.token('wes', { acme: 'writer' });
});

const caricature = {
  type: 'object',
  additionalProperties: false,
  required: ['user_id', 'image_url'],
  properties: {
    user_id: { type: 'string', minLength: 1 },
    username: { type: ['string', 'null'] },
    image_url: { type: 'string', format: 'uri' },
    description: { type: 'string', maxLength: 500 },
  },
};

describe('schemas and payloads end to end', () => {
  it('creates a schema, rejects a bad payload with every error, accepts a good one', async () => {
    const published = await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'caricatures', definition: caricature, description: 'User caricatures' } });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ workspace_id: 'acme', name: 'caricatures', version: 1, engine: 'json-schema', definition: caricature, created_by: 'ada', state: 'active' });
    expect(published.body.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(published.headers.get('location')).toBe(`/api/v1/schemas/${published.body.id}`);
    const ref = published.body.id as string;

    const bad = await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: ref, data: { image_url: 'not a uri', extra: 1 } } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/user_id', keyword: 'required' }),
        expect.objectContaining({ path: '/image_url', keyword: 'format' }),
        expect.objectContaining({ path: '', keyword: 'additionalProperties' }),
      ]),
    );

    const data = { user_id: 'u1', image_url: 'https://example.com/a.png', username: null };
    const good = await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: ref, data, meta: { source: 'test' } } });
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({ schema_ref: ref, schema_name: 'caricatures', schema_version: 1, workspace_id: 'acme', data, meta: { source: 'test' }, created_by: 'wes' });

    const read = await reg.call('GET', `/api/v1/payloads/${good.body.id}`, { token: writer });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(good.body);

    const listed = await reg.call('GET', `/api/v1/payloads?schema_ref=${ref}`, { token: writer });
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([good.body.id]);
    const byName = await reg.call('GET', '/api/v1/payloads?workspace_id=acme&schema_name=caricatures', { token: writer });
    expect(byName.body.items.map((p: { id: string }) => p.id)).toEqual([good.body.id]);
  });

  it('stores data exactly as sent: no coercion, no injected defaults, key order kept', async () => {
    const def = { type: 'object', properties: { n: { type: 'number', default: 5 }, s: { type: 'string' } } };
    const v = await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'exact', definition: def } });
    const sent = '{"schema_ref":"' + v.body.id + '","data":{"s":"1","z":{"b":1,"a":2}}}';
    const res = await reg.call('POST', '/api/v1/payloads', { token: writer, body: sent });
    expect(res.status).toBe(201);
    const again = await fetch(`${reg.base}/api/v1/payloads/${res.body.id}`, { headers: { authorization: `Bearer ${writer}` } });
    expect(await again.text()).toContain('"data":{"s":"1","z":{"b":1,"a":2}}');
  });

  it('describes fields and gives a default document', async () => {
    const v = await reg.call('GET', '/api/v1/schemas?workspace_id=acme&prefix=cari', { token: writer });
    const id = v.body.items[0].id;
    const fields = await reg.call('GET', `/api/v1/schemas/${id}/fields`, { token: writer });
    expect(fields.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/user_id', required: true, types: ['string'] })]));
    const doc = await reg.call('GET', `/api/v1/schemas/${id}/default`, { token: writer });
    expect(doc.status).toBe(200);
    expect(doc.body).toHaveProperty('user_id');
  });
});
