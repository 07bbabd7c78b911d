/**
 * The issue's done-when: a table of design 2.x is migrated to the new major design by `npm run migrate-table`
 * with every item accounted for. A table made as schema.yaml 2.6.0 made it (fixtures/schema-2.6.0.yaml,
 * `git show 61eaa36:schema.yaml`: payloads on GSI1-3, no listing shards), seeded with every 2.6 record
 * type's example and with schemas and payloads written by 2.6's key patterns, is migrated in place to
 * today's schema.yaml; then the real API lists, reads and writes payloads on it.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CreateTableCommand, DeleteTableCommand, PutItemCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { monotonicFactory } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESIGN_RECHECK_MS } from '../../lib/dynamo/design-guard.js';
import { readState } from '../../lib/table-design/migrate/design-state.js';
import { recordTypeInLayout, type StoredItem } from '../../lib/table-design/migrate/layout.js';
import { migrate, type RunOptions } from '../../lib/table-design/migrate/migrate.js';
import { loadDesign } from '../../lib/table-design/load.js';
import { createTableInputOf, timeToLiveInputOf } from '../../lib/table-design/table-input.js';
import { dynamoClients, dynamodbEndpoint, newTableName, type TestTable } from '../support/dynamo.js';
import { useRegistry } from '../support/registry.js';
import { REPO_ROOT } from '../support/run.js';
import { exampleItem, storedItem } from './migrate-fixture.js';
import { dryRunScript, runOptions, scanTable } from './migrate-run.js';

const FIXTURE = 'test/table-design/fixtures/schema-2.6.0.yaml';
const v2 = loadDesign(join(REPO_ROOT, FIXTURE));
const v3 = loadDesign();

// The 2.6 table, made before the registry starts serving it.
const table = { tableName: newTableName() } as TestTable;
const seeded: Record<string, number> = {};
/** Per schema name, its payloads' ids and data in creation order; per schema version id, its payloads' ids. */
const payloadsOf: Record<string, { id: string; schemaRef: string; data: unknown }[]> = {};
const versionIds: Record<string, string> = {};

async function put(item: StoredItem): Promise<void> {
  await table.dynamo.raw.send(new PutItemCommand({ TableName: table.tableName, Item: item }));
  const rt = recordTypeInLayout(v2, item);
  expect(rt, `a seeded item is in the 2.6 layout: ${JSON.stringify(item)}`).toBeDefined();
  if (rt!.name !== 'registry_meta') seeded[rt!.name] = (seeded[rt!.name] ?? 0) + 1;
}

beforeAll(async () => {
  table.endpoint = dynamodbEndpoint();
  table.dynamo = dynamoClients();
  await table.dynamo.raw.send(new CreateTableCommand(createTableInputOf(v2, table.tableName)));
  const ttl = timeToLiveInputOf(v2, table.tableName);
  if (ttl) await table.dynamo.raw.send(new UpdateTimeToLiveCommand(ttl));
  for (const name of Object.keys(v2.recordTypes).filter((n) => n !== 'registry_meta')) await put(exampleItem(v2, name));
  // Schemas and payloads as the 2.6 registry wrote them: several schemas (one with two versions), several payloads each.
  const ulid = monotonicFactory();
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute)).toISOString();
  let minute = 0;
  for (const [name, versions] of [['orders', 2], ['users', 1], ['clicks', 1]] as const) {
    payloadsOf[name] = [];
    for (let version = 1; version <= versions; version++) {
      const id = ulid();
      versionIds[`${name}/${version}`] = id;
      const definition = JSON.stringify({ type: 'object', required: ['n'], properties: { n: { type: 'integer' }, v: { type: 'integer', minimum: version } } });
      await put(
        storedItem(v2, 'schema_version', {
          id, workspace_id: 'acme', name, version, engine: 'json-schema', definition, dialect: '2020-12',
          fingerprint: createHash('sha256').update(definition).digest('hex'), state: 'active', created_at: at(minute++), created_by: 'ada',
        }),
      );
    }
    await put(
      storedItem(v2, 'schema', {
        workspace_id: 'acme', name, latest_version: versions, latest_version_id: versionIds[`${name}/${versions}`], engine: 'json-schema',
        state: 'active', created_at: at(0), updated_at: at(minute), created_by: 'ada',
      }),
    );
    for (let n = 0; n < 5; n++) {
      const version = 1 + (n % versions);
      const p = { id: ulid(), schemaRef: versionIds[`${name}/${version}`]!, data: { n, v: version } };
      payloadsOf[name].push(p);
      await put(
        storedItem(v2, 'payload', {
          id: p.id, workspace_id: 'acme', schema_ref: p.schemaRef, schema_name: name, schema_version: version,
          data: JSON.stringify(p.data), revision: 1, created_at: at(minute++), created_by: 'wes',
        }),
      );
    }
  }
  // The design record of a 2.6 table, as a 2.6 writer recorded it (no migration state: 2.6 had none).
  await put(storedItem(v2, 'registry_meta', { schema_yaml_version: v2.version, schema_yaml_hash: v2.hash, recorded_at: at(0), recorded_by: 'system:ensure-table' }));
});

