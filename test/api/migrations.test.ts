/**
 * Approved means created, through the real handlers on DynamoDB Local: sinks kept by reference, apply
 * and rollback on real databases (the embedded PostgreSQL, a SQLite file, a real PostgreSQL server when
 * installed), statuses, attempts and their audit, notifications, order and dependents, the sink status
 * with its disagreement flags, and credentials that never leave.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildServices } from '../../lib/registry.js';
import { runAutoApproval } from '../../lib/requests/auto-approver.js';
import { createSinkConnector, TRACKING_TABLE, type Sink } from '../../lib/sinks/index.js';
import { namespaceForWorkspace } from '../../lib/sinks/index.js';
import { caricaturesV1, userPreferences } from '../sql/fixtures.js';
import { postgresUnavailable, startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { useRegistry } from '../support/registry.js';
import { approvals } from './approvals.js';

const dir = await mkdtemp(join(tmpdir(), 'registry-sinks-'));
const pgMissing = await postgresUnavailable();
let pg: PostgresServer | undefined;
const BAD_PASSWORD = 'hunter2-never-shown';

const reg = useRegistry({
  settings: { autoApproveDefault: false, requestRatePerHour: 1000, requestBurst: 1000 },
  sinks: async () => {
    pg = pgMissing ? undefined : await startPostgres();
    const env: Record<string, string> = { SQLITE_SINK_URL: `sqlite:${join(dir, 'acme.db')}`, OTHER_SQLITE_URL: `sqlite:${join(dir, 'other.db')}` };
    if (pg) {
      env.PG_SINK_URL = pg.url;
      env.PG_BAD_URL = pg.url.replace(pg.password, BAD_PASSWORD);
    }
    return {
      connector: createSinkConnector({ env, embeddedDataDir: 'memory://' }),
      defaultSink: { kind: 'embedded', dir: 'memory://' },
      grants: { acme: ['env:SQLITE_SINK_URL', 'env:PG_SINK_URL', 'env:PG_BAD_URL'] },
    };
  },
});
afterAll(async () => {
  await pg?.stop();
  await rm(dir, { recursive: true, force: true });
});

const WS = 'acme';
const { tokens, approved } = approvals(reg, WS);

const apply = (id: string, token: string, body: unknown = {}) => reg.call('POST', `/api/v1/schema-requests/${id}/migration/apply`, { token, body });
const rollback = (id: string, token: string, body: unknown = {}) => reg.call('POST', `/api/v1/schema-requests/${id}/migration/rollback`, { token, body });

/** Our own probe SQL on a sink, in its namespace. */
async function probe<R = Record<string, unknown>>(sink: Sink, sql: string): Promise<R[]> {
  const driver = await reg.deps.sinks!.connector.connect(sink);
  return driver.transaction(sink.namespace, (tx) => tx.query<R>(sql));
}
const embedded: Sink = { name: 'default', dialect: 'postgres', connection: { kind: 'embedded' }, namespace: namespaceForWorkspace(WS) };
const sqlite: Sink = { name: 'local_sqlite', dialect: 'sqlite', connection: { kind: 'env', variable: 'SQLITE_SINK_URL' } };

const pgTables = async (sink: Sink) =>
  (await probe<{ name: string }>(sink, "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name")).map((r) => r.name).filter((n) => n !== TRACKING_TABLE);

