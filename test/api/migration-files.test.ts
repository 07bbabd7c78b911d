/**
 * GET /workspaces/{id}/migrations through the real handlers on DynamoDB Local: the approved migrations as
 * numbered files in approval order, headers and checksums, who may read them, and files that a plain
 * runner replays on a fresh SQLite database into the same catalog as the registry's own apply.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSinkConnector, TRACKING_TABLE } from '../../lib/sinks/index.js';
import { caricaturesV1 } from '../sql/fixtures.js';
import { useRegistry } from '../support/registry.js';
import { approvals } from './approvals.js';

const dir = await mkdtemp(join(tmpdir(), 'registry-files-'));
const sinkFile = join(dir, 'sink.db');
const reg = useRegistry({
  settings: { autoApproveDefault: false, requestRatePerHour: 1000, requestBurst: 1000 },
  sinks: async () => ({
    connector: createSinkConnector({ env: { FILES_SQLITE_URL: `sqlite:${sinkFile}` }, embeddedDataDir: 'memory://' }),
    defaultSink: { kind: 'embedded', dir: 'memory://' },
    grants: { acme: ['env:FILES_SQLITE_URL'] },
  }),
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const WS = 'acme';
const { approved } = approvals(reg, WS);
// The next version adds an optional column and an index: compatible, and on SQLite a table rebuild that
// only works after the first file.
const caricaturesV2 = { ...caricaturesV1, columns: [...caricaturesV1.columns, { name: 'caption', type: 'TEXT', nullable: true }], indexes: [...caricaturesV1.indexes, { name: 'idx_caricatures_caption', columns: ['caption'] }] };

interface File {
  name: string;
  content: string;
  sha256: string;
}

/** The body under the header: everything after the checksum line. */
const bodyOf = (content: string) => content.slice(content.indexOf('\n', content.indexOf('-- sha256 of the body below: ')) + 1);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Tables, columns and indexes of a SQLite database, without the sink's tracking table. */
function catalog(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const objects = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name NOT LIKE 'sqlite_%' AND tbl_name <> ? ORDER BY type, name").all(TRACKING_TABLE) as { name: string; type: string }[];
    const columns = objects.filter((o) => o.type === 'table').map((t) => ({ table: t.name, columns: db.prepare('SELECT * FROM pragma_table_info(?) ORDER BY cid').all(t.name) }));
    return { objects, columns };
  } finally {
    db.close();
  }
}

describe('GET /workspaces/{id}/migrations', () => {
  it('answers the approved migrations in approval order as files whose replay gives the catalog the registry applied', async () => {
    const writer = await reg.token('wendy', { [WS]: 'writer' });
    const reviewer = await reg.token('rita', { [WS]: 'reviewer' });
    const admin = await reg.token('ada', { [WS]: 'admin' });
    const reader = await reg.token('ray', { [WS]: 'reader' });
    const outsider = await reg.token('olga', { other: 'admin' });
    expect((await reg.call('PUT', `/api/v1/workspaces/${WS}/sinks/files_sqlite`, { token: admin, body: { dialect: 'sqlite', connection: { kind: 'env', variable: 'FILES_SQLITE_URL' } } })).status).toBeLessThan(300);

    const ids: string[] = [];
    for (const table of [caricaturesV1, caricaturesV2]) {
      const id = await approved('caricatures', table, { writer, reviewer });
      const applied = await reg.call('POST', `/api/v1/schema-requests/${id}/migration/apply`, { token: reviewer, body: { sink: 'files_sqlite' } });
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      ids.push(id);
    }
    // A pending request has no file.
    expect((await reg.call('POST', '/api/v1/schema-requests', { token: writer, body: { workspace_id: WS, schema_name: 'pending_one', table: caricaturesV1 } })).status).toBe(201);

    const set = await reg.call('GET', `/api/v1/workspaces/${WS}/migrations?dialect=sqlite`, { token: reader });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ workspace_id: WS, dialect: 'sqlite', skipped: [], next_since: null });
    const files = set.body.files as { number: string; request_id: string; schema_version: number; approved_by: string; up: File; down: File }[];
    expect(files.map((f) => [f.number, f.request_id, f.schema_version, f.approved_by])).toEqual([
      ['0001', ids[0], 1, 'rita'],
      ['0002', ids[1], 2, 'rita'],
    ]);
    for (const [i, f] of files.entries()) {
      const preview = (await reg.call('GET', `/api/v1/schema-requests/${f.request_id}/migration?dialect=sqlite`, { token: reader })).body;
      expect(f.up.name).toBe(`${f.number}_${preview.file_name}.sql`);
      expect(f.down.name).toBe(`${f.number}_${preview.file_name}_down.sql`);
      for (const [file, sql, direction] of [[f.up, preview.up_sql, 'up'], [f.down, preview.down_sql, 'down']] as const) {
        expect(bodyOf(file.content)).toBe(`${sql}\n`);
        expect(file.sha256).toBe(sha256(`${sql}\n`));
        expect(file.content.split('\n').slice(0, 3)).toEqual([
          `-- schema-registry migration ${f.number}: request ${f.request_id} (caricatures), sqlite`,
          `-- ${direction}: schema caricatures version ${i + 1}, approved by rita`,
          `-- sha256 of the body below: ${file.sha256}`,
        ]);
      }
    }
    expect(files[1]!.up.content).toMatch(/caption/);

    // since: after the first request, the second keeps its number.
    const after = await reg.call('GET', `/api/v1/workspaces/${WS}/migrations?dialect=sqlite&since=${ids[0]}`, { token: reader });
    expect(after.body.files.map((f: { number: string; request_id: string }) => [f.number, f.request_id])).toEqual([['0002', ids[1]]]);

    // A plain runner: each up file in name order, one transaction each, on a fresh database.
    const fresh = join(dir, 'fresh.db');
    const db = new Database(fresh);
    for (const f of [...files].sort((a, b) => a.up.name.localeCompare(b.up.name))) db.transaction(() => db.exec(f.up.content))();
    db.close();
    const replayed = catalog(fresh);
    expect(replayed.objects.map((o) => o.name)).toEqual(expect.arrayContaining(['caricatures', 'idx_caricatures_caption']));
    expect(replayed).toEqual(catalog(sinkFile));

    // Another workspace's member sees nothing of it; an unknown dialect or since is a 422 problem.
    const foreign = await reg.call('GET', `/api/v1/workspaces/${WS}/migrations`, { token: outsider });
    expect([403, 404]).toContain(foreign.status);
    expect(JSON.stringify(foreign.body)).not.toContain(ids[0]);
    const own = await reg.call('GET', '/api/v1/workspaces/other/migrations', { token: outsider });
    expect(own.status).toBe(200);
    expect(own.body.files).toEqual([]);
    for (const query of ['dialect=oracle', 'since=01JABCDEFGHJKMNPQRSTVWXYZ0']) {
      const bad = await reg.call('GET', `/api/v1/workspaces/${WS}/migrations?${query}`, { token: reader });
      expect(bad.status, query).toBe(422);
      expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});
