/**
 * A MariaDB sink through the real handlers on DynamoDB Local: an admin registers it by reference (as
 * for PostgreSQL), approved requests are applied and rolled back on a real MariaDB server, and a
 * migration failing midway keeps its first statements and resumes at the failing one once fixed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createSinkConnector, STEPS_TABLE, TRACKING_TABLE, type Sink } from '../../lib/sinks/index.js';
import { caricaturesV1 } from '../sql/fixtures.js';
import { mariadbUnavailable, startMariadb, type MariadbServer } from '../support/mariadb-server.js';
import { useRegistry } from '../support/registry.js';
import { approvals } from './approvals.js';

const missing = await mariadbUnavailable();
let server: MariadbServer | undefined;

const reg = useRegistry({
  settings: { autoApproveDefault: false, requestRatePerHour: 1000, requestBurst: 1000 },
  sinks: async () => {
    server = missing ? undefined : await startMariadb();
    return { connector: createSinkConnector({ env: server ? { SHOP_DATABASE_URL: server.url } : {} }), grants: { acme: ['env:SHOP_DATABASE_URL'] } };
  },
});
afterAll(() => server?.stop());

const WS = 'acme';
const shop: Sink = { name: 'shop', dialect: 'mysql', connection: { kind: 'env', variable: 'SHOP_DATABASE_URL' }, namespace: 'shop' };
const { tokens, approved } = approvals(reg, WS);
const apply = (id: string, token: string) => reg.call('POST', `/api/v1/schema-requests/${id}/migration/apply`, { token, body: { sink: 'shop', dialect: 'mysql' } });
const rollback = (id: string, token: string) => reg.call('POST', `/api/v1/schema-requests/${id}/migration/rollback`, { token, body: { sink: 'shop' } });
async function probe<R = Record<string, unknown>>(sql: string): Promise<R[]> {
  const driver = await reg.deps.sinks!.connector.connect(shop);
  return driver.transaction(shop.namespace, (tx) => tx.query<R>(sql));
}
const columns = async (table: string) =>
  (await probe<{ name: string }>(`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '${table}' ORDER BY ordinal_position`)).map((r) => r.name);

describe.skipIf(missing !== undefined)(`a MariaDB sink${missing ? ` [skipped: ${missing}]` : ''}`, () => {
  it('is registered by reference, applies a seed table there, shows it in the sink status, and rolls it back', async () => {
    const t = await tokens();
    const put = await reg.call('PUT', `/api/v1/workspaces/${WS}/sinks/shop`, { token: t.admin, body: { dialect: 'mysql', connection: { kind: 'env', variable: 'SHOP_DATABASE_URL' }, namespace: 'shop' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ name: 'shop', dialect: 'mysql', namespace: 'shop', connection: { kind: 'env', variable: 'SHOP_DATABASE_URL' } });
    expect(JSON.stringify(put.body)).not.toContain(server!.password);

    const id = await approved('seed_caricatures', caricaturesV1, t);
    const applied = await apply(id, t.reviewer);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.request).toMatchObject({ status: 'migrated', migrations: { shop: { state: 'applied', dialect: 'mysql', namespace: 'shop' } } });
    expect(applied.body.attempt.statements[0]).toMatch(/^CREATE TABLE IF NOT EXISTS `seed_caricatures`/);
    await probe("INSERT INTO seed_caricatures (user_id, image_url) VALUES ('u2', 'b.png')");
    expect(await probe('SELECT user_id, image_url FROM seed_caricatures')).toEqual([{ user_id: 'u2', image_url: 'b.png' }]);

    const status = await reg.call('GET', `/api/v1/workspaces/${WS}/sinks/shop/migrations`, { token: t.reader });
    expect(status.status, JSON.stringify(status.body)).toBe(200);
    expect(status.body.in_agreement).toBe(true);

    expect((await rollback(id, t.reviewer)).status).toBe(200);
    const left = await probe<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()');
    expect(left.map((r) => r.name).sort()).toEqual([STEPS_TABLE, TRACKING_TABLE].sort());
  });

  it('keeps the statements of a failed migration that MySQL committed, says so, and resumes at the failing one once fixed', async () => {
    const t = await tokens();
    const v1Table = { columns: [{ name: 'id', type: 'uuid', primary_key: true }, { name: 'title', type: 'varchar(100)' }] };
    const v2Table = { ...v1Table, columns: [...v1Table.columns, { name: 'size', type: 'integer' }], indexes: [{ name: 'uq_drawings_title', columns: ['title'], type: 'unique' }] };
    const v1 = await approved('drawings', v1Table, t);
    const v2 = await approved('drawings', v2Table, t);
    expect((await apply(v1, t.reviewer)).status).toBe(200);
    // Two rows with one title make v2's unique index (its second statement) fail after its ADD COLUMN committed.
    await probe("INSERT INTO drawings (id, title) VALUES ('6f1c0a52-0000-4000-8000-000000000001', 'same'), ('6f1c0a52-0000-4000-8000-000000000002', 'same')");
    const failed = await apply(v2, t.reviewer);
    expect(failed.status, JSON.stringify(failed.body)).toBe(409);
    expect(failed.body).toMatchObject({ statement_index: 1, kept_statements: 1, failed_statement: expect.stringMatching(/^CREATE UNIQUE INDEX `uq_drawings_title`/) });
    expect(failed.body.detail).toContain('statements 1 to 1 stay in effect, as MySQL commits each statement: fix the cause and apply again to resume at statement 2');
    expect((await reg.call('GET', `/api/v1/schema-requests/${v2}`, { token: t.reader })).body).toMatchObject({ status: 'migration_failed', migrations: { shop: { state: 'failed' } } });
    expect(await columns('drawings')).toEqual(['id', 'title', 'size']);
    // Again before the fix: it resumes at the index, so that is all this attempt runs (and records).
    const again = await apply(v2, t.reviewer);
    expect(again.body).toMatchObject({ statement_index: 1, statements: [failed.body.failed_statement] });
    const audit = await reg.call('GET', `/api/v1/schema-requests/${v2}/audit`, { token: t.reader });
    const failures = audit.body.items.filter((e: { details?: { outcome?: string } }) => e.details?.outcome === 'failed');
    expect(failures.map((e: { details: { sql: string[] } }) => e.details.sql).sort((a: string[], b: string[]) => a.length - b.length)).toEqual([
      [failed.body.failed_statement],
      [expect.stringMatching(/^ALTER TABLE `drawings` ADD COLUMN `size` INT NULL$/), failed.body.failed_statement],
    ]);

    await probe("UPDATE drawings SET title = 'other' WHERE id = '6f1c0a52-0000-4000-8000-000000000002'");
    const retried = await apply(v2, t.reviewer);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body.request.status).toBe('migrated');
    // Only the failing statement and what follows ran: the ADD COLUMN is not run twice.
    expect(retried.body.attempt.statements).toHaveLength(1);
    expect(retried.body.attempt.statements[0]).toBe(failed.body.failed_statement);

    expect((await rollback(v2, t.reviewer)).status).toBe(200);
    expect(await columns('drawings')).toEqual(['id', 'title']);
    expect((await rollback(v1, t.reviewer)).status).toBe(200);
    expect(await columns('drawings')).toEqual([]);
  });
});
