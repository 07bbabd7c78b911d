import { describe, expect, it, beforeAll, vi } from 'vitest';
import { Table } from '../../lib/dynamo/table.js';
import { MAX_DATA_BYTES, MAX_DATA_DEPTH } from '../../lib/payloads/service.js';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();
let writer: string;
let ref: string;
beforeAll(async () => {
  const admin = await reg.token('ada', { acme: 'admin' });
  writer = await reg.token('wes', { acme: 'writer' });
  const v = await reg.call('POST', '/api/v1/schemas', {
    token: admin,
    body: { workspace_id: 'acme', name: 'notes', definition: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } } },
  });
  ref = v.body.id;
});
const create = (data: unknown, headers: Record<string, string> = {}) => reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: ref, data }, headers });

describe('payload writes', () => {
  it('makes a retry with the same Idempotency-Key and body return the first response and store one payload', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000001';
    const first = await create({ text: 'once' }, { 'Idempotency-Key': key });
    const retry = await create({ text: 'once' }, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const listed = await reg.call('GET', `/api/v1/payloads?schema_ref=${ref}&limit=500`, { token: writer });
    expect(listed.body.items.filter((p: { data: { text: string } }) => p.data.text === 'once')).toHaveLength(1);
  });

  it('refuses the same Idempotency-Key with another body with 422, storing nothing', async () => {
    const key = 'c0ffee00-0000-4000-8000-000000000002';
    await create({ text: 'first' }, { 'Idempotency-Key': key });
    const other = await create({ text: 'second' }, { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect(other.body.detail).toContain('already used with a different request body');
    const listed = await reg.call('GET', `/api/v1/payloads?schema_ref=${ref}&limit=500`, { token: writer });
    expect(listed.body.items.some((p: { data: { text: string } }) => p.data.text === 'second')).toBe(false);
  });

  it('refuses a malformed Idempotency-Key with 400', async () => {
    expect((await create({ text: 'x' }, { 'Idempotency-Key': 'has spaces in it' })).status).toBe(400);
  });

  it('refuses data over the documented maximum with 413', async () => {
    const res = await create({ text: 'x'.repeat(MAX_DATA_BYTES) });
    expect(res.status).toBe(413);
  });

  it(`refuses data or meta nested deeper than ${MAX_DATA_DEPTH} levels with 422, not a 500`, async () => {
    const deep = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
    const send = (data: string, meta = '{}') => reg.call('POST', '/api/v1/payloads', { token: writer, body: `{"schema_ref":"${ref}","data":{"text":"t","x":${data}},"meta":${meta}}` });
    expect((await send(deep(MAX_DATA_DEPTH - 1))).status).toBe(201);
    for (const refused of [await send(deep(MAX_DATA_DEPTH)), await send(deep(50_000)), await send('{}', deep(50_000))]) {
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toContain(`deeper than ${MAX_DATA_DEPTH} levels`);
    }
  });

  it.each([
    ['1e309', 'infinity'],
    ['-1e400', 'infinity'],
    ['9007199254740993', '2^53'],
  ])('refuses the number %s in data or meta with 422, storing nothing, since it cannot be stored as sent', async (number, reason) => {
    const before = await reg.call('GET', `/api/v1/payloads?schema_ref=${ref}&limit=500`, { token: writer });
    for (const body of [`{"schema_ref":"${ref}","data":{"text":"t","n":${number}}}`, `{"schema_ref":"${ref}","data":{"text":"t"},"meta":{"n":[${number}]}}`]) {
      const refused = await reg.call('POST', '/api/v1/payloads', { token: writer, body });
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toContain(reason);
      expect(refused.body.errors[0].path).toMatch(/^\/(data\/n|meta\/n\/0)$/);
    }
    const after = await reg.call('GET', `/api/v1/payloads?schema_ref=${ref}&limit=500`, { token: writer });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('stores the largest exact integer exactly as sent', async () => {
    const stored = await reg.call('POST', '/api/v1/payloads', { token: writer, body: `{"schema_ref":"${ref}","data":{"text":"t","n":9007199254740991,"m":-9007199254740991}}` });
    expect(stored.status).toBe(201);
    const read = await reg.call('GET', `/api/v1/payloads/${stored.body.id}`, { token: writer });
    expect(read.body.data).toEqual({ text: 't', n: 9007199254740991, m: -9007199254740991 });
  });

  it(`counts depth from data itself: ${MAX_DATA_DEPTH} nested arrays or objects are stored, ${MAX_DATA_DEPTH + 1} are refused with 422`, async () => {
    const admin = await reg.token('ada', { acme: 'admin' });
    const anything = await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'anything', definition: {} } });
    const arrays = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
    const objects = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    for (const nest of [arrays, objects]) {
      const send = (levels: number) => reg.call('POST', '/api/v1/payloads', { token: writer, body: `{"schema_ref":"${anything.body.id}","data":${nest(levels)},"meta":{"m":${nest(levels - 1)}}}` });
      expect((await send(MAX_DATA_DEPTH)).status).toBe(201);
      const refused = await send(MAX_DATA_DEPTH + 1);
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0]).toMatchObject({ path: '/data', keyword: 'maxDepth' });
    }
  });

  it('answers 404 for an unknown schema_ref', async () => {
    const res = await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: '01ARZ3NDEKTSV4RRFFQ69G5FAV', data: {} } });
    expect(res.status).toBe(404);
  });

  it('lists payloads in creation order across pages', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push((await create({ text: `p${i}` })).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; next_cursor: string | null } } = await reg.call(
        'GET',
        `/api/v1/payloads?workspace_id=acme&schema_name=notes&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: writer },
      );
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((p) => p.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen.filter((id) => made.includes(id))).toEqual(made);
    expect([...seen].sort()).toEqual(seen);
  });

  it('refuses a list without a selector, and a page size over 500, with 400', async () => {
    expect((await reg.call('GET', '/api/v1/payloads', { token: writer })).status).toBe(400);
    expect((await reg.call('GET', `/api/v1/payloads?schema_ref=${ref}&limit=501`, { token: writer })).status).toBe(400);
  });
});

describe('the payload routes', () => {
  it('store, read, list, update and delete payloads without loading ElectroDB (its entities serve only the rare listings)', async () => {
    const entities = vi.spyOn(Table.prototype, 'entities');
    try {
      const created = await create({ text: 'lean' });
      expect(created.status).toBe(201);
      const path = `/api/v1/payloads/${created.body.id}`;
      expect((await reg.call('GET', path, { token: writer })).status).toBe(200);
      expect((await reg.call('GET', `/api/v1/payloads?schema_ref=${ref}`, { token: writer })).status).toBe(200);
      const updated = await reg.call('PUT', path, { token: writer, body: { data: { text: 'leaner' } }, headers: { 'If-Match': created.headers.get('etag')! } });
      expect(updated.status).toBe(200);
      expect((await reg.call('DELETE', path, { token: writer, headers: { 'If-Match': updated.headers.get('etag')! } })).status).toBe(204);
      expect(entities).not.toHaveBeenCalled();
    } finally {
      entities.mockRestore();
    }
  });
});