afterAll(async () => {
  await table.dynamo.raw.send(new DeleteTableCommand({ TableName: table.tableName }));
  table.dynamo.raw.destroy();
});

const reg = useRegistry({ table });

const options = (extra: Partial<RunOptions> = {}) => runOptions(table.dynamo.raw, v2, v3, table.tableName, table.tableName, { pageSize: 10, ...extra });
const scanAll = () => scanTable(options().source);

/** Every page of a payload listing, following next_cursor. */
async function listAll(token: string, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await reg.call('GET', `/api/v1/payloads?${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    ids.push(...res.body.items.map((p: { id: string }) => p.id));
    cursor = res.body.next_cursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('migrating a table of design 2.6 to today\'s schema.yaml', () => {
  it('is a 2.x design to a new major: the API following today\'s design refuses to write the 2.6 table', async () => {
    expect(Number(v3.version.split('.')[0])).toBeGreaterThan(Number(v2.version.split('.')[0]));
    const writer = await reg.token('wes', { acme: 'writer' });
    const refused = await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: versionIds['users/1'], data: { n: 1 } } });
    expect(refused.status).toBe(503);
    expect(refused.body.title).toBe('Table design mismatch');
  });

  it('dry-runs from the command line: every seeded item counted by record type, nothing written', async () => {
    const before = await scanAll();
    const run = await dryRunScript(FIXTURE, 'schema.yaml', table.tableName);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ outcome: 'dry-run', inPlace: true, counts: { unknown: 0, problems: [] } });
    expect(Object.fromEntries(Object.entries(report.counts.byType).map(([rt, c]) => [rt, (c as { source: number }).source]))).toEqual(seeded);
    expect(report.counts.byType.payload).toMatchObject({ source: seeded.payload, written: seeded.payload, failed: 0 });
    expect(await scanAll()).toEqual(before);
  });

  it('migrates in place and cuts over: every item accounted for, the table records the new design', async () => {
    const report = await migrate(options(), true);
    expect(report.outcome).toBe('cut-over');
    expect(report.verification?.ok, report.verification?.mismatches.join('; ')).toBe(true);
    expect(report.verification?.byType).toEqual(Object.fromEntries(Object.entries(seeded).map(([rt, n]) => [rt, { source: n, target: n }])));
    expect(report.counts.unknown).toBe(0);
    expect(report.counts.problems).toEqual([]);
    expect(Object.values(report.counts.byType).reduce((n, c) => n + c.failed, 0)).toBe(0);
    expect(await readState(options().source, v3)).toMatchObject({ version: v3.version, hash: v3.hash, state: 'active' });

    const items = await scanAll();
    const payloads = items.filter((i) => recordTypeInLayout(v3, i)?.name === 'payload');
    expect(payloads.length).toBe(seeded.payload);
    for (const p of payloads) {
      // 2.x payloads had no shard: they get 3.0's default, 0, and the listing keys of shard 0, and leave GSI1-3.
      expect(p.shard).toEqual({ N: '0' });
      expect(p.GSI4PK?.S).toBe(`WS#${p.workspace_id!.S}#SCHEMA#${p.schema_name!.S}#PAYLOADS#00`);
      expect(p.GSI4SK?.S).toBe(`PAYLOAD#${p.id!.S}`);
      expect([p.GSI1PK, p.GSI2PK, p.GSI3PK, p.GSI1SK, p.GSI2SK, p.GSI3SK]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    }
    // Nothing is left in the 2.6 layout only.
    expect(items.filter((i) => !recordTypeInLayout(v3, i))).toEqual([]);
  });

  it('serves the migrated table through the API: listings in creation order, each payload by id, and a new payload written', async () => {
    const writer = await reg.token('wes', { acme: 'writer' });
    for (const [name, payloads] of Object.entries(payloadsOf)) {
      expect(await listAll(writer, `workspace_id=acme&schema_name=${name}`)).toEqual(payloads.map((p) => p.id));
      for (const ref of new Set(payloads.map((p) => p.schemaRef))) {
        expect(await listAll(writer, `schema_ref=${ref}`)).toEqual(payloads.filter((p) => p.schemaRef === ref).map((p) => p.id));
      }
      for (const p of payloads) {
        const got = await reg.call('GET', `/api/v1/payloads/${p.id}`, { token: writer });
        expect(got.status).toBe(200);
        expect(got.body).toMatchObject({ id: p.id, schema_ref: p.schemaRef, data: p.data });
      }
    }
    // The API's guard re-reads the design record within DESIGN_RECHECK_MS of its refusal, then writes.
    await new Promise((r) => setTimeout(r, DESIGN_RECHECK_MS + 200));
    const written = await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: versionIds['users/1'], data: { n: 99 } } });
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    expect(await listAll(writer, 'workspace_id=acme&schema_name=users')).toEqual([...payloadsOf.users!.map((p) => p.id), written.body.id]);
  });
});
