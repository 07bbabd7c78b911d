/** The DynamoDB cost of the hot paths, counted on the SDK client the handlers use. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { observeCalls } from '../../lib/dynamo/client.js';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();
const calls: string[] = [];
let token: string;
let ref: string;

beforeAll(async () => {
  observeCalls(reg.deps.dynamo, 'countCalls', (next, context) => async (args) => {
    calls.push(context.commandName ?? '?');
    return next(args);
  });
  token = await reg.token('ada', { acme: 'admin' });
  const v = await reg.call('POST', '/api/v1/schemas', { token, body: { workspace_id: 'acme', name: 'costs', definition: { type: 'object' } } });
  ref = v.body.id;
});

async function callsOf(op: () => Promise<unknown>): Promise<string[]> {
  calls.length = 0;
  await op();
  return [...calls];
}

describe('DynamoDB calls per request', () => {
  it('a warm POST /payloads makes exactly one call, the conditional put', async () => {
    await reg.call('POST', '/api/v1/payloads', { token, body: { schema_ref: ref, data: { warm: true } } });
    expect(await callsOf(() => reg.call('POST', '/api/v1/payloads', { token, body: { schema_ref: ref, data: { n: 1 } } }))).toEqual(['PutItemCommand']);
  });

  it('a warm POST /payloads with an Idempotency-Key makes one transaction', async () => {
    const made = await callsOf(() => reg.call('POST', '/api/v1/payloads', { token, body: { schema_ref: ref, data: { n: 2 } }, headers: { 'Idempotency-Key': 'cost-1' } }));
    expect(made).toEqual(['TransactWriteItemsCommand']);
  });

  it('GET /payloads/{id} makes one strongly consistent GetItem, and a list page reads the shard count, one Query per shard and one BatchGetItem of the documents', async () => {
    const p = await reg.call('POST', '/api/v1/payloads', { token, body: { schema_ref: ref, data: { n: 3 } } });
    expect(await callsOf(() => reg.call('GET', `/api/v1/payloads/${p.body.id}`, { token }))).toEqual(['GetItemCommand']);
    expect(await callsOf(() => reg.call('GET', `/api/v1/payloads?schema_ref=${ref}`, { token }))).toEqual(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand']);
  });
});

describe('DynamoDB calls per payload change', () => {
  it('a PUT /payloads/{id} is one GetItem and one transaction; a DELETE one BatchGetItem (payload and deletion marker) and one transaction', async () => {
    const p = await reg.call('POST', '/api/v1/payloads', { token, body: { schema_ref: ref, data: { n: 4 } } });
    const update = () => reg.call('PUT', `/api/v1/payloads/${p.body.id}`, { token, body: { data: { n: 5 } }, headers: { 'If-Match': '"1"' } });
    expect(await callsOf(update)).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    const remove = () => reg.call('DELETE', `/api/v1/payloads/${p.body.id}`, { token, headers: { 'If-Match': '"2"' } });
    expect(await callsOf(remove)).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    expect(await callsOf(remove)).toEqual(['BatchGetItemCommand']);
  });
});

describe('DynamoDB calls with field indexes', () => {
  it('a warm POST /payloads under a version with x-registry-index is one transaction, and a where[field] page one Query', async () => {
    const v = await reg.call('POST', '/api/v1/schemas', { token, body: { workspace_id: 'acme', name: 'indexed_costs', definition: { type: 'object', 'x-registry-index': ['k'] } } });
    await reg.call('POST', '/api/v1/payloads', { token, body: { schema_ref: v.body.id, data: { k: 'warm' } } });
    expect(await callsOf(() => reg.call('POST', '/api/v1/payloads', { token, body: { schema_ref: v.body.id, data: { k: 'a' } } }))).toEqual(['TransactWriteItemsCommand']);
    expect(await callsOf(() => reg.call('GET', '/api/v1/payloads?workspace_id=acme&schema_name=indexed_costs&where[k]=a', { token }))).toEqual(['QueryCommand']);
  });
});

describe('access patterns', () => {
  it('never Scan: no source file under lib/ or functions/ uses a Scan, but the migration tool\'s item table, which only it imports', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
    const root = new URL('../../', import.meta.url).pathname;
    const sources = [...files(join(root, 'lib')), ...files(join(root, 'functions'))];
    // `npm run migrate-table` must see every item, so its raw item table scans; nothing that serves a request reaches it.
    const itemTable = join(root, 'lib/dynamo/item-table.ts');
    const offenders = sources.filter((f) => f !== itemTable && /ScanCommand|\.scan\b/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
    const importers = sources.filter((f) => /from '[./]*(dynamo\/)?item-table\.js'/.test(readFileSync(f, 'utf8'))).map((f) => f.slice(root.length));
    expect(importers.every((f) => f.startsWith('lib/table-design/migrate/'))).toBe(true);
    expect(importers.length).toBeGreaterThan(0);
    const migrationImporters = sources.filter((f) => !f.includes('/lib/table-design/migrate/') && /from '[^']*table-design\/migrate\//.test(readFileSync(f, 'utf8')));
    expect(migrationImporters).toEqual([]);
  });
});
