import { describe, expect, it, beforeAll, vi } from 'vitest';
import { Table } from '../../lib/dynamo/table.js';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();
let admin: string;
let reader: string;
beforeAll(async () => {
  admin = await reg.token('ada', { acme: 'admin' });
  reader = await reg.token('rita', { acme: 'reader' });
});
const publish = (name: string, definition: unknown, extra: Record<string, unknown> = {}) =>
  reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name, definition, ...extra } });
const objectWith = (n: number) => ({ type: 'object', properties: { [`f${n}`]: { type: 'string' } } });

describe('publishing schemas', () => {
  it('gives 20 concurrent publishes of one name the versions 1..20, with no gap or duplicate', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => publish('races', objectWith(i))));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(results.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(20);
    // Each version holds the definition its publisher sent.
    for (const r of results) {
      const got = await reg.call('GET', `/api/v1/schemas/${r.body.id}`, { token: reader });
      expect(got.body.definition).toEqual(r.body.definition);
    }
    const all = await reg.call('GET', `/api/v1/schemas/${results[0]!.body.id}/versions?limit=500`, { token: reader });
    expect(all.body.items.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('returns the existing version (200) for a definition that is already one, whatever its key order', async () => {
    const first = await publish('dedup', { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } } });
    const again = await publish('dedup', { properties: { b: { type: 'integer' }, a: { type: 'string' } }, type: 'object' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.version).toBe(1);
  });

  it('makes concurrent publishes of one new definition into one version', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => publish('same', objectWith(42))));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  });

  it('never changes a published version: a new definition becomes a new version with a new id', async () => {
    const v1 = await publish('immutable', objectWith(1));
    const v2 = await publish('immutable', objectWith(2));
    expect(v2.body).toMatchObject({ version: 2 });
    expect(v2.body.id).not.toBe(v1.body.id);
    const reread = await reg.call('GET', `/api/v1/schemas/${v1.body.id}`, { token: reader });
    const { warnings, ...published } = v1.body;
    expect(warnings).toEqual([]);
    expect(reread.body).toEqual(published);
  });

  it('lists a page of more than 100 schemas (BatchGetItem takes at most 100 keys a call)', async () => {
    const names = Array.from({ length: 101 }, (_, i) => `many_${String(i).padStart(3, '0')}`);
    for (let i = 0; i < names.length; i += 10) await Promise.all(names.slice(i, i + 10).map((n) => publish(n, objectWith(0))));
    const page = await reg.call('GET', '/api/v1/schemas?workspace_id=acme&prefix=many_&limit=500', { token: reader });
    expect(page.status).toBe(200);
    expect(page.body.items.map((v: { name: string }) => v.name)).toEqual(names);
  });

  it('lists the latest version of each schema, narrowed by a name prefix, one page at a time', async () => {
    for (const n of ['page_a', 'page_b', 'page_c', 'page_d', 'other']) await publish(n, objectWith(0));
    await publish('page_b', objectWith(9));
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { name: string; version: number }[]; next_cursor: string | null } } = await reg.call(
        'GET',
        `/api/v1/schemas?workspace_id=acme&prefix=page_&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: reader },
      );
      pages.push(res.body.items.map((v) => `${v.name}@${v.version}`));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(pages.flat()).toEqual(['page_a@1', 'page_b@2', 'page_c@1', 'page_d@1']);
    expect(pages[0]).toHaveLength(3);
  });

  it('refuses a forged cursor with 400', async () => {
    const res = await reg.call('GET', '/api/v1/schemas?workspace_id=acme&cursor=bm90LWEtY3Vyc29y', { token: reader });
    expect(res.status).toBe(400);
  });

  it.each([
    ['keys of the wrong type', { PK: { a: 1 }, SK: 'x', GSI2PK: 'y', GSI2SK: 'z' }],
    ['attributes that are not keys', { PK: 'a', SK: 'b', data: 'c' }],
    ['an array', ['PK', 'SK']],
  ])('refuses a well-encoded cursor holding %s with 400, not 500', async (_what, key) => {
    const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const path of ['/api/v1/schemas?workspace_id=acme', `/api/v1/payloads?workspace_id=acme&schema_name=races`, '/api/v1/schema-requests?workspace_id=acme']) {
      const res = await reg.call('GET', `${path}&cursor=${cursor}`, { token: reader });
      expect(res.status, path).toBe(400);
    }
  });

  it('accepts the cursors it issues', async () => {
    const first = await reg.call('GET', '/api/v1/schemas?workspace_id=acme&limit=1', { token: reader });
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await reg.call('GET', `/api/v1/schemas?workspace_id=acme&limit=1&cursor=${encodeURIComponent(first.body.next_cursor)}`, { token: reader });
    expect(second.status).toBe(200);
  });

  it('refuses bad names and unknown fields with 400 naming them', async () => {
    const res = await publish('Users', objectWith(1), { colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/name', keyword: 'pattern' }),
        expect.objectContaining({ path: '/colour', message: 'unknown field "colour"' }),
      ]),
    );
  });

  it('refuses an unknown engine with 400 listing the known ones', async () => {
    const res = await publish('xml_thing', objectWith(1), { engine: 'xml' });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('known engines: "avro", "json-schema", "protobuf"');
  });
});

describe('hostile schemas', () => {
  const deep = (n: number): unknown => (n === 0 ? { type: 'string' } : { type: 'object', properties: { x: deep(n - 1) } });

  it.each([
    ['a remote $ref', { $ref: 'https://evil.example/schema.json' }, /remote \$ref/],
    ['a relative file $ref', { properties: { a: { $ref: 'other.json#/x' } } }, /\$ref/],
    ['$data', { properties: { a: { maximum: { $data: '1/b' } } } }, /\$data/],
    ['a backreference pattern', { type: 'string', pattern: '^(a)\\1$' }, /pattern/],
    ['deep nesting', deep(40), /deep|depth|nest/],
  ])('refuses %s with 422 and the reason', async (_what, definition, reason) => {
    const res = await publish('hostile', definition);
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toMatch(reason);
  });

  it('publishes what the standard accepts (unknown format, unknown keyword) with warnings, in dry runs too', async () => {
    const definition = { type: 'object', properties: { id: { type: 'string', format: 'x-order-id', maxlength: 3 } } };
    const dry = await reg.call('POST', '/api/v1/schemas?dry_run=true', { token: admin, body: { workspace_id: 'acme', name: 'warned', definition } });
    expect(dry.status).toBe(200);
    expect(dry.body.warnings.map((w: { code: string }) => w.code).sort()).toEqual(['unknown_format', 'unknown_keyword']);
    const res = await publish('warned', definition);
    expect(res.status).toBe(201);
    expect(res.body.dialect).toBe('2020-12');
    expect(res.body.warnings).toEqual(dry.body.warnings);
    const writer = await reg.token('wes', { acme: 'writer' });
    const stored = await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: res.body.id, data: { id: 'anything-long' } } });
    expect(stored.status).toBe(201);
    const read = await reg.call('GET', `/api/v1/schemas/${res.body.id}`, { token: admin });
    expect(read.body.dialect).toBe('2020-12');
  });

  it('refuses a definition over 170 KB with 413', async () => {
    const big = { type: 'object', description: 'x'.repeat(171 * 1024) };
    const res = await publish('too_big', big);
    expect(res.status).toBe(413);
  });

  it('runs a catastrophic-backtracking pattern in linear time', async () => {
    const v = await publish('redos', { type: 'object', properties: { s: { type: 'string', pattern: '^(a+)+$' } } });
    expect(v.status).toBe(201);
    const writer = await reg.token('wes', { acme: 'writer' });
    const started = Date.now();
    const res = await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: v.body.id, data: { s: `${'a'.repeat(50_000)}!` } } });
    expect(res.status).toBe(422);
    // A backtracking engine needs centuries for this input; a generous bound is enough to tell.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a body that is not JSON with 400, and a non-JSON media type with 415', async () => {
    const notJson = await reg.call('POST', '/api/v1/schemas', { token: admin, body: '{"workspace_id":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    const text = await reg.call('POST', '/api/v1/schemas', { token: admin, body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
  });
});

describe('the schema routes', () => {
  it('publish, read, list, compare, configure and retire versions without loading ElectroDB', async () => {
    const entities = vi.spyOn(Table.prototype, 'entities');
    try {
      const v1 = await publish('lean_schema', objectWith(1));
      const v2 = await publish('lean_schema', objectWith(2));
      expect([v1.status, v2.status]).toEqual([201, 201]);
      const reads = [
        `/api/v1/schemas/${v2.body.id}`,
        `/api/v1/schemas/${v2.body.id}/versions`,
        `/api/v1/schemas/${v2.body.id}/references`,
        `/api/v1/schemas/${v2.body.id}/fields`,
        `/api/v1/schemas/${v2.body.id}/default`,
        `/api/v1/schemas/${v2.body.id}/config`,
        `/api/v1/schemas/${v2.body.id}/diff?against=${v1.body.id}`,
        '/api/v1/schemas?workspace_id=acme&prefix=lean_',
      ];
      for (const path of reads) expect((await reg.call('GET', path, { token: reader })).status, path).toBe(200);
      expect((await reg.call('PUT', `/api/v1/schemas/${v2.body.id}/config`, { token: admin, body: { compatibility: 'NONE' } })).status).toBe(200);
      expect((await reg.call('PATCH', `/api/v1/schemas/${v1.body.id}`, { token: admin, body: { state: 'deprecated' } })).status).toBe(200);
      expect(entities).not.toHaveBeenCalled();
    } finally {
      entities.mockRestore();
    }
  });
});
