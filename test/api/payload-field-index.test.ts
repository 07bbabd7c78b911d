import { beforeAll, describe, expect, it } from 'vitest';
import { BACKFILL_PAGE } from '../../lib/payloads/field-index.js';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();
let admin: string;
let writer: string;
let indexed: string;
const definition = (extra: Record<string, unknown> = {}) => ({ type: 'object', properties: { user_id: { type: 'string' }, status: { type: 'string' }, n: { type: 'integer' } }, ...extra });

beforeAll(async () => {
  admin = await reg.token('ada', { acme: 'admin' });
  writer = await reg.token('wes', { acme: 'writer' });
  indexed = (await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'events', definition: definition({ 'x-registry-index': ['user_id', 'status'] }) } })).body.id;
});
const create = async (ref: string, data: unknown) => (await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: ref, data } })).body;
const where = (schema: string, q: string) => reg.call('GET', `/api/v1/payloads?workspace_id=acme&schema_name=${schema}&${q}`, { token: writer });
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((p) => p.id);

describe('queries by an indexed field', () => {
  it('finds payloads by equality in creation order across pages, and by prefix, reading its writes at once', async () => {
    const u1 = [];
    for (let i = 0; i < 5; i++) u1.push((await create(indexed, { user_id: 'u1', status: i % 2 ? 'open' : 'closed', n: i })).id);
    const u10 = (await create(indexed, { user_id: 'u10', n: 9 })).id;
    await create(indexed, { user_id: 'v1' });
    const first = await where('events', 'where[user_id]=u1&limit=2');
    expect(ids(first)).toEqual(u1.slice(0, 2));
    const second = await where('events', `where[user_id]=u1&limit=2&cursor=${first.body.next_cursor}`);
    const third = await where('events', `where[user_id]=u1&limit=2&cursor=${second.body.next_cursor}`);
    expect([...ids(second), ...ids(third)]).toEqual(u1.slice(2));
    expect(third.body.next_cursor).toBeNull();
    expect(ids(await where('events', 'where[user_id][prefix]=u1'))).toEqual([...u1, u10]);
    expect(ids(await where('events', 'where[status]=open'))).toEqual([u1[1], u1[3]]);
    expect((await where('events', 'where[user_id]=u1')).body.items[0]).toMatchObject({ data: { user_id: 'u1', n: 0 }, revision: 1 });
  });

  it('moves entries with updates and removes them with deletes, in the same transaction', async () => {
    const p = await create(indexed, { user_id: 'mover', status: 'open' });
    await reg.call('PUT', `/api/v1/payloads/${p.id}`, { token: writer, body: { data: { user_id: 'moved', status: 'open' } }, headers: { 'If-Match': '"1"' } });
    expect(ids(await where('events', 'where[user_id]=mover'))).toEqual([]);
    const moved = await where('events', 'where[user_id]=moved');
    expect(moved.body.items).toMatchObject([{ id: p.id, revision: 2, data: { user_id: 'moved' } }]);
    await reg.call('DELETE', `/api/v1/payloads/${p.id}`, { token: writer, headers: { 'If-Match': '"2"' } });
    for (const q of ['where[user_id]=moved', 'where[status]=open', 'where[user_id][prefix]=mo']) expect(ids(await where('events', q))).not.toContain(p.id);
  });

  it('percent-encodes values outside printable ASCII, so any string is found again, and refuses two conditions', async () => {
    const p = await create(indexed, { user_id: 'a#b %c é' });
    expect(ids(await where('events', `where[user_id]=${encodeURIComponent('a#b %c é')}`))).toEqual([p.id]);
    expect(ids(await where('events', `where[user_id][prefix]=${encodeURIComponent('a#b %')}`))).toEqual([p.id]);
    expect((await where('events', 'where[user_id]=a&where[status]=b')).status).toBe(400);
    expect((await reg.call('GET', `/api/v1/payloads?schema_ref=${indexed}&where[user_id]=a`, { token: writer })).status).toBe(400);
  });

  it('refuses a malformed x-registry-index at publish', async () => {
    const res = await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'bad_index', definition: definition({ 'x-registry-index': 'user_id' }) } });
    expect(res.status).toBe(422);
  });
});