describe('applying an approved request to the embedded default sink', () => {
  it('creates the table with its columns and indexes, audits the SQL and outcome, notifies the requester, and rollback removes it', async () => {
    const t = await tokens();
    const id = await approved('caricatures', caricaturesV1, t);

    expect((await apply(id, t.writer)).status).toBe(403);
    const applied = await apply(id, t.reviewer);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.request).toMatchObject({ id, status: 'migrated', migrations: { default: { state: 'applied', dialect: 'postgres', namespace: 'ws_acme', by: 'rita' } } });
    expect(applied.body.attempt).toMatchObject({ operation: 'apply', outcome: 'applied', sink: 'default', dialect: 'postgres', checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(applied.body.attempt.statements[0]).toMatch(/^CREATE TABLE IF NOT EXISTS "caricatures"/);

    const columns = await probe<{ column_name: string; data_type: string; is_nullable: string }>(embedded, "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'ws_acme' AND table_name = 'caricatures' ORDER BY ordinal_position");
    expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
      ['id', 'uuid', 'NO'],
      ['user_id', 'text', 'NO'],
      ['username', 'text', 'YES'],
      ['image_url', 'text', 'NO'],
      ['description', 'text', 'YES'],
      ['created_at', 'timestamp with time zone', 'NO'],
    ]);
    const indexes = await probe<{ indexname: string }>(embedded, "SELECT indexname FROM pg_indexes WHERE schemaname = 'ws_acme' AND tablename = 'caricatures' ORDER BY indexname");
    expect(indexes.map((i) => i.indexname)).toEqual(['caricatures_pkey', 'idx_caricatures_created_at', 'idx_caricatures_user_id']);
    await probe(embedded, "INSERT INTO caricatures (user_id, image_url) VALUES ('u1', 'a.png')");
    expect(await probe(embedded, 'SELECT user_id, image_url FROM caricatures')).toEqual([{ user_id: 'u1', image_url: 'a.png' }]);

    const audit = await reg.call('GET', `/api/v1/schema-requests/${id}/audit`, { token: t.reader });
    const event = audit.body.items.find((e: { action: string }) => e.action === 'schema_request.migrated');
    expect(event).toMatchObject({ actor: 'rita', before: { status: 'approved' }, after: { status: 'migrated' }, details: { sink: 'default', dialect: 'postgres', outcome: 'applied', sql: applied.body.attempt.statements } });
    expect(event.details.duration_ms).toBeGreaterThanOrEqual(0);
    const notes = await reg.call('GET', '/api/v1/notifications', { token: t.writer });
    expect(notes.body.items.map((n: { kind: string }) => n.kind)).toContain('schema_request.migrated');

    const status = await reg.call('GET', `/api/v1/workspaces/${WS}/sinks/default/migrations`, { token: t.reader });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ sink: 'default', namespace: 'ws_acme', in_agreement: true });
    expect(status.body.items.find((i: { migration_id: string }) => i.migration_id === id)).toMatchObject({ status: 'applied', checksum: applied.body.attempt.checksum, disagreements: [] });

    const undone = await rollback(id, t.admin);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body.request.status).toBe('rolled_back');
    expect(undone.body.attempt.statements).toContain('DROP TABLE IF EXISTS "caricatures"');
    expect(await pgTables(embedded)).not.toContain('caricatures');
    const after = await reg.call('GET', `/api/v1/schema-requests/${id}/audit`, { token: t.reader });
    expect(after.body.items.map((e: { action: string }) => e.action)).toContain('schema_request.rolled_back');
  });

  it('refuses to apply what is not approved (409), for readers and writers (403), and another workspace (404)', async () => {
    const t = await tokens();
    const pending = await reg.call('POST', '/api/v1/schema-requests', { token: t.writer, body: { workspace_id: WS, schema_name: 'not_yet', table: userPreferences } });
    expect((await apply(pending.body.id, t.reviewer)).status).toBe(409);
    expect((await apply(pending.body.id, t.reader)).status).toBe(403);
    const stranger = await reg.token('sam', { other: 'admin' });
    expect((await apply(pending.body.id, stranger)).status).toBe(404);
    expect((await apply(pending.body.id, t.reviewer, { sink: 'nope' })).status).toBe(409);
    expect((await apply(pending.body.id, t.reviewer, { extra: 1 })).status).toBe(400);
  });

  it('applies once when five reviewers race: one applied attempt, the others unchanged, one notification', async () => {
    const t = await tokens();
    const id = await approved('race_table', { columns: [{ name: 'id', type: 'uuid', primary_key: true }, { name: 'note', type: 'text' }] }, t);
    const others = await Promise.all(['r1', 'r2', 'r3', 'r4', 'r5'].map((u) => reg.token(u, { [WS]: 'reviewer' })));
    const results = await Promise.all(others.map((token) => apply(id, token)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results.map((r) => r.body.attempt.outcome).sort()).toEqual(['applied', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect((await reg.call('GET', `/api/v1/schema-requests/${id}`, { token: t.reader })).body.status).toBe('migrated');
    const notes = await reg.call('GET', '/api/v1/notifications', { token: t.writer });
    expect(notes.body.items.filter((n: { kind: string; subject: { request_id: string } }) => n.kind === 'schema_request.migrated' && n.subject.request_id === id)).toHaveLength(1);
  });

  it('flags a tampered tracking row in the sink status and refuses to apply over it', async () => {
    const t = await tokens();
    const id = await approved('tampered', { columns: [{ name: 'id', type: 'uuid', primary_key: true }] }, t);
    expect((await apply(id, t.reviewer)).status).toBe(200);
    await probe(embedded, `UPDATE ${TRACKING_TABLE} SET checksum = '${'0'.repeat(64)}' WHERE migration_id = '${id}'`);
    const status = await reg.call('GET', `/api/v1/workspaces/${WS}/sinks/default/migrations`, { token: t.reader });
    expect(status.body.in_agreement).toBe(false);
    const item = status.body.items.find((i: { migration_id: string }) => i.migration_id === id);
    expect(item.disagreements.join(' ')).toMatch(/checksum differs: the sink records 000000000000…/);
    const again = await apply(id, t.reviewer);
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/checksum 000000000000…/);
  });
});

