/**
 * `npm run migrate-table` on DynamoDB Local: a table seeded through the real API and with every record
 * type's example, migrated to the fixture design N+1 (migrate-fixture.ts) in place and into a new table,
 * interrupted and resumed, dry-run, rolled back and cut over; read back through the fixture's key
 * patterns, the Python reader following the fixture's schema.yaml, and the API after a rollback.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteTableCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DESIGN_RECHECK_MS } from '../../lib/dynamo/design-guard.js';
import { readState } from '../../lib/table-design/migrate/design-state.js';
import { recordTypeInLayout, type StoredItem } from '../../lib/table-design/migrate/layout.js';
import { dryRun, migrate, rollback, type RunOptions } from '../../lib/table-design/migrate/migrate.js';
import { indexDef, type IndexDef, type TableDesign } from '../../lib/table-design/model.js';
import { buildKey } from '../../lib/table-design/pattern.js';
import { canonicalJson } from '../../lib/util/canonical-json.js';
import { dynamoClients, dynamodbEndpoint, newTableName, useTestTable } from '../support/dynamo.js';
import { useRegistry } from '../support/registry.js';
import { REPO_ROOT, runFromRoot } from '../support/run.js';
import { exampleItem, migrationFixture } from './migrate-fixture.js';
import { dryRunScript, runOptions, scanTable } from './migrate-run.js';

const fixture = migrationFixture();
const { current, next } = fixture;
const reg = useRegistry();
const copyTable = useTestTable();
const pythonReady = existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', 'import yaml, jsonschema, boto3']).status === 0;

let snapshot: StoredItem[];
const seen: { version: any; payloads: any[] } = { version: undefined, payloads: [] };

// A fresh client per run, so that the middleware a test adds to inject faults stays in its own run.
const options = (table: string, target = table, extra: Partial<RunOptions> = {}) => runOptions(dynamoClients().raw, current, next, table, target, extra);
const scanAll = (table: string) => scanTable(options(table).source);

const withoutDesignRecord = (items: StoredItem[]) => items.filter((i) => i.__edb_e__?.S !== 'registry_meta');

/** Per record type, how many items of `items` are in `design`'s layout. */
function countByType(design: TableDesign, items: StoredItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const rt = recordTypeInLayout(design, item)?.name ?? 'none';
    counts[rt] = (counts[rt] ?? 0) + 1;
  }
  return counts;
}

/** What a Query of index `ix` returns of `item`: all of it, or the table's and the index's keys (and, for INCLUDE, the named attributes). */
function projectionOf(design: TableDesign, ix: IndexDef, item: StoredItem): StoredItem {
  if (ix.projection === 'ALL') return item;
  const names = [design.primary.partitionKey, design.primary.sortKey, ix.partitionKey, ix.sortKey, ...(ix.projection === 'INCLUDE' ? (ix.nonKeyAttributes ?? []) : [])];
  return Object.fromEntries(names.filter((n) => item[n] !== undefined).map((n) => [n, item[n]!]));
}

/**
 * Finds every item of `table` in `design`'s layout through each access pattern that serves its record
 * type, as a reader would: keys built from its attributes by the design's patterns (a sharded listing in
 * the item's own shard), the pattern's filter applied, and the item as the index projects it compared;
 * answers how many were found, and how many items are in no layout of `design`.
 */
async function readEachThroughAccessPatterns(table: string, design: TableDesign): Promise<{ found: number; outside: number }> {
  const { client } = options(table);
  let found = 0;
  let outside = 0;
  for (const item of withoutDesignRecord(await scanAll(table))) {
    const rt = recordTypeInLayout(design, item);
    if (!rt) {
      outside++;
      continue;
    }
    const values = Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v.S ?? (v.N !== undefined ? Number(v.N) : undefined)]));
    for (const ap of Object.values(design.accessPatterns).filter((a) => a.recordType === rt.name)) {
      const keys = rt.keys[ap.index]!;
      const ix = indexDef(design, ap.index)!;
      // A sharded listing: the item is in the shard its own attribute names, which a reader queries among 0..N-1.
      if (ap.shardedBy) expect(item[ap.shardedBy]?.N, `${ap.name}: the ${rt.name} names its shard`).toMatch(/^\d+$/);
      const out = await client.send(
        new QueryCommand({
          TableName: table,
          ...(ap.index === 'primary' ? {} : { IndexName: ap.index }),
          KeyConditionExpression: '#pk = :pk AND #sk = :sk',
          ...(ap.filterBy ? { FilterExpression: '#f = :f' } : {}),
          ExpressionAttributeNames: { '#pk': ix.partitionKey, '#sk': ix.sortKey, ...(ap.filterBy ? { '#f': ap.filterBy } : {}) },
          ExpressionAttributeValues: {
            ':pk': { S: buildKey(keys.pk, values) },
            ':sk': { S: buildKey(keys.sk, values) },
            ...(ap.filterBy ? { ':f': item[ap.filterBy]! } : {}),
          },
        }),
      );
      expect(out.Items?.map((i) => canonicalJson(i)), `${ap.name} finds the ${rt.name}`).toContain(canonicalJson(projectionOf(design, ix, item)));
    }
    found++;
  }
  return { found, outside };
}

