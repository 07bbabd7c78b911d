/** Every command end to end: the real CLI, in-process, against the real local server on DynamoDB Local. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../clients/cli/main.js';
import { useCli } from './support.js';

const h = useCli();

/** Waits for `ok` to hold, checking every 50 ms, for at most 20 s (polls and loaded cores). */
async function until(ok: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const admin = ['--profile', 'ada'];
const people = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };
const peopleV2 = { ...people, properties: { ...people.properties, email: { type: 'string' } } };
const peopleBreaking = { ...people, required: ['name', 'age'], properties: { ...people.properties, age: { type: 'integer' } } };

describe('login and profiles', () => {
  it('login --local mints a token with the local key, checks it against the server and saves it 0600', async () => {
    const r = await h.login('ada', 'admin');
    expect(r.code, r.stderr).toBe(0);
    const path = join(h.home, '.schema-registry', 'profiles.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(h.home, '.schema-registry')).mode & 0o777).toBe(0o700);
    const list = await h.cli(['profile', 'list', '--json']);
    expect(list.json()).toMatchObject({ current: 'ada', profiles: [{ name: 'ada', url: h.registry.base, workspace: 'acme', current: true }] });
    const show = await h.cli(['profile', 'show', 'ada', '--json']);
    expect(show.json().token).toMatch(/^.{12}\.\.\.$/);
    for (const [user, role] of [['alice', 'writer'], ['bob', 'reviewer']] as const) expect((await h.login(user, role)).code).toBe(0);
    expect((await h.cli(['profile', 'use', 'ada'])).code).toBe(0);
  });

  it('login --local without the server key explains what to start (exit 2)', async () => {
    const r = await h.cli(['login', '--local', '--url', h.registry.base, '--key-file', join(h.home, 'absent.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('npm start');
  });

  it('refuses a token the server does not accept, saving nothing (exit 1 with the problem)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cli-home-'));
    const r = await h.cli(['login', '--url', h.registry.base, '--token', 'not-a-jwt'], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: .*\(401\)/);
    expect((await h.cli(['profile', 'list', '--json'], { home })).json().profiles).toEqual([]);
  });

  it('uses SCHEMA_REGISTRY_URL, _TOKEN and _WORKSPACE with no profile at all', async () => {
    const token = await h.registry.token('env-user', { envws: 'admin' });
    const home = mkdtempSync(join(tmpdir(), 'cli-home-'));
    const env = { SCHEMA_REGISTRY_URL: h.registry.base, SCHEMA_REGISTRY_TOKEN: token, SCHEMA_REGISTRY_WORKSPACE: 'envws' };
    const r = await h.cli(['schemas', 'publish', h.file('env.json', people), '--name', 'from_env', '--json'], { home, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ workspace_id: 'envws', name: 'from_env', version: 1 });
  });

  it('says how to log in when there is no profile and no environment (exit 2)', async () => {
    const r = await h.cli(['schemas', 'list'], { home: mkdtempSync(join(tmpdir(), 'cli-home-')) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('login --local');
  });
});

describe('schemas', () => {
  it('publishes, then answers the same definition with the existing version', async () => {
    const first = await h.cli(['schemas', 'publish', h.file('people.json', people), '--name', 'people', ...admin]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/published people version 1 \([0-9A-Z]{26}\)/);
    const again = await h.cli(['schemas', 'publish', h.file('people.json', people), '--name', 'people', '--json', ...admin]);
    expect(again.json()).toMatchObject({ name: 'people', version: 1 });
  });

  it('dry-runs a compatible change (exit 0) and an incompatible one (exit 3, breaking changes explained), storing nothing', async () => {
    const ok = await h.cli(['schemas', 'publish', h.file('v2.json', peopleV2), '--name', 'people', '--dry-run', '--json', ...admin]);
    expect(ok.code).toBe(0);
    expect(ok.json()).toMatchObject({ compatible: true, would_create_version: 2 });
    const bad = await h.cli(['schemas', 'publish', h.file('bad.json', peopleBreaking), '--name', 'people', '--dry-run', ...admin]);
    expect(bad.code).toBe(3);
    expect(bad.stdout).toContain('NOT compatible under BACKWARD');
    expect(bad.stdout).toMatch(/required_added\s+\/required\s+no/);
    expect((await h.cli(['schemas', 'show', 'people', '--json', ...admin])).json().version).toBe(1);
  });

  it('publishes a .proto source as text and an Avro schema as JSON, each under its engine', async () => {
    const proto = h.file('orders.proto', 'syntax = "proto3";\nmessage Order { string order_id = 1; }\n');
    const p = await h.cli(['schemas', 'publish', proto, '--name', 'cli_orders', '--engine', 'protobuf', '--json', ...admin]);
    expect(p.code, p.stderr).toBe(0);
    expect(p.json()).toMatchObject({ engine: 'protobuf', dialect: 'proto3', definition: expect.stringContaining('message Order') });
    const avro = h.file('user.avsc', { type: 'record', name: 'User', fields: [{ name: 'id', type: 'string' }] });
    const a = await h.cli(['schemas', 'publish', avro, '--name', 'cli_users', '--engine', 'avro', '--json', ...admin]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.json()).toMatchObject({ engine: 'avro', version: 1 });
  });

  it('refuses an incompatible publish with exit 3, the problem and its breaking changes', async () => {
    const r = await h.cli(['schemas', 'publish', h.file('bad.json', peopleBreaking), '--name', 'people', ...admin]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error: .*\(409\)/);
    expect(r.stderr).toContain('required_added');
  });

  it('lists, shows by name, name@version and id, lists versions and diffs with the previous version', async () => {
    expect((await h.cli(['schemas', 'publish', h.file('v2.json', peopleV2), '--name', 'people', ...admin])).code).toBe(0);
    const list = await h.cli(['schemas', 'list', ...admin]);
    expect(list.stdout.split('\n')[0]).toMatch(/^NAME\s+VERSION\s+STATE\s+ID\s+CREATED\s+BY$/);
    expect(list.stdout).toMatch(/people\s+2\s+active/);
    const v1 = (await h.cli(['schemas', 'show', 'people@1', '--json', ...admin])).json();
    expect(v1).toMatchObject({ name: 'people', version: 1, definition: people });
    expect((await h.cli(['schemas', 'show', v1.id, '--json', ...admin])).json().id).toBe(v1.id);
    const versions = (await h.cli(['schemas', 'versions', 'people', '--json', ...admin])).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const diff = await h.cli(['schemas', 'diff', 'people', ...admin]);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('people version 1 -> 2');
    expect(diff.stdout).toMatch(/\/properties\/email/);
  });

  it('describes fields, prints a default document, and shows and sets the compatibility config', async () => {
    const fields = await h.cli(['schemas', 'fields', 'people', ...admin]);
    expect(fields.stdout).toMatch(/\/name\s+string\s+yes/);
    const def = await h.cli(['schemas', 'default', 'people', ...admin]);
    expect(JSON.parse(def.stdout)).toHaveProperty('name');
    expect((await h.cli(['schemas', 'config', 'people', '--json', ...admin])).json()).toMatchObject({ compatibility: 'BACKWARD', compatibility_source: 'default' });
    const set = await h.cli(['schemas', 'config', 'people', '--compatibility', 'NONE', '--json', ...admin]);
    expect(set.json()).toMatchObject({ compatibility: 'NONE', compatibility_source: 'schema' });
    expect((await h.cli(['schemas', 'config', 'people', '--compatibility', 'default', '--json', ...admin])).json().compatibility_source).not.toBe('schema');
    const draft = await h.cli(['schemas', 'config', 'people', '--default-dialect', 'draft-07', '--json', ...admin]);
    expect(draft.json()).toMatchObject({ default_dialect: 'draft-07', default_dialect_source: 'schema' });
  });

  it('deprecates, disables and re-activates a version', async () => {
    for (const [command, state] of [['deprecate', 'deprecated'], ['disable', 'disabled'], ['activate', 'active']]) {
      const r = await h.cli(['schemas', command!, 'people@1', ...admin]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`people version 1 is now ${state}`);
    }
  });
});

describe('payloads', () => {
  it('puts a valid document, gets it, lists it; an invalid one exits 1 with its field errors', async () => {
    const put = await h.cli(['payloads', 'put', '--schema', 'people', '--data', '{"name":"Ada"}', '--json', ...admin]);
    expect(put.code, put.stderr).toBe(0);
    const id = put.json().id;
    expect((await h.cli(['payloads', 'get', id, '--json', ...admin])).json()).toMatchObject({ id, data: { name: 'Ada' }, schema_version: 2 });
    const list = (await h.cli(['payloads', 'list', '--schema', 'people', '--all', '--json', ...admin])).json();
    expect(list.items.map((p: { id: string }) => p.id)).toContain(id);
    const bad = await h.cli(['payloads', 'put', h.file('bad-doc.json', { name: 7 }), '--schema', 'people', ...admin]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/error: .*\(422\)/);
    expect(bad.stderr).toMatch(/\/name: .*string/);
  });

  it('stores one payload for two puts with the same --idempotency-key', async () => {
    const args = ['payloads', 'put', '--schema', 'people', '--data', '{"name":"Once"}', '--idempotency-key', 'cli-test-once', ...admin];
    expect((await h.cli(args)).stdout).toMatch(/^stored payload/);
    expect((await h.cli(args)).stdout).toMatch(/^already stored payload/);
  });

  it('warns on stderr when the version is deprecated', async () => {
    // A version no payload write has used yet: writers cache versions (and their state) for 10 s.
    await h.cli(['schemas', 'publish', h.file('legacy.json', people), '--name', 'legacy', ...admin]);
    await h.cli(['schemas', 'deprecate', 'legacy', ...admin]);
    const r = await h.cli(['payloads', 'put', '--schema', 'legacy', '--data', '{"name":"Old"}', ...admin]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: schema version legacy@1 is deprecated');
  });
});

describe('schema requests, migrations, audit and notifications', () => {
  const caricatures = {
    columns: [
      { name: 'id', type: 'uuid', primary_key: true, nullable: false, default: 'gen_random_uuid()' },
      { name: 'user_id', type: 'text', nullable: false },
      { name: 'image_url', type: 'text', nullable: false },
    ],
    indexes: [{ name: 'idx_caricatures_user_id', columns: ['user_id'] }],
  };
  let requestId = '';

  it('submits a table as a request and shows its review', async () => {
    const r = await h.cli(['requests', 'submit', h.file('caricatures.json', caricatures), '--name', 'caricatures', '--justification', 'profile pictures', '--profile', 'alice']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/status\s+pending/);
    expect(r.stdout).toContain('violations');
    requestId = /id\s+([0-9A-Z]{26})/.exec(r.stdout)![1]!;
    const list = (await h.cli(['requests', 'list', '--json', '--profile', 'bob'])).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(requestId);
    expect((await h.cli(['requests', 'show', requestId, '--json', '--profile', 'bob'])).json()).toMatchObject({ id: requestId, schema_name: 'caricatures', requester: 'alice' });
  });

  it('creates a draft with --draft, out of the review queue, and submits it by id', async () => {
    const draft = await h.cli(['requests', 'submit', h.file('labels.json', { type: 'object', properties: { label: { type: 'string' } } }), '--name', 'labels', '--draft', '--profile', 'alice']);
    expect(draft.code, draft.stderr).toBe(0);
    expect(draft.stdout).toMatch(/status\s+draft/);
    const id = /id\s+([0-9A-Z]{26})/.exec(draft.stdout)![1]!;
    expect(draft.stderr).toContain(`schema-registry requests submit ${id}`);
    const queue = () => h.cli(['requests', 'list', '--json', '--profile', 'bob']).then((r) => r.json().items.map((x: { id: string }) => x.id));
    expect(await queue()).not.toContain(id);
    expect((await h.cli(['requests', 'submit', id, '--profile', 'bob'])).code).toBe(1); // only its requester submits it
    const submitted = await h.cli(['requests', 'submit', id, '--profile', 'alice']);
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(submitted.stdout).toContain(`request ${id} (labels) is now pending`);
    expect(await queue()).toContain(id);
    expect((await h.cli(['requests', 'submit', id, '--profile', 'alice'])).stderr).toContain('allowed transitions');
    expect((await h.cli(['requests', 'submit', 'labels.json', '--profile', 'alice'])).code).toBe(2);
    expect((await h.cli(['requests', 'submit', id, '--draft', '--profile', 'alice'])).code).toBe(2);
    expect((await h.cli(['requests', 'withdraw', id, '--profile', 'alice'])).code).toBe(0);
  });

  it('shows the migration preview per dialect', async () => {
    const up = await h.cli(['migrations', 'show', requestId, '--dialect', 'sqlite', '--only', 'up', '--profile', 'bob']);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/CREATE TABLE IF NOT EXISTS "caricatures"/);
    expect((await h.cli(['migrations', 'show', requestId, '--json', '--profile', 'bob'])).json()).toMatchObject({ dialect: 'postgres', reversible: true });
  });

  it('refuses self-approval (exit 1 with the problem) and approves as a reviewer, publishing the version', async () => {
    const self = await h.cli(['requests', 'approve', requestId, '--profile', 'alice']);
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/error: .*\((403|409)\)/);
    const ok = await h.cli(['requests', 'approve', requestId, '--comment', 'LGTM', '--json', '--profile', 'bob']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ status: 'approved', decided_by: 'bob' });
    expect((await h.cli(['schemas', 'show', 'caricatures', '--json', ...admin])).json().version).toBe(1);
  });

  it('applies on the default sink (never by the requester), reports the sink status, exports the files and rolls back', async () => {
    const own = await h.cli(['migrations', 'apply', requestId, '--profile', 'alice']);
    expect(own.code).toBe(1);
    expect(own.stderr).toMatch(/error: .*\(403\)/);
    const applied = await h.cli(['migrations', 'apply', requestId, '--json', '--profile', 'bob']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.json()).toMatchObject({ request: { id: requestId, status: 'migrated' }, attempt: { sink: 'default', operation: 'apply', outcome: 'applied' } });
    expect(applied.json().attempt.statements.join('\n')).toMatch(/CREATE TABLE IF NOT EXISTS "caricatures"/);
    expect((await h.cli(['migrations', 'apply', requestId, '--profile', 'bob'])).stdout).toMatch(/already applied, nothing ran; the request is now migrated/);

    expect((await h.cli(['migrations', 'drift', '--json', '--profile', 'bob'])).json()).toMatchObject({ sink: 'default', in_sync: true, tables: [{ table: 'caricatures', changes: [] }] });
    expect((await h.cli(['migrations', 'drift', '--profile', 'bob'])).stdout).toMatch(/every table is as its migrations made it/);
    expect((await h.cli(['migrations', 'sync', '--json', '--profile', 'bob'])).json()).toMatchObject({ sink: 'default', marked: [], skipped: [] });
    const status = (await h.cli(['migrations', 'status', '--json', '--profile', 'bob'])).json();
    expect(status).toMatchObject({ sink: 'default', in_agreement: true });
    expect(status.items).toEqual([expect.objectContaining({ migration_id: requestId, schema_name: 'caricatures', schema_version: 1, status: 'applied' })]);
    const human = (await h.cli(['migrations', 'status', '--profile', 'bob'])).stdout.split('\n');
    expect(human[0]).toMatch(/the sink and the registry agree/);
    expect(human[1]).toMatch(/^MIGRATION\s+SCHEMA\s+STATUS\s+APPLIED\s+BY\s+DISAGREEMENT$/);
    expect(human[2]).toMatch(new RegExp(`^${requestId}\\s+caricatures@1\\s+applied\\s+\\S+\\s+bob$`));

    const dir = join(mkdtempSync(join(tmpdir(), 'cli-export-')), 'migrations');
    const exported = await h.cli(['migrations', 'export', dir, '--dialect', 'sqlite', '--json', '--profile', 'bob']);
    expect(exported.code, exported.stderr).toBe(0);
    const files = exported.json().files as { request_id: string; up: string; down: string }[];
    expect(files).toEqual([{ request_id: requestId, up: expect.stringMatching(/^0001_\d{8}_\d{6}_create_caricatures\.sql$/), down: expect.stringMatching(/^0001_.*_down\.sql$/) }]);
    expect(readdirSync(dir).sort()).toEqual([files[0]!.up, files[0]!.down].sort());
    expect(readFileSync(join(dir, files[0]!.up), 'utf8')).toMatch(new RegExp(`^-- schema-registry migration 0001: request ${requestId} \\(caricatures\\), sqlite\\n[^]*CREATE TABLE IF NOT EXISTS "caricatures"`));
    expect(readFileSync(join(dir, files[0]!.down), 'utf8')).toMatch(/DROP TABLE/);

    const rolledBack = await h.cli(['migrations', 'rollback', requestId, '--json', '--profile', 'bob']);
    expect(rolledBack.code, rolledBack.stderr).toBe(0);
    expect(rolledBack.json()).toMatchObject({ request: { status: 'rolled_back' }, attempt: { operation: 'rollback', outcome: 'rolled_back' } });
    expect((await h.cli(['migrations', 'status', '--json', '--profile', 'bob'])).json().items[0]).toMatchObject({ migration_id: requestId, status: 'rolled_back' });
    const unknownSink = await h.cli(['migrations', 'status', '--sink', 'nowhere', '--profile', 'bob']);
    expect(unknownSink.code).toBe(1);
    expect(unknownSink.stderr).toMatch(/\(404\)/);
  });

  it('rejects (a comment is required: exit 2 without) and withdraws, printing the allowed transitions on a conflict', async () => {
    const submit = async () => (await h.cli(['requests', 'submit', h.file('tags.json', { type: 'object', properties: { tag: { type: 'string' } } }), '--name', 'tags', '--json', '--profile', 'alice'])).json().id as string;
    const first = await submit();
    expect((await h.cli(['requests', 'reject', first, '--profile', 'bob'])).code).toBe(2);
    expect((await h.cli(['requests', 'reject', first, '--comment', 'use labels', '--profile', 'bob'])).code).toBe(0);
    const again = await h.cli(['requests', 'withdraw', first, '--profile', 'alice']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('allowed transitions');
    const second = await submit();
    expect((await h.cli(['requests', 'withdraw', second, '--json', '--profile', 'alice'])).json().status).toBe('withdrawn');
  });

  it('tails the audit feed and lists and acknowledges notifications', async () => {
    const tail = (await h.cli(['audit', 'tail', '-n', '100', '--json', ...admin])).json();
    const actions = tail.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['schema_version.published', 'schema_version.state_changed', 'schema.config_changed']));
    const two = (await h.cli(['audit', 'tail', '-n', '2', '--json', ...admin])).json();
    expect(two.items).toEqual(tail.items.slice(-2));
    const human = await h.cli(['audit', 'tail', ...admin]);
    expect(human.stdout.split('\n')[0]).toMatch(/^AT\s+ACTOR\s+ACTION\s+ENTITY$/);
    const mine = (await h.cli(['notifications', '--json', '--profile', 'alice'])).json();
    const kinds = mine.items.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['schema_request.approved', 'schema_request.rejected']));
    const ack = await h.cli(['notifications', 'ack', ...mine.items.map((n: { id: string }) => n.id), '--profile', 'alice']);
    expect(ack.code, ack.stderr).toBe(0);
    expect((await h.cli(['notifications', 'list', '--json', '--profile', 'alice'])).json().items).toEqual([]);
    expect((await h.cli(['notifications', 'list', '--all-states', '--json', '--profile', 'alice'])).json().items.length).toBe(mine.items.length);
  });

  it('follows the audit feed: prints the latest, then each new event once as it is written, until interrupted (exit 0)', async () => {
    const stop = new AbortController();
    const tail = h.start(['audit', 'tail', '--follow', '--interval', '1', '-n', '1', '--json', ...admin], { signal: stop.signal });
    const events = () => tail.stdout().trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; action: string; entity_id: string });
    await until(() => events().length === 1);
    const before = events()[0]!;
    expect((await h.cli(['schemas', 'publish', h.file('followed.json', people), '--name', 'followed', ...admin])).code).toBe(0);
    expect((await h.cli(['schemas', 'config', 'followed', '--compatibility', 'FULL', ...admin])).code).toBe(0);
    await until(() => events().some((e) => e.action === 'schema.config_changed' && e.entity_id === 'followed'));
    // Two more polls: the window each one reads again must not print anything twice.
    await new Promise((r) => setTimeout(r, 2500));
    stop.abort();
    const r = await tail.done;
    expect(r.code, r.stderr).toBe(0);
    const seen = events();
    expect(seen[0]).toEqual(before);
    expect(seen.slice(1).map((e) => e.action)).toEqual(['schema_version.published', 'schema.config_changed']);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
  });

  it('follows in columns of fixed width for people, under a header', async () => {
    const stop = new AbortController();
    const tail = h.start(['audit', 'tail', '--follow', '-n', '2', ...admin], { signal: stop.signal });
    await until(() => tail.stdout().split('\n').length >= 4);
    stop.abort();
    const r = await tail.done;
    expect(r.stderr).toContain('Ctrl-C to stop');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^AT {24}ACTOR {13}ACTION {26}ENTITY$/);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\S{12}Z {2}\S.{15} {2}\S.{29} {2}\S/);
  });

  it('answers a role too low with exit 1 and the 403 problem', async () => {
    const r = await h.cli(['audit', 'tail', '--profile', 'alice']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: .*\(403\)/);
  });
});