describe('order, failures and dependents on one sink', () => {
  it('makes version 2 wait for version 1, fails midway leaving nothing, retries once fixed, and refuses to roll back version 1 under it', async () => {
    const t = await tokens();
    const v1 = await approved('drawings', { columns: [{ name: 'id', type: 'uuid', primary_key: true }, { name: 'title', type: 'text' }] }, t);
    const v2 = await approved('drawings', { columns: [{ name: 'id', type: 'uuid', primary_key: true }, { name: 'title', type: 'text' }, { name: 'size', type: 'integer' }], indexes: [{ name: 'uq_drawings_title', columns: ['title'], type: 'unique' }] }, t);

    const early = await apply(v2, t.reviewer);
    expect(early.status).toBe(409);
    expect(early.body.waiting_on).toEqual(['drawings version 1']);
    expect((await reg.call('GET', `/api/v1/schema-requests/${v2}`, { token: t.reader })).body).toMatchObject({ status: 'approved', migrations: { default: { state: 'waiting' } } });

    expect((await apply(v1, t.reviewer)).status).toBe(200);
    // Two rows with one title make v2's unique index fail after its ADD COLUMN ran.
    await probe(embedded, "INSERT INTO drawings (id, title) VALUES ('6f1c0a52-0000-4000-8000-000000000001', 'same'), ('6f1c0a52-0000-4000-8000-000000000002', 'same')");
    const failed = await apply(v2, t.reviewer);
    expect(failed.status).toBe(409);
    expect(failed.body.failed_statement).toMatch(/^CREATE UNIQUE INDEX/);
    expect(failed.body.statement_index).toBeGreaterThan(0);
    const stored = (await reg.call('GET', `/api/v1/schema-requests/${v2}`, { token: t.reader })).body;
    expect(stored.status).toBe('migration_failed');
    expect(stored.migrations.default).toMatchObject({ state: 'failed', failed_statement: failed.body.failed_statement, error: expect.stringContaining('nothing of it was kept') });
    const columns = await probe<{ column_name: string }>(embedded, "SELECT column_name FROM information_schema.columns WHERE table_schema = 'ws_acme' AND table_name = 'drawings' ORDER BY ordinal_position");
    expect(columns.map((c) => c.column_name)).toEqual(['id', 'title']);

    await probe(embedded, "UPDATE drawings SET title = 'other' WHERE id = '6f1c0a52-0000-4000-8000-000000000002'");
    const retried = await apply(v2, t.reviewer);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body.request.status).toBe('migrated');

    const blocked = await rollback(v1, t.reviewer);
    expect(blocked.status).toBe(409);
    expect(blocked.body.dependents).toEqual([v2]);
    expect(blocked.body.detail).toContain(v2);
    expect((await reg.call('GET', `/api/v1/schema-requests/${v1}`, { token: t.reader })).body.status).toBe('migrated');
    expect((await rollback(v2, t.reviewer)).status).toBe(200);
    expect((await rollback(v1, t.reviewer)).status).toBe(200);
    expect(await pgTables(embedded)).not.toContain('drawings');
  });
});

