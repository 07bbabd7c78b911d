/**
 * Environments through the real handlers on DynamoDB Local and real databases: one approved request
 * promoted from a dev SQLite file to a staging PostgreSQL (a real server when installed, else the
 * embedded one) to a prod MariaDB (a real server when installed, else a SQLite file), in order, with
 * prod's second reviewer; drift on every sink
 * (empty after the registry's own applies; a column added by hand and a changed type found); the check
 * before apply; the exported files replayed on a fresh database giving the same catalog; and `migrated`
 * marked from a tracking table another runner wrote.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../lib/registry.js';
import { MigrationPreviewer } from '../../lib/requests/preview.js';
import { readSqliteCatalog } from '../../lib/sinks/catalog/sqlite.js';
import { createMigrationRunner, createSinkConnector, type Sink } from '../../lib/sinks/index.js';
import { caricaturesV1 } from '../sql/fixtures.js';
import { mariadbUnavailable, startMariadb, type MariadbServer } from '../support/mariadb-server.js';
import { postgresUnavailable, startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { useRegistry } from '../support/registry.js';
import { approvals } from './approvals.js';

const dir = await mkdtemp(join(tmpdir(), 'registry-envs-'));
const pgMissing = await postgresUnavailable();
const mariadbMissing = await mariadbUnavailable();
let pg: PostgresServer | undefined;
let mariadb: MariadbServer | undefined;

const reg = useRegistry({
  settings: { autoApproveDefault: false, requestRatePerHour: 1000, requestBurst: 1000 },
  sinks: async () => {
    [pg, mariadb] = await Promise.all([pgMissing ? undefined : startPostgres(), mariadbMissing ? undefined : startMariadb()]);
    const env: Record<string, string> = { DEV_SQLITE_URL: `sqlite:${join(dir, 'dev.db')}`, PROD_SQLITE_URL: `sqlite:${join(dir, 'prod.db')}`, CI_SQLITE_URL: `sqlite:${join(dir, 'ci.db')}` };
    if (pg) env.STAGING_PG_URL = pg.url;
    if (mariadb) env.PROD_MYSQL_URL = mariadb.url;
    return {
      connector: createSinkConnector({ env, embeddedDataDir: 'memory://' }),
      defaultSink: { kind: 'embedded', dir: 'memory://' },
      grants: { acme: ['env:DEV_SQLITE_URL', 'env:PROD_SQLITE_URL', 'env:PROD_MYSQL_URL', 'env:STAGING_PG_URL', 'env:CI_SQLITE_URL'] },
    };
  },
});
afterAll(async () => {
  await Promise.all([pg?.stop(), mariadb?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const WS = 'acme';
const { tokens, approved } = approvals(reg, WS);

const apply = (id: string, token: string, sink: string) => reg.call('POST', `/api/v1/schema-requests/${id}/migration/apply`, { token, body: { sink } });
const drift = (sink: string, token: string) => reg.call('GET', `/api/v1/workspaces/${WS}/sinks/${sink}/drift`, { token });
const putSink = (name: string, body: unknown, token: string) => reg.call('PUT', `/api/v1/workspaces/${WS}/sinks/${name}`, { token, body });

const staging = () => (pg ? { dialect: 'postgres', connection: { kind: 'env', variable: 'STAGING_PG_URL' }, namespace: 'staging' } : { dialect: 'postgres', connection: { kind: 'embedded' } });
const stagingSink = (): Sink => (pg ? { name: 'staging', dialect: 'postgres', connection: { kind: 'env', variable: 'STAGING_PG_URL' }, namespace: 'staging' } : { name: 'staging', dialect: 'postgres', connection: { kind: 'embedded' }, namespace: 'ws_acme' });
const devSink: Sink = { name: 'dev', dialect: 'sqlite', connection: { kind: 'env', variable: 'DEV_SQLITE_URL' } };
const prod = () => (mariadb ? { dialect: 'mysql', connection: { kind: 'env', variable: 'PROD_MYSQL_URL' }, namespace: 'prod' } : { dialect: 'sqlite', connection: { kind: 'env', variable: 'PROD_SQLITE_URL' } });

/** Our own SQL on a sink (statements split on ";"), as someone changing it by hand would; answers the last one's rows. */
async function probe(sink: Sink, sql: string): Promise<Record<string, unknown>[]> {
  const driver = await reg.deps.sinks!.connector.connect(sink);
  return driver.transaction(sink.namespace, async (tx) => {
    let rows: Record<string, unknown>[] = [];
    for (const statement of sql.split(';').map((s) => s.trim()).filter(Boolean)) rows = await tx.query(statement);
    return rows;
  });
}