describe('the backfill of an index added in a later version', () => {
  it('indexes earlier payloads page by page, survives an interruption and resumes where it stopped, with progress', async () => {
    const v1 = (await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'late', definition: definition() } })).body.id;
    const total = BACKFILL_PAGE + 30;
    for (let i = 0; i < total; i++) await create(v1, { user_id: `user${i % 3}`, n: i });
    const v2 = (await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'late', definition: definition({ 'x-registry-index': ['user_id'] }) } })).body.id;
    expect(ids(await where('late', 'where[user_id]=user0'))).toEqual([]);

    // Interrupt the run: the 40th transaction fails as if the function had been stopped there.
    let transactions = 0;
    const fault = 'injectBackfillFault';
    reg.deps.dynamo.raw.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && ++transactions === 40) throw Object.assign(new Error('injected'), { name: 'InternalServerError' });
        return next(args);
      },
      { step: 'initialize', name: fault },
    );
    const interrupted = await reg.call('POST', `/api/v1/schemas/${v2}/index-backfill`, { token: admin, body: {} });
    reg.deps.dynamo.raw.middlewareStack.remove(fault);
    expect(interrupted.status).toBe(503);

    const one = await reg.call('POST', `/api/v1/schemas/${v2}/index-backfill`, { token: admin, body: { max_pages: 1 } });
    expect(one.body).toMatchObject({ status: 'running', scanned: BACKFILL_PAGE, indexed: BACKFILL_PAGE - 39, fields: ['user_id'] });
    expect((await reg.call('GET', `/api/v1/schemas/${v2}/index-backfill`, { token: writer })).body).toMatchObject({ status: 'running', scanned: BACKFILL_PAGE });
    const rest = await reg.call('POST', `/api/v1/schemas/${v2}/index-backfill`, { token: admin, body: {} });
    expect(rest.body).toMatchObject({ status: 'done', scanned: total, indexed: total - 39 });
    const found = new Set<string>();
    for (const u of ['user0', 'user1', 'user2']) for (const id of ids(await where('late', `where[user_id]=${u}&limit=500`))) found.add(id);
    expect(found.size).toBe(total);
    const again = await reg.call('POST', `/api/v1/schemas/${v2}/index-backfill`, { token: admin, body: {} });
    expect(again.body).toMatchObject({ status: 'done', scanned: total });
  });
  it('keeps entries right when an update or a delete races the backfill of the same payload', async () => {
    const v1 = (await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'raced', definition: definition() } })).body.id;
    const updated = await create(v1, { user_id: 'before' });
    const deleted = await create(v1, { user_id: 'doomed' });
    const v2 = (await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'raced', definition: definition({ 'x-registry-index': ['user_id'] }) } })).body.id;

    // The backfill indexes both payloads after each change read them and before it commits.
    let raced = false;
    const race = 'raceTheBackfill';
    reg.deps.dynamo.raw.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && !raced) {
          raced = true;
          expect((await reg.call('POST', `/api/v1/schemas/${v2}/index-backfill`, { token: admin, body: {} })).body).toMatchObject({ status: 'done', indexed: 2 });
        }
        return next(args);
      },
      { step: 'initialize', name: race },
    );
    try {
      const put = await reg.call('PUT', `/api/v1/payloads/${updated.id}`, { token: writer, body: { data: { user_id: 'after' } }, headers: { 'If-Match': '"1"' } });
      expect(put.status).toBe(200);
      expect(raced).toBe(true);
      raced = false;
      expect((await reg.call('DELETE', `/api/v1/payloads/${deleted.id}`, { token: writer, headers: { 'If-Match': '"1"' } })).status).toBe(204);
      expect(raced).toBe(true);
    } finally {
      reg.deps.dynamo.raw.middlewareStack.remove(race);
    }
    expect(ids(await where('raced', 'where[user_id]=before'))).toEqual([]);
    expect((await where('raced', 'where[user_id]=after')).body.items).toMatchObject([{ id: updated.id, revision: 2, data: { user_id: 'after' } }]);
    expect(ids(await where('raced', 'where[user_id]=doomed'))).toEqual([]);
  });
});