const python = (args: string[]) =>
  runFromRoot('/usr/bin/python3', ['-m', 'schema_registry_reader', '--endpoint', dynamodbEndpoint(), ...args], { PYTHONPATH: `${REPO_ROOT}clients/python`, PYTHONDONTWRITEBYTECODE: '1' });

async function seedFromSnapshot(table: string): Promise<void> {
  const { client } = options(table);
  for (const item of withoutDesignRecord(snapshot)) await client.send(new PutItemCommand({ TableName: table, Item: item }));
}

beforeAll(async () => {
  const admin = await reg.token('ada', { acme: 'admin' });
  const writer = await reg.token('wes', { acme: 'writer' });
  const definition = { type: 'object', required: ['user_id'], 'x-registry-index': ['user_id'], properties: { user_id: { type: 'string' }, n: { type: 'integer' } } };
  const published = await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'orders', definition } });
  expect(published.status).toBe(201);
  for (let n = 0; n < 4; n++) {
    const res = await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: published.body.id, data: { user_id: `u${n}`, n } } });
    expect(res.status).toBe(201);
    seen.payloads.push(res.body);
  }
  const [first, second] = seen.payloads;
  expect((await reg.call('PUT', `/api/v1/payloads/${first.id}`, { token: writer, body: { data: { user_id: 'u0', n: 10 } }, headers: { 'If-Match': '"1"' } })).status).toBe(200);
  expect((await reg.call('DELETE', `/api/v1/payloads/${second.id}`, { token: writer, headers: { 'If-Match': '"1"' } })).status).toBe(204);
  seen.payloads = [(await reg.call('GET', `/api/v1/payloads/${first.id}`, { token: writer })).body, ...seen.payloads.slice(2)];
  seen.version = (await reg.call('GET', `/api/v1/schemas/${published.body.id}`, { token: writer })).body;
  // Every record type at least once: its schema.yaml example, stored as a registry writer stores it.
  const { client } = options(reg.tableName);
  for (const name of Object.keys(current.recordTypes).filter((n) => n !== 'registry_meta')) {
    await client.send(new PutItemCommand({ TableName: reg.tableName, Item: exampleItem(current, name) }));
  }
  // ...and one item no design knows, which must be reported and kept.
  await client.send(new PutItemCommand({ TableName: reg.tableName, Item: { PK: { S: 'STRAY' }, SK: { S: 'ITEM' }, note: { S: 'left by hand' } } }));
  snapshot = await scanAll(reg.tableName);
  await seedFromSnapshot(copyTable.tableName);
});