const kinds = (body: { tables: { changes: { kind: string; column?: string }[] }[] }) => body.tables.flatMap((t) => t.changes.map((c) => `${c.kind}:${c.column ?? ''}`)).sort();

describe('environments and promotion', () => {
  it(`promotes one approved request dev (SQLite) → staging (${pgMissing ? 'embedded PostgreSQL' : 'PostgreSQL server'}) → prod (${mariadbMissing ? `SQLite: ${mariadbMissing}` : 'MariaDB server'}) in order, prod only after a second, distinct reviewer, with drift empty on all three`, async () => {
    const t = await tokens();
    expect((await putSink('dev', { dialect: 'sqlite', connection: { kind: 'env', variable: 'DEV_SQLITE_URL' }, environment: 'dev', order: 0 }, t.admin)).status).toBe(200);
    const put = await putSink('staging', { ...staging(), environment: 'staging', order: 1 }, t.admin);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ environment: 'staging', order: 1 });
    const putProd = await putSink('prod', { ...prod(), environment: 'prod', order: 2 }, t.admin);
    expect(putProd.status, JSON.stringify(putProd.body)).toBe(200);
    // One environment, one place in the order; environment and order come together.
    const clash = await putSink('dev_two', { dialect: 'sqlite', connection: { kind: 'env', variable: 'DEV_SQLITE_URL' }, environment: 'dev', order: 3 }, t.admin);
    expect(clash.status).toBe(422);
    expect(clash.body.detail).toMatch(/environment "dev" has order 0/);
    expect((await putSink('dev_two', { dialect: 'sqlite', connection: { kind: 'env', variable: 'DEV_SQLITE_URL' }, environment: 'dev' }, t.admin)).status).toBe(422);
    const rules = await reg.call('PUT', `/api/v1/workspaces/${WS}/config`, { token: t.admin, body: { promotion: { required: true, second_approval: ['prod'] } } });
    expect(rules.status, JSON.stringify(rules.body)).toBe(200);
    expect(rules.body.promotion).toEqual({ required: true, second_approval: ['prod'] });

    const id = await approved('caricatures', caricaturesV1, t);

    const early = await apply(id, t.reviewer, 'staging');
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(early.body).toMatchObject({ environment: 'staging', previous_environment: 'dev', not_ready: [{ sink: 'dev', reason: 'it was never applied there' }] });
    const unchanged = await reg.call('GET', `/api/v1/schema-requests/${id}`, { token: t.reader });
    expect(unchanged.body.status).toBe('approved');

    const onDev = await apply(id, t.reviewer, 'dev');
    expect(onDev.status, JSON.stringify(onDev.body)).toBe(200);
    expect(onDev.body.request.environments).toEqual({ dev: { sinks: { dev: { state: 'applied', at: expect.any(String), by: 'rita' } } } });
    expect((await apply(id, t.reviewer, 'prod')).body.previous_environment).toBe('staging');
    const onStaging = await apply(id, t.admin, 'staging');
    expect(onStaging.status, JSON.stringify(onStaging.body)).toBe(200);

    const noSecond = await apply(id, t.admin, 'prod');
    expect(noSecond.status).toBe(409);
    expect(noSecond.body.detail).toMatch(/second reviewer's approval/);
    const approve = (token: string) => reg.call('POST', `/api/v1/schema-requests/${id}/environments/prod/approval`, { token, body: { comment: 'staging looks right' } });
    const sameReviewer = await approve(t.reviewer);
    expect(sameReviewer.status).toBe(403);
    expect(sameReviewer.body.detail).toMatch(/rita approved request .* already/);
    expect((await approve(t.writer)).status).toBe(403);
    const second = await approve(t.second);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.environments.prod.second_approval).toMatchObject({ by: 'sam', comment: 'staging looks right' });
    expect((await approve(t.admin)).status).toBe(409);

    const onProd = await apply(id, t.reviewer, 'prod');
    expect(onProd.status, JSON.stringify(onProd.body)).toBe(200);
    expect(onProd.body.request.status).toBe('migrated');
    expect(Object.keys(onProd.body.request.environments).sort()).toEqual(['dev', 'prod', 'staging']);
    expect(onProd.body.request.environments.prod).toMatchObject({ sinks: { prod: { state: 'applied', by: 'rita' } }, second_approval: { by: 'sam' } });

    for (const sink of ['dev', 'staging', 'prod']) {
      const report = await drift(sink, t.reader);
      expect(report.status, JSON.stringify(report.body)).toBe(200);
      expect(report.body, sink).toMatchObject({ sink, in_sync: true, tables: [{ table: 'caricatures', expected_from: { migration_id: id, schema_version: 1 }, changes: [] }] });
    }

    // The exported files, replayed by a plain runner on a fresh database, give the same catalog.
    const files = await reg.call('GET', `/api/v1/workspaces/${WS}/migrations?dialect=sqlite`, { token: t.reader });
    expect(files.body.files.map((f: { request_id: string }) => f.request_id)).toEqual([id]);
    const fresh = new Database(join(dir, 'replayed.db'));
    for (const f of files.body.files) fresh.exec(f.up.content);
    const replayed = await readSqliteCatalog(async <R>(sql: string, params: readonly unknown[] = []) => fresh.prepare(sql).all(...params) as R[], ['caricatures']);
    fresh.close();
    const driver = await reg.deps.sinks!.connector.connect(devSink);
    const onDevCatalog = await driver.transaction(undefined, (tx) => readSqliteCatalog(tx.query.bind(tx), ['caricatures']));
    expect(replayed.get('caricatures')).toEqual(onDevCatalog.get('caricatures'));
    expect(replayed.get('caricatures')?.indexes.map((i) => i.name).sort()).toEqual(['idx_caricatures_created_at', 'idx_caricatures_user_id']);

    const audit = await reg.call('GET', `/api/v1/schema-requests/${id}/audit`, { token: t.reader });
    const approvedEvent = audit.body.items.find((e: { action: string }) => e.action === 'schema_request.environment_approved');
    expect(approvedEvent).toMatchObject({ actor: 'sam', details: { environment: 'prod', approved_by: 'rita' } });
    const notes = await reg.call('GET', '/api/v1/notifications', { token: t.writer });
    expect(notes.body.items.map((n: { kind: string }) => n.kind)).toContain('schema_request.environment_approved');
  });
});

