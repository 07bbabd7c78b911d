import { beforeAll, describe, expect, it } from 'vitest';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();
let admin: string;
let writer: string;
let v1: string;
const profile = (required: string[]) => ({ type: 'object', required, properties: { name: { type: 'string' }, age: { type: 'integer' } } });

beforeAll(async () => {
  admin = await reg.token('ada', { acme: 'admin' });
  writer = await reg.token('wes', { acme: 'writer' });
  v1 = (await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'profiles', definition: profile(['name']) } })).body.id;
});
const create = async (data: unknown) => (await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: v1, data } })).body;
const put = (id: string, body: unknown, ifMatch?: string) =>
  reg.call('PUT', `/api/v1/payloads/${id}`, { token: writer, body, ...(ifMatch ? { headers: { 'If-Match': ifMatch } } : {}) });
const del = (id: string, ifMatch = '*', token = writer) => reg.call('DELETE', `/api/v1/payloads/${id}`, { token, headers: { 'If-Match': ifMatch } });

describe('payload updates and deletes', () => {
  it('reads a write back at once, then updates it under If-Match with a new revision and ETag, audited', async () => {
    const created = await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: v1, data: { name: 'a' } } });
    expect(created.headers.get('etag')).toBe('"1"');
    const read = await reg.call('GET', `/api/v1/payloads/${created.body.id}`, { token: writer });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ revision: 1, data: { name: 'a' } });
    expect(read.headers.get('etag')).toBe('"1"');

    const updated = await put(created.body.id, { data: { name: 'b', age: 3 }, meta: { source: 'test' } }, '"1"');
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(updated.body).toMatchObject({ revision: 2, data: { name: 'b', age: 3 }, meta: { source: 'test' }, updated_by: 'wes', created_by: 'wes' });
    expect((await reg.call('GET', `/api/v1/payloads/${created.body.id}`, { token: writer })).body).toEqual(updated.body);

    const stale = await put(created.body.id, { data: { name: 'c' } }, '"1"');
    expect(stale.status).toBe(412);
    expect(stale.body.detail).toContain('changed since you read it');

    const audit = await reg.call('GET', `/api/v1/audit?workspace_id=acme&entity_type=payload&entity_id=${created.body.id}`, { token: admin });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'payload.updated', actor: 'wes', before: { revision: 1 }, after: { revision: 2 }, details: { changed: ['data', 'meta'] } });
    expect(JSON.stringify(audit.body.items[0])).not.toContain('"b"');
  });

  it('refuses an update without If-Match with 428, and one whose data does not validate with 422, changing nothing', async () => {
    const p = await create({ name: 'x' });
    expect((await put(p.id, { data: { name: 'y' } })).status).toBe(428);
    expect((await put(p.id, { data: { name: 'y' } }, 'W/"1"')).status).toBe(400);
    const invalid = await put(p.id, { data: { age: 'old' } }, '"1"');
    expect(invalid.status).toBe(422);
    expect((await reg.call('GET', `/api/v1/payloads/${p.id}`, { token: writer })).body).toMatchObject({ revision: 1, data: { name: 'x' } });
  });

  it('gives exactly one 200 and one 412 to two concurrent updates with the same If-Match', async () => {
    const p = await create({ name: 'race' });
    const results = await Promise.all([put(p.id, { data: { name: 'one' } }, '"1"'), put(p.id, { data: { name: 'two' } }, '"1"')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await reg.call('GET', `/api/v1/payloads/${p.id}`, { token: writer })).body).toEqual(winner.body);
  });

  it('moves a payload to a newer version of its schema that its compatibility mode accepted, and refuses an older or unrelated one', async () => {
    const v2 = (await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'profiles', definition: { ...profile(['name']), description: 'v2' } } })).body.id;
    const p = await create({ name: 'mover' });
    const moved = await put(p.id, { data: { name: 'mover' }, schema_ref: v2 }, '"1"');
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ schema_ref: v2, schema_version: 2, revision: 2 });
    const back = await put(p.id, { data: { name: 'mover' }, schema_ref: v1 }, '"2"');
    expect(back.status).toBe(422);
  });

  it('refuses to move a payload to a version its schema mode would not have accepted after the payload\u2019s own', async () => {
    const w1 = (await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'loose', definition: profile([]) } })).body.id;
    await reg.call('PUT', `/api/v1/schemas/${w1}/config`, { token: admin, body: { compatibility: 'NONE' } });
    const w2 = (await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'loose', definition: profile(['name', 'age']) } })).body.id;
    await reg.call('PUT', `/api/v1/schemas/${w1}/config`, { token: admin, body: { compatibility: 'BACKWARD' } });
    const p = (await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: w1, data: { name: 'n' } } })).body;
    const refused = await put(p.id, { data: { name: 'n', age: 1 }, schema_ref: w2 }, '"1"');
    expect(refused.status).toBe(409);
    expect(refused.body.compatibility).toBe('BACKWARD');
  });

  it('deletes under If-Match: gone from GET and every listing at once; deleting again answers 204; audited', async () => {
    const p = await create({ name: 'doomed' });
    expect((await reg.call('DELETE', `/api/v1/payloads/${p.id}`, { token: writer })).status).toBe(428);
    expect((await del(p.id, '"7"')).status).toBe(412);
    expect((await del(p.id, '"1"')).status).toBe(204);
    expect((await reg.call('GET', `/api/v1/payloads/${p.id}`, { token: writer })).status).toBe(404);
    for (const q of [`schema_ref=${v1}`, 'workspace_id=acme&schema_name=profiles']) {
      const listed = await reg.call('GET', `/api/v1/payloads?${q}&limit=500`, { token: writer });
      expect(listed.body.items.map((i: { id: string }) => i.id)).not.toContain(p.id);
    }
    expect((await del(p.id, '"1"')).status).toBe(204);
    expect((await put(p.id, { data: { name: 'zombie' } }, '*')).status).toBe(404);
    const audit = await reg.call('GET', `/api/v1/audit?workspace_id=acme&entity_type=payload&entity_id=${p.id}`, { token: admin });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['payload.deleted']);
  });

  it('erases a deleted payload\u2019s history for an admin only, leaving an audit event that names who, without the data', async () => {
    const p = await create({ name: 'secret-name' });
    await put(p.id, { data: { name: 'secret-two' } }, '"1"');
    const live = await reg.call('DELETE', `/api/v1/payloads/${p.id}/history`, { token: admin });
    expect(live.status).toBe(409);
    await del(p.id, '"2"');
    expect((await reg.call('DELETE', `/api/v1/payloads/${p.id}/history`, { token: writer })).status).toBe(403);
    const erased = await reg.call('DELETE', `/api/v1/payloads/${p.id}/history`, { token: admin });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ erased_revisions: 2 });
    expect((await reg.call('DELETE', `/api/v1/payloads/${p.id}/history`, { token: admin })).body).toEqual({ erased_revisions: 0 });
    const audit = await reg.call('GET', `/api/v1/audit?workspace_id=acme&entity_type=payload&entity_id=${p.id}`, { token: admin });
    expect(audit.body.items.map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`)).toEqual(['payload.updated wes', 'payload.deleted wes', 'payload.erased ada']);
    expect(JSON.stringify(audit.body)).not.toContain('secret');
  });

  it('answers 404 to a member of another workspace for read, update and delete', async () => {
    const p = await create({ name: 'private' });
    const outsider = await reg.token('eve', { globex: 'admin' });
    expect((await reg.call('GET', `/api/v1/payloads/${p.id}`, { token: outsider })).status).toBe(404);
    expect((await reg.call('PUT', `/api/v1/payloads/${p.id}`, { token: outsider, body: { data: {} }, headers: { 'If-Match': '*' } })).status).toBe(404);
    expect((await del(p.id, '*', outsider)).status).toBe(404);
  });
});