describe('migrating a table in place', () => {
  let dry: Awaited<ReturnType<typeof dryRun>>;
  // One migration, run several times: each run resumes from (and the cut-over verifies against) this checkpoint.
  const checkpointPath = join(mkdtempSync(join(tmpdir(), 'migrate-')), 'in-place.json');

  it('dry-runs: reports every record type and what would change, and writes nothing', async () => {
    dry = await dryRun(options(reg.tableName));
    expect(dry.outcome).toBe('dry-run');
    expect(Object.keys(dry.counts.byType).sort()).toEqual(Object.keys(current.recordTypes).filter((n) => n !== 'registry_meta').sort());
    expect(dry.counts.unknown).toBe(1);
    expect(dry.counts.byType.payload).toMatchObject({ source: 3 + 1, written: 3 + 1, failed: 0 });
    expect(dry.counts.byType.workspace_config).toMatchObject({ source: 1, written: 0, unchanged: 1 });
    expect(dry.samples?.find((s) => s.recordType === 'payload')?.after.PK).toMatch(/#PL#/);
    expect(await scanAll(reg.tableName)).toEqual(snapshot);
  });

  it('stops on a failure part-way, refuses the API\'s writes while half-migrated (reads work), and resumes from its checkpoint', async () => {
    const o = options(reg.tableName, reg.tableName, { settleMs: DESIGN_RECHECK_MS + 200, checkpointPath, pageSize: 3 });
    let puts = 0;
    o.client.middlewareStack.add(
      (nextHandler, context) => async (args) => {
        if (context.commandName === 'PutItemCommand' && ++puts === 12) throw Object.assign(new Error('injected: the network went away'), { name: 'NetworkingError' });
        return nextHandler(args);
      },
      { step: 'initialize', name: 'injectFault' },
    );
    await expect(migrate(o, false)).rejects.toThrow('injected');
    const saved = JSON.parse(readFileSync(o.checkpointPath, 'utf8'));
    expect(saved.segments.some((s: { pages: number }) => s.pages > 0)).toBe(true);
    expect(saved.segments.every((s: { done: boolean }) => s.done)).toBe(false);
    expect(await readState(o.source, current)).toMatchObject({ state: 'migrating', migrationToVersion: next.version });

    const writer = await reg.token('wes', { acme: 'writer' });
    const refused = await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: seen.version.id, data: { user_id: 'late' } } });
    expect(refused.status).toBe(503);
    expect(refused.body.title).toBe('Table being migrated');
    expect((await reg.call('GET', `/api/v1/schemas/${seen.version.id}`, { token: writer })).status).toBe(200);

    // A second run is stopped by its signal (Ctrl-C) after its first page...
    o.client.middlewareStack.remove('injectFault');
    const abort = new AbortController();
    let pages = 0;
    const stopped = await migrate({ ...o, signal: abort.signal, onPage: () => ++pages === 1 && abort.abort() }, false);
    expect(stopped.outcome).toBe('interrupted');
    // ...and the third finishes, every item accounted for: the counts are the dry run's.
    const done = await migrate(o, false);
    expect(done.outcome).toBe('copied');
    expect(done.verification?.ok).toBe(true);
    expect(done.counts.byType).toEqual(dry.counts.byType);
    expect(done.counts.unknown).toBe(1);
    const after = withoutDesignRecord(await scanAll(reg.tableName));
    expect(after.length).toBe(withoutDesignRecord(snapshot).length);
    expect(countByType(next, after)).toEqual({ ...Object.fromEntries(Object.entries(dry.counts.byType).map(([rt, c]) => [rt, c.source])), none: 1 });
  });

  it('is read back through the fixture design\'s key patterns and by the Python reader following its schema.yaml', async () => {
    // Every item but the stray one is found through each of its access patterns; the stray one is kept as it was.
    expect(await readEachThroughAccessPatterns(reg.tableName, next)).toEqual({ found: withoutDesignRecord(snapshot).length - 1, outside: 1 });
    expect((await scanAll(reg.tableName)).filter((i) => i.PK?.S === 'STRAY')).toEqual(snapshot.filter((i) => i.PK?.S === 'STRAY'));
    if (!pythonReady) return;
    const py = async (...args: string[]) => {
      const run = await python(['--schema-yaml', fixture.nextPath, '--table', reg.tableName, ...args]);
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout);
    };
    expect(await py('get', 'schema_version_by_id', `id=${seen.version.id}`)).toEqual(seen.version);
    for (const p of seen.payloads) {
      // The reader shows the stored attributes, indexed_fields and the listing shard included, which the API keeps to itself.
      const { indexed_fields, shard, ...shown } = await py('get', 'payload_by_key', 'workspace_id=acme', `id=${p.id}`);
      expect(shown).toEqual(p);
      expect(indexed_fields).toEqual(['user_id']);
      expect(shard).toBe(0);
    }
    const byCreator = await py('query', 'payloads_by_creator', 'workspace_id=acme', 'created_by=wes');
    expect(byCreator.map((p: { id: string }) => p.id).sort()).toEqual(seen.payloads.map((p) => p.id).sort());
    // Half-migrated, the Python writer refuses too.
    const put = await python(['--schema-yaml', fixture.nextPath, '--table', reg.tableName, 'put', 'workspace_config', '--item', '{"workspace_id":"py-late","compatibility":"FULL","updated_by":"system:test"}']);
    expect(put.status).toBe(3);
    expect(put.stderr).toContain(`is being migrated from schema.yaml ${current.version} to ${next.version}`);
  });

  it('rolls back: every item is migrated back as it was, the API reads them as before and writes again', async () => {
    const o = options(reg.tableName, reg.tableName, { checkpointPath });
    const back = await rollback(o);
    expect(back.outcome).toBe('rolled-back');
    // Byte for byte the items that were there before (the design record aside).
    expect(withoutDesignRecord(await scanAll(reg.tableName))).toEqual(withoutDesignRecord(snapshot));
    expect(await readState(o.source, current)).toMatchObject({ version: current.version, state: 'active' });
    expect(existsSync(checkpointPath)).toBe(false);
    const writer = await reg.token('wes', { acme: 'writer' });
    expect((await reg.call('GET', `/api/v1/schemas/${seen.version.id}`, { token: writer })).body).toEqual(seen.version);
    for (const p of seen.payloads) expect((await reg.call('GET', `/api/v1/payloads/${p.id}`, { token: writer })).body).toEqual(p);
    const listed = await reg.call('GET', `/api/v1/payloads?workspace_id=acme&schema_name=orders&where[user_id]=u0`, { token: writer });
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([seen.payloads[0].id]);
    // The API's guard re-reads the record within DESIGN_RECHECK_MS, then writes again.
    await new Promise((r) => setTimeout(r, DESIGN_RECHECK_MS + 200));
    const written = await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: seen.version.id, data: { user_id: 'after-rollback' } } });
    expect(written.status).toBe(201);
  });

  it('migrates again and cuts over: the table records design N+1, N\'s writers are refused and N+1\'s write; no rollback after', async () => {
    // The API wrote a moment ago, so its guard holds a check of "active": the settle outlasts it.
    const o = options(reg.tableName, reg.tableName, { checkpointPath, settleMs: DESIGN_RECHECK_MS + 200 });
    const { none: stray, ...before } = countByType(current, withoutDesignRecord(await scanAll(reg.tableName)));
    const report = await migrate(o, true);
    expect(report.outcome).toBe('cut-over');
    expect(report.verification?.ok).toBe(true);
    expect(Object.fromEntries(Object.entries(report.counts.byType).map(([rt, c]) => [rt, c.source]))).toEqual(before);
    expect(report.counts.unknown).toBe(stray);
    expect(await readState(o.source, next)).toMatchObject({ version: next.version, hash: next.hash, state: 'active' });
    const writer = await reg.token('wes', { acme: 'writer' });
    const refused = await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: seen.version.id, data: { user_id: 'late' } } });
    expect(refused.status).toBe(503);
    expect(refused.body.title).toBe('Table design mismatch');
    // The table now records N+1, active: a rollback from N finds no migration of N to undo.
    await expect(rollback(o)).rejects.toThrow(`already holds --to's design (schema.yaml ${next.version}, active): it was cut over`);
    if (!pythonReady) return;
    const put = await python(['--schema-yaml', fixture.nextPath, '--table', reg.tableName, 'put', 'workspace_config', '--item', '{"workspace_id":"py-after","compatibility":"FULL","updated_by":"system:test"}']);
    expect(put.status, put.stderr).toBe(0);
  });
});