describe('drift', () => {
  const table = {
    columns: [
      { name: 'id', type: 'uuid', primary_key: true, default: 'gen_random_uuid()' },
      { name: 'label', type: 'varchar(40)', nullable: false, default: "'none'" },
      { name: 'score', type: 'integer', default: 0 },
      { name: 'active', type: 'boolean', default: true },
    ],
    indexes: [{ name: 'idx_gauges_label', columns: ['label'] }],
  };

  it('finds a column added by hand and a changed type on SQLite, and refuses an apply the live table would break', async () => {
    const t = await tokens();
    expect((await putSink('hand', { dialect: 'sqlite', connection: { kind: 'env', variable: 'DEV_SQLITE_URL' } }, t.admin)).status).toBe(200);
    const id = await approved('gauges', table, t);
    expect((await apply(id, t.reviewer, 'hand')).status).toBe(200);
    expect((await drift('hand', t.reader)).body.in_sync).toBe(true);

    const hand: Sink = { ...devSink, name: 'hand' };
    await probe(hand, 'ALTER TABLE gauges ADD COLUMN note TEXT');
    // SQLite cannot change a column's type: rebuild the table by hand from its own CREATE, score as TEXT.
    const create = String((await probe(hand, "SELECT sql FROM sqlite_master WHERE name = 'gauges'"))[0]?.sql);
    expect(create).toContain('"score" INTEGER');
    const rebuilt = create.replace('"gauges"', 'gauges_new').replace('"score" INTEGER', '"score" TEXT');
    await probe(hand, `${rebuilt}; INSERT INTO gauges_new SELECT * FROM gauges; DROP TABLE gauges; ALTER TABLE gauges_new RENAME TO gauges; CREATE INDEX idx_gauges_label ON gauges (label)`);
    const report = await drift('hand', t.reader);
    expect(report.status).toBe(200);
    expect(report.body.in_sync).toBe(false);
    expect(kinds(report.body)).toEqual(['column_extra:note', 'type_changed:score']);
    const gauges = report.body.tables.find((x: { table: string }) => x.table === 'gauges');
    expect(gauges.changes.find((c: { kind: string }) => c.kind === 'type_changed')).toMatchObject({ expected: 'integer', actual: 'text', explanation: expect.stringMatching(/gauges\.score" is text, but its migrations made it integer/) });

    // A new version adding "note" would fail on the hand-made column: refused before anything runs.
    const next = await reg.call('POST', '/api/v1/schema-requests', { token: t.writer, body: { workspace_id: WS, schema_name: 'gauges', table: { ...table, columns: [...table.columns, { name: 'note', type: 'text' }] } } });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect((await reg.call('PATCH', `/api/v1/schema-requests/${next.body.id}`, { token: t.reviewer, body: { status: 'approved' } })).status).toBe(200);
    const refused = await apply(next.body.id, t.reviewer, 'hand');
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.drift.map((c: { kind: string; column?: string }) => `${c.kind}:${c.column}`)).toContain('column_extra:note');
    expect((await reg.call('GET', `/api/v1/schema-requests/${next.body.id}`, { token: t.reader })).body.status).toBe('approved');
  });

  it(`finds a column added by hand, a changed type, nullability, default and a dropped index on ${pgMissing ? 'the embedded PostgreSQL' : 'a PostgreSQL server'}`, async () => {
    const t = await tokens();
    const sink = { ...stagingSink(), name: 'live_pg', namespace: pg ? 'drift' : 'ws_acme' };
    const put = await putSink('live_pg', pg ? { ...staging(), namespace: 'drift' } : staging(), t.admin);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const id = await approved('dials', table, t);
    expect((await apply(id, t.reviewer, 'live_pg')).status).toBe(200);
    const clean = await drift('live_pg', t.reader);
    expect(clean.body, JSON.stringify(clean.body)).toMatchObject({ in_sync: true });

    await probe(sink, `ALTER TABLE dials ADD COLUMN note text; ALTER TABLE dials ALTER COLUMN score TYPE bigint; ALTER TABLE dials ALTER COLUMN label DROP NOT NULL;
      ALTER TABLE dials ALTER COLUMN active SET DEFAULT false; DROP INDEX idx_gauges_label`);
    const report = await drift('live_pg', t.reader);
    expect(kinds(report.body)).toEqual(['column_extra:note', 'default_changed:active', 'index_missing:', 'nullability_changed:label', 'type_changed:score']);
    expect(report.body.tables[0].changes.find((c: { kind: string }) => c.kind === 'type_changed')).toMatchObject({ expected: 'integer', actual: 'bigint', explanation: expect.stringMatching(/dials\.score" is bigint, but its migrations made it integer/) });

    // A create onto a table someone made by hand is refused with the drift.
    await probe(sink, 'CREATE TABLE knobs (id uuid PRIMARY KEY)');
    const knobs = await approved('knobs', { columns: [{ name: 'id', type: 'uuid', primary_key: true }, { name: 'size', type: 'integer' }] }, t);
    const refused = await apply(knobs, t.reviewer, 'live_pg');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/table "knobs" already exists/);
  });

  it.skipIf(mariadbMissing !== undefined)(`finds a column added by hand, a changed type and a changed default on a MariaDB server${mariadbMissing ? ` [skipped: ${mariadbMissing}]` : ''}`, async () => {
    const t = await tokens();
    const sink: Sink = { name: 'live_mysql', dialect: 'mysql', connection: { kind: 'env', variable: 'PROD_MYSQL_URL' }, namespace: 'drift' };
    const put = await putSink('live_mysql', { dialect: 'mysql', connection: { kind: 'env', variable: 'PROD_MYSQL_URL' }, namespace: 'drift' }, t.admin);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const id = await approved('meters', table, t);
    expect((await apply(id, t.reviewer, 'live_mysql')).status).toBe(200);
    expect((await drift('live_mysql', t.reader)).body).toMatchObject({ in_sync: true });

    await probe(sink, 'ALTER TABLE meters ADD COLUMN note TEXT; ALTER TABLE meters MODIFY score BIGINT DEFAULT 0; ALTER TABLE meters ALTER COLUMN label SET DEFAULT \'unset\'');
    const report = await drift('live_mysql', t.reader);
    expect(kinds(report.body)).toEqual(['column_extra:note', 'default_changed:label', 'type_changed:score']);
    expect(report.body.tables[0].changes.find((c: { kind: string }) => c.kind === 'type_changed')).toMatchObject({ expected: 'int', actual: 'bigint' });
  });
});

describe('marking requests migrated from a tracking table', () => {
  it('marks a request migrated on a sink where another runner applied its SQL, once, and rolled_back when that runner rolls it back', async () => {
    const t = await tokens();
    expect((await putSink('ci', { dialect: 'sqlite', connection: { kind: 'env', variable: 'CI_SQLITE_URL' }, environment: 'ci', order: 0 }, t.admin)).status).toBe(200);
    const id = await approved('ledgers', { columns: [{ name: 'id', type: 'uuid', primary_key: true }, { name: 'amount', type: 'numeric(12,2)' }] }, t);
    // The team's own runner: the registry's runner library with its own connection, not the registry's API.
    const services = buildServices(reg.deps);
    const request = (await services.stores.requests.byId(id))!;
    const { plan } = await new MigrationPreviewer(services.stores.schemas, services.engines).planFor(request);
    const runner = createMigrationRunner({ connect: (s) => reg.deps.sinks!.connector.connect(s), clock: () => new Date() });
    const ci: Sink = { name: 'ci', dialect: 'sqlite', connection: { kind: 'env', variable: 'CI_SQLITE_URL' } };
    const migration = { id, request_id: id, schema_name: 'ledgers', schema_version: 1, plan };
    await runner.apply(ci, migration, { actor: 'ci-bot' });

    const sync = () => reg.call('POST', `/api/v1/workspaces/${WS}/sinks/ci/sync`, { token: t.reviewer, body: {} });
    expect((await reg.call('POST', `/api/v1/workspaces/${WS}/sinks/ci/sync`, { token: t.reader, body: {} })).status).toBe(403);
    const first = await sync();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.marked).toEqual([{ request_id: id, schema_name: 'ledgers', status: 'migrated' }]);
    const after = await reg.call('GET', `/api/v1/schema-requests/${id}`, { token: t.reader });
    expect(after.body).toMatchObject({ status: 'migrated', migrations: { ci: { state: 'applied', environment: 'ci', by: 'rita' } }, environments: { ci: { sinks: { ci: { state: 'applied' } } } } });
    expect((await sync()).body.marked).toEqual([]);
    const audit = await reg.call('GET', `/api/v1/schema-requests/${id}/audit`, { token: t.reader });
    expect(audit.body.items.find((e: { action: string }) => e.action === 'schema_request.migrated')).toMatchObject({ details: { sink: 'ci', outcome: 'synced' } });
    expect((await drift('ci', t.reader)).body.in_sync).toBe(true);

    await runner.rollback(ci, migration, { actor: 'ci-bot' });
    expect((await sync()).body.marked).toEqual([{ request_id: id, schema_name: 'ledgers', status: 'rolled_back' }]);
  });
});