describe('API keys', () => {
  it('creates a key (printed once, on stdout), lists it without its secret and revokes it; a writer may not', async () => {
    const created = await h.cli(['api-keys', 'create', 'orders-producer', '--role', 'writer', '--valid-days', '30', ...admin]);
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^srk_acme_[0-9A-Z]{26}_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain('not shown again');
    const id = key.split('_')[2]!;
    const listed = await h.cli(['api-keys', ...admin]);
    expect(listed.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+ROLE\s+STATE\s+VALID UNTIL\s+CREATED\s+BY$/);
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+orders-producer\\s+writer\\s+active`));
    expect(listed.stdout).not.toContain(key.slice(-43));
    const revoked = await h.cli(['api-keys', 'revoke', id, '--json', ...admin]);
    expect(revoked.json()).toMatchObject({ id, state: 'revoked' });
    expect((await h.cli(['api-keys', 'create', 'x', '--role', 'reader', '--profile', 'alice'])).code).toBe(1);
    expect((await h.cli(['api-keys', 'create', 'x', '--role', 'owner', ...admin])).code).toBe(2);
  });
});

describe('usage, help and output', () => {
  it('exits 2 on usage errors: unknown command or option, a bad value, a missing argument, conflicting options', async () => {
    for (const args of [['nope'], ['schemas', 'list', '--bogus'], ['schemas', 'list', '--limit', '0'], ['schemas', 'publish'], ['payloads', 'list', '--schema', 'a', '--schema-ref', 'b'], ['payloads', 'list'], []]) {
      const r = await h.cli([...args, ...admin]);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });

  it('has --help with an example on every command (exit 0)', async () => {
    const walk = (c: Command, path: string[]): string[][] => [path, ...c.commands.filter((s) => s.name() !== 'help').flatMap((s) => walk(s, [...path, s.name()]))];
    const all = walk(buildProgram({ stdout: { write: () => 0 }, stderr: { write: () => 0 }, env: {} }), []);
    expect(all.length).toBeGreaterThan(30);
    for (const path of all) {
      const r = await h.cli([...path, '--help']);
      expect(r.code, path.join(' ')).toBe(0);
      expect(r.stdout, path.join(' ')).toMatch(/Examples:\n {2}\$ schema-registry /);
    }
  });

  it('colours only on a terminal, and never with NO_COLOR', async () => {
    const esc = /\u001b\[/;
    expect((await h.cli(['schemas', 'list', ...admin])).stdout).not.toMatch(esc);
    expect((await h.cli(['schemas', 'list', ...admin], { tty: true })).stdout).toMatch(esc);
    expect((await h.cli(['schemas', 'list', ...admin], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(esc);
  });

  it('aligns table columns', async () => {
    const lines = (await h.cli(['schemas', 'list', ...admin])).stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    // Every cell of the ID column (26-character ULIDs) starts where its header does.
    const idAt = lines[0]!.indexOf('ID');
    for (const line of lines.slice(1)) expect(line.slice(idAt, idAt + 26), line).toMatch(/^[0-9A-Z]{26}$/);
  });
});