describe('the npm run migrate-table script', () => {
  it('dry-runs from the command line: the report on standard output, nothing written', async () => {
    const run = await dryRunScript('schema.yaml', fixture.nextPath, copyTable.tableName);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ outcome: 'dry-run', inPlace: true, counts: { unknown: 1 } });
    expect(Object.fromEntries(Object.entries(report.counts.byType).map(([rt, c]) => [rt, (c as { source: number }).source]))).toEqual(
      (({ none: _stray, ...types }) => types)(countByType(current, withoutDesignRecord(snapshot))),
    );
    expect(withoutDesignRecord(await scanAll(copyTable.tableName))).toEqual(withoutDesignRecord(snapshot));
  });
});

describe('migrating into a new table', () => {
  const target = newTableName();

  it('copies every item into a table it creates, leaves the source as it was, and can be rolled back until the cut-over', async () => {
    const o = options(copyTable.tableName, target);
    try {
      const copied = await migrate(o, false);
      expect(copied.outcome).toBe('copied');
      expect(copied.verification?.ok).toBe(true);
      // Every record type's items, and the stray item copied as it is.
      expect(countByType(next, withoutDesignRecord(await scanAll(target)))).toEqual(countByType(current, withoutDesignRecord(snapshot)));
      expect(await readState(o.target, next)).toMatchObject({ state: 'migrating', migrationTable: copyTable.tableName });
      expect(withoutDesignRecord(await scanAll(copyTable.tableName))).toEqual(withoutDesignRecord(snapshot));
      expect(await readEachThroughAccessPatterns(target, next)).toEqual({ found: withoutDesignRecord(snapshot).length - 1, outside: 1 });

      const back = await rollback(o);
      expect(back.outcome).toBe('rolled-back');
      expect(await scanAll(target)).toEqual([]);
      expect(await readState(o.source, current)).toMatchObject({ state: 'active' });

      const cut = await migrate({ ...o, checkpointPath: `${o.checkpointPath}.again` }, true);
      expect(cut.outcome).toBe('cut-over');
      expect(await readState(o.target, next)).toMatchObject({ version: next.version, state: 'active' });
      expect(await readState(o.source, current)).toMatchObject({ state: 'migrated', migrationTable: target });
    } finally {
      await o.client.send(new DeleteTableCommand({ TableName: target }));
    }
  });
});