describe('the auto-approval worker in a workspace that auto-creates', () => {
  it('creates a low-risk table on the default sink and logs a skipped high-risk one', async () => {
    const ws = 'autoc';
    const admin = await reg.token('ada', { [ws]: 'admin' });
    const writer = await reg.token('wes', { [ws]: 'writer' });
    expect((await reg.call('PUT', `/api/v1/workspaces/${ws}/policies`, { token: admin, body: { auto_create: true } })).status).toBe(200);
    const low = await reg.call('POST', '/api/v1/schema-requests', {
      token: writer,
      body: { workspace_id: ws, schema_name: 'auto_notes', table: { columns: [{ name: 'id', type: 'uuid', primary_key: true, default: 'gen_random_uuid()' }, { name: 'created_at', type: 'timestamptz', nullable: false, default: 'now()' }, { name: 'updated_at', type: 'timestamptz', nullable: false, default: 'now()' }] } },
    });
    expect(low.body.risk).toBe('low');
    const high = await reg.call('POST', '/api/v1/schema-requests', { token: writer, body: { workspace_id: ws, schema_name: 'loose_blobs', table: { columns: [{ name: 'data', type: 'text' }] } } });
    expect(high.body.risk).toBe('high');

    const results = await runAutoApproval(buildServices(reg.deps));
    expect(results.filter((r) => r.workspace_id === ws).map((r) => [r.request_id, r.auto_create])).toEqual(expect.arrayContaining([[low.body.id, 'created'], [high.body.id, 'skipped']]));
    const request = await reg.call('GET', `/api/v1/schema-requests/${low.body.id}`, { token: writer });
    expect(request.body).toMatchObject({ status: 'migrated', migrations: { default: { state: 'applied', by: 'system:auto-approver' } } });
    const autoSink: Sink = { ...embedded, namespace: namespaceForWorkspace(ws) };
    expect(await pgTables(autoSink)).toEqual(['auto_notes']);

    const log = await reg.call('GET', `/api/v1/workspaces/${ws}/auto-create-log`, { token: admin });
    expect(log.status).toBe(200);
    const byAction = Object.fromEntries(log.body.items.map((e: { action: string }) => [e.action, e]));
    expect(byAction.created).toMatchObject({ request_id: low.body.id, table_name: 'auto_notes', sink: 'default', details: { risk: 'low', outcome: 'applied', sql: [expect.stringMatching(/^CREATE TABLE IF NOT EXISTS "auto_notes"/)] } });
    expect(byAction.skipped).toMatchObject({ request_id: high.body.id, table_name: 'loose_blobs', details: { risk: 'high', reason: expect.stringContaining('risk is high') } });
    expect((await reg.call('GET', `/api/v1/workspaces/${ws}/auto-create-log`, { token: writer })).status).toBe(403);
  });
});

describe('sink settings', () => {
  it('keeps a granted reference, shows it back, applies to it on approval, and deletes it', async () => {
    const t = await tokens();
    expect((await reg.call('GET', `/api/v1/workspaces/${WS}/sinks/default`, { token: t.admin })).body).toMatchObject({ name: 'default', built_in: true, connection: { kind: 'embedded' }, namespace: 'ws_acme' });
    const put = await reg.call('PUT', `/api/v1/workspaces/${WS}/sinks/local_sqlite`, { token: t.admin, body: { dialect: 'sqlite', connection: { kind: 'env', variable: 'SQLITE_SINK_URL' }, apply_on_approval: true } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ name: 'local_sqlite', dialect: 'sqlite', connection: { kind: 'env', variable: 'SQLITE_SINK_URL' }, apply_on_approval: true, built_in: false, updated_by: 'ada' });
    expect(JSON.stringify(put.body)).not.toContain(dir);

    // Approval applies it there (and only there: the default sink does not apply on approval).
    const created = await reg.call('POST', '/api/v1/schema-requests', { token: t.writer, body: { workspace_id: WS, schema_name: 'user_preferences', table: userPreferences } });
    const decided = await reg.call('PATCH', `/api/v1/schema-requests/${created.body.id}`, { token: t.reviewer, body: { status: 'approved' } });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'migrated', migrations: { local_sqlite: { state: 'applied', dialect: 'sqlite', by: 'rita' } } });
    await probe(sqlite, "INSERT INTO user_preferences (preference_key, user_id) VALUES ('theme', 'u1')");
    expect(await probe(sqlite, 'SELECT preference_key, user_id, is_active FROM user_preferences')).toEqual([{ preference_key: 'theme', user_id: 'u1', is_active: 1 }]);
    expect(await pgTables(embedded)).not.toContain('user_preferences');
    expect((await rollback(created.body.id, t.reviewer, { sink: 'local_sqlite', dialect: 'sqlite' })).body.request.status).toBe('rolled_back');
    expect(await probe(sqlite, "SELECT name FROM sqlite_master WHERE name = 'user_preferences'")).toEqual([]);

    const history = await reg.call('GET', `/api/v1/audit?workspace_id=${WS}&entity_type=sink`, { token: t.admin });
    expect(history.body.items.map((e: { action: string }) => e.action)).toContain('sink.updated');
    expect((await reg.call('DELETE', `/api/v1/workspaces/${WS}/sinks/local_sqlite`, { token: t.admin })).status).toBe(204);
    expect((await reg.call('GET', `/api/v1/workspaces/${WS}/sinks/local_sqlite`, { token: t.admin })).status).toBe(404);
    // The registry never deletes an item: the tombstone reads as absent, and a new put replaces it.
    const again = await reg.call('PUT', `/api/v1/workspaces/${WS}/sinks/local_sqlite`, { token: t.admin, body: { dialect: 'sqlite', connection: { kind: 'env', variable: 'SQLITE_SINK_URL' } } });
    expect(again.status).toBe(200);
    expect(again.body.apply_on_approval).toBe(false);
  });

  it('refuses references by value, ungranted references, another namespace on the shared database, non-admins and other workspaces', async () => {
    const t = await tokens();
    const put = (body: unknown, token = t.admin, ws = WS) => reg.call('PUT', `/api/v1/workspaces/${ws}/sinks/analytics`, { token, body });
    const pasted = await put({ dialect: 'postgres', connection: 'postgres://app:s3cret-pw@db:5432/app' });
    expect(pasted.status).toBe(422);
    expect(JSON.stringify(pasted.body)).not.toContain('s3cret-pw');
    const ungranted = await put({ dialect: 'sqlite', connection: { kind: 'env', variable: 'OTHER_SQLITE_URL' } });
    expect(ungranted.status).toBe(403);
    expect(ungranted.body.detail).toContain('env:OTHER_SQLITE_URL is not granted to workspace acme');
    const foreign = await put({ dialect: 'postgres', connection: { kind: 'embedded' }, namespace: 'ws_other' });
    expect(foreign.status).toBe(422);
    expect(foreign.body.detail).toContain('its own namespace "ws_acme"');
    expect((await put({ dialect: 'sqlite', connection: { kind: 'env', variable: 'SQLITE_SINK_URL' } }, t.reviewer)).status).toBe(403);
    const stranger = await reg.token('sam', { other: 'admin' });
    expect((await reg.call('GET', `/api/v1/workspaces/${WS}/sinks/default`, { token: stranger })).status).toBe(404);
    // The other workspace has no grant for acme's database.
    expect((await put({ dialect: 'sqlite', connection: { kind: 'env', variable: 'SQLITE_SINK_URL' } }, stranger, 'other')).status).toBe(403);
  });
});

describe.skipIf(pgMissing)(`a real PostgreSQL server${pgMissing ? ` [skipped: ${pgMissing}]` : ''}`, () => {
  it('applies a seed table through an env reference, and rolls it back', async () => {
    const t = await tokens();
    expect((await reg.call('PUT', `/api/v1/workspaces/${WS}/sinks/warehouse`, { token: t.admin, body: { dialect: 'postgres', connection: { kind: 'env', variable: 'PG_SINK_URL' }, namespace: 'warehouse' } })).status).toBe(200);
    const id = await approved('seed_caricatures', caricaturesV1, t);
    const applied = await apply(id, t.reviewer, { sink: 'warehouse' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const sink: Sink = { name: 'warehouse', dialect: 'postgres', connection: { kind: 'env', variable: 'PG_SINK_URL' }, namespace: 'warehouse' };
    await probe(sink, "INSERT INTO seed_caricatures (user_id, image_url) VALUES ('u2', 'b.png')");
    expect(await probe(sink, 'SELECT user_id FROM seed_caricatures')).toEqual([{ user_id: 'u2' }]);
    expect((await rollback(id, t.reviewer, { sink: 'warehouse' })).status).toBe(200);
    expect(await pgTables(sink)).toEqual([]);
  });

  it('never shows or logs the credentials of a sink that refuses them', async () => {
    const t = await tokens();
    expect((await reg.call('PUT', `/api/v1/workspaces/${WS}/sinks/broken`, { token: t.admin, body: { dialect: 'postgres', connection: { kind: 'env', variable: 'PG_BAD_URL' } } })).status).toBe(200);
    const id = await approved('secretive', { columns: [{ name: 'id', type: 'uuid', primary_key: true }] }, t);
    const written: string[] = [];
    const spies = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')].map((s) => s.mockImplementation((chunk: unknown) => (written.push(String(chunk)), true)));
    let failed;
    try {
      failed = await apply(id, t.reviewer, { sink: 'broken' });
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(failed.status).toBe(503);
    const request = await reg.call('GET', `/api/v1/schema-requests/${id}`, { token: t.reader });
    expect(request.body.status).toBe('migration_failed');
    const audit = await reg.call('GET', `/api/v1/schema-requests/${id}/audit`, { token: t.reader });
    const sinkView = await reg.call('GET', `/api/v1/workspaces/${WS}/sinks/broken`, { token: t.admin });
    for (const text of [JSON.stringify(failed.body), JSON.stringify(request.body), JSON.stringify(audit.body), JSON.stringify(sinkView.body), written.join('')]) {
      expect(text).not.toContain(BAD_PASSWORD);
      expect(text).not.toContain(pg!.url.split('@')[1]!.split('/')[0]!);
    }
  });
});
