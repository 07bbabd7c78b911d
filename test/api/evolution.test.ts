/** Schema evolution over HTTP: compatibility modes, explained refusals, dry runs, diffs, states. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../lib/errors.js';
import { buildServices } from '../../lib/registry.js';
import { DEFAULT_STATE_TTL_MS } from '../../lib/schemas/version-cache.js';
import { useRegistry } from '../support/registry.js';

let clock = Date.parse('2026-11-23T12:00:00.000Z');
const reg = useRegistry({ now: () => new Date(clock) });
let admin: string;
let writer: string;
beforeAll(async () => {
  admin = await reg.token('ada', { acme: 'admin', evo: 'admin' });
  writer = await reg.token('wes', { acme: 'writer' });
});

const person = (extra: Record<string, unknown> = {}, required: string[] = ['name']) => ({
  type: 'object',
  required,
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 }, ...extra },
});
const publish = (name: string, definition: unknown, query = '', workspace = 'acme') =>
  reg.call('POST', `/api/v1/schemas${query}`, { token: admin, body: { workspace_id: workspace, name, definition } });
const versions = async (id: string) => (await reg.call('GET', `/api/v1/schemas/${id}/versions`, { token: admin })).body.items as { version: number }[];

describe('compatibility on publish', () => {
  it('refuses an incompatible version under BACKWARD (the default) with 409 and changes a person can act on', async () => {
    const v1 = await publish('people', person());
    const res = await publish('people', person({}, ['name', 'age']));
    expect(res.status).toBe(409);
    expect(res.body.compatibility).toBe('BACKWARD');
    expect(res.body.detail).toMatch(/not BACKWARD compatible with version 1/);
    expect(res.body.detail).not.toContain('..');
    expect(res.body.breaking_changes).toEqual([
      expect.objectContaining({ type: 'required_added', path: expect.stringContaining('required'), backward_compatible: false, against_version: 1, explanation: expect.stringContaining('age') }),
    ]);
    expect(await versions(v1.body.id)).toHaveLength(1);
  });

  it('lets the same change through once the schema is set to NONE', async () => {
    const v1 = await publish('people_free', person());
    const set = await reg.call('PUT', `/api/v1/schemas/${v1.body.id}/config`, { token: admin, body: { compatibility: 'NONE' } });
    expect(set.body).toMatchObject({ compatibility: 'NONE', compatibility_source: 'schema' });
    const v2 = await publish('people_free', person({}, ['name', 'age']));
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
  });

  it('answers a dry run with the verdict and writes nothing', async () => {
    const v1 = await publish('dry', person());
    const bad = await publish('dry', { ...person(), properties: { name: { type: 'integer' } } }, '?dry_run=true');
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ dry_run: true, compatible: false, would_create_version: 2 });
    expect(bad.body.compatibility.breaking_changes[0].type).toMatch(/type_/);
    const good = await publish('dry', person({ nick: { type: 'string' } }), '?dry_run=true');
    expect(good.body).toMatchObject({ dry_run: true, compatible: true, would_create_version: 2 });
    const same = await publish('dry', person(), '?dry_run=true');
    expect(same.body).toMatchObject({ would_create_version: null, existing_version: { id: v1.body.id } });
    expect(await versions(v1.body.id)).toHaveLength(1);
  });

  it('checks every earlier version under BACKWARD_TRANSITIVE, only the latest under BACKWARD', async () => {
    const v1 = await publish('trans', { type: 'object', properties: { code: { type: 'string', maxLength: 10 } } });
    await publish('trans', { type: 'object', properties: { code: { type: 'string', maxLength: 20 } } });
    const narrower = { type: 'object', properties: { code: { type: 'string', maxLength: 15 } } };
    expect((await publish('trans', narrower, '?dry_run=true')).body.compatible).toBe(false);
    await reg.call('PUT', `/api/v1/schemas/${v1.body.id}/config`, { token: admin, body: { compatibility: 'FORWARD' } });
    const fwd = await publish('trans', narrower, '?dry_run=true');
    expect(fwd.body).toMatchObject({ compatible: true, compatibility: { compatibility: 'FORWARD', checked_against: [2] } });
    await reg.call('PUT', `/api/v1/schemas/${v1.body.id}/config`, { token: admin, body: { compatibility: 'FORWARD_TRANSITIVE' } });
    const wider = { type: 'object', properties: { code: { type: 'string', maxLength: 30 } } };
    const trans = await publish('trans', wider, '?dry_run=true');
    expect(trans.body.compatibility.checked_against).toEqual([2, 1]);
    expect(trans.body.compatibility.breaking_changes.map((c: { against_version: number }) => c.against_version).sort()).toEqual([1, 2]);
  });

  it('requires both directions under FULL', async () => {
    const v1 = await publish('full', { type: 'object', properties: { n: { type: 'integer', maximum: 10 } } });
    await reg.call('PUT', `/api/v1/schemas/${v1.body.id}/config`, { token: admin, body: { compatibility: 'FULL' } });
    const relaxed = await publish('full', { type: 'object', properties: { n: { type: 'integer', maximum: 20 } } });
    expect(relaxed.status).toBe(409);
    expect(relaxed.body.breaking_changes[0]).toMatchObject({ type: 'maximum_relaxed', backward_compatible: true, forward_compatible: false });
  });

  it('applies the workspace default to schemas that set none, and says where the mode comes from', async () => {
    const v1 = await publish('ws_default', person(), '', 'evo');
    expect((await reg.call('GET', `/api/v1/schemas/${v1.body.id}/config`, { token: admin })).body).toMatchObject({ compatibility: 'BACKWARD', compatibility_source: 'default' });
    const ws = await reg.call('PUT', '/api/v1/workspaces/evo/config', { token: admin, body: { compatibility: 'NONE' } });
    expect(ws.body).toEqual({ workspace_id: 'evo', compatibility: 'NONE', compatibility_is_default: false, default_dialect: '2020-12', default_dialect_is_default: true, refuse_warnings: [], promotion: { required: false, second_approval: [] } });
    expect((await reg.call('GET', `/api/v1/schemas/${v1.body.id}/config`, { token: admin })).body).toMatchObject({ compatibility: 'NONE', compatibility_source: 'workspace' });
    expect((await publish('ws_default', person({}, ['name', 'age']), '', 'evo')).status).toBe(201);
  });

  it('treats an optional property added to an open content model as compatible by default, and not under strict', async () => {
    const v1 = await publish('open_model', person());
    expect((await publish('open_model', person({ email: { type: 'string', format: 'email' } }), '?dry_run=true')).body.compatible).toBe(true);
    await reg.call('PUT', `/api/v1/schemas/${v1.body.id}/config`, { token: admin, body: { open_content_model: 'strict' } });
    const strict = await publish('open_model', person({ email: { type: 'string', format: 'email' } }), '?dry_run=true');
    expect(strict.body.compatible).toBe(false);
    expect(strict.body.compatibility.breaking_changes[0].type).toBe('property_added_open_model');
  });
});

describe('a publish racing a config change', () => {
  it('never undoes a compatibility change made between reading the head and writing the version', async () => {
    const v1 = await publish('raced', person({}, ['name', 'age']));
    // Dropping "age" from required is BACKWARD compatible but not FORWARD.
    const next = { workspace_id: 'acme', name: 'raced', definition: person({}, ['name']) };
    const { schemas, stores } = buildServices(reg.deps);
    const readHead = stores.schemas.head.bind(stores.schemas);
    let changed = false;
    stores.schemas.head = async (workspaceId, name) => {
      const head = await readHead(workspaceId, name);
      if (!changed) {
        changed = true;
        const set = await reg.call('PUT', `/api/v1/schemas/${v1.body.id}/config`, { token: admin, body: { compatibility: 'FORWARD' } });
        expect(set.status).toBe(200);
      }
      return head;
    };
    const outcome = await schemas.publish({ id: 'ada', roles: new Map([['acme', 'admin']]) }, next).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(ConflictError);
    expect((outcome as ConflictError).extensions).toMatchObject({ compatibility: 'FORWARD' });
    const config = await reg.call('GET', `/api/v1/schemas/${v1.body.id}/config`, { token: admin });
    expect(config.body).toMatchObject({ compatibility: 'FORWARD', compatibility_source: 'schema' });
    expect(await versions(v1.body.id)).toHaveLength(1);
  });
});

describe('explained diffs', () => {
  it('returns every change with its type, JSON pointer, before, after, both flags and an explanation', async () => {
    const v1 = await publish('diffed', { type: 'object', additionalProperties: false, required: ['a'], properties: { a: { type: 'string' }, b: { enum: ['x', 'y'] }, c: { type: 'number' } } });
    await reg.call('PUT', `/api/v1/schemas/${v1.body.id}/config`, { token: admin, body: { compatibility: 'NONE' } });
    const v2 = await publish('diffed', { type: 'object', additionalProperties: false, required: [], properties: { a: { type: 'string' }, b: { enum: ['x', 'y', 'z'] }, d: { type: 'boolean' } } });
    const diff = await reg.call('GET', `/api/v1/schemas/${v2.body.id}/diff?against=${v1.body.id}`, { token: admin });
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ from: { version: 1 }, to: { version: 2 }, backward_compatible: false, forward_compatible: false });
    const types = diff.body.changes.map((c: { type: string }) => c.type).sort();
    expect(types).toEqual(expect.arrayContaining(['enum_value_added', 'property_added_closed_model', 'property_removed', 'required_removed']));
    for (const c of diff.body.changes) {
      expect(c).toEqual(expect.objectContaining({ path: expect.stringMatching(/^\//), backward_compatible: expect.any(Boolean), forward_compatible: expect.any(Boolean), explanation: expect.any(String) }));
    }
    const added = diff.body.changes.find((c: { type: string }) => c.type === 'enum_value_added');
    expect(added).toMatchObject({ path: '/properties/b/enum', backward_compatible: true, forward_compatible: false });
  });

  it('refuses to diff against a version of another workspace (404)', async () => {
    const here = await publish('diff_iso', person());
    const there = await publish('diff_iso', person(), '', 'evo');
    expect((await reg.call('GET', `/api/v1/schemas/${here.body.id}/diff?against=${there.body.id}`, { token: writer })).status).toBe(404);
  });
});

describe('version states', () => {
  it('accepts writes to a deprecated version with a Deprecation header, refuses them on a disabled one, and keeps reads working', async () => {
    const v = await publish('stateful', person());
    const write = () => reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: v.body.id, data: { name: 'x' } } });
    expect((await write()).headers.get('deprecation')).toBeNull();

    const dep = await reg.call('PATCH', `/api/v1/schemas/${v.body.id}`, { token: admin, body: { state: 'deprecated' } });
    expect(dep.body).toMatchObject({ state: 'deprecated', definition: v.body.definition, fingerprint: v.body.fingerprint });
    clock += DEFAULT_STATE_TTL_MS + 1;
    const deprecatedWrite = await write();
    expect(deprecatedWrite.status).toBe(201);
    expect(deprecatedWrite.headers.get('deprecation')).toBe(`@${Math.floor(Date.parse(dep.body.state_changed_at) / 1000)}`);

    await reg.call('PATCH', `/api/v1/schemas/${v.body.id}`, { token: admin, body: { state: 'disabled' } });
    // Warm containers see a state change within the cache's bound, never later.
    clock += DEFAULT_STATE_TTL_MS + 1;
    const refused = await write();
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('disabled');
    expect((await reg.call('GET', `/api/v1/schemas/${v.body.id}`, { token: writer })).body.state).toBe('disabled');

    await reg.call('PATCH', `/api/v1/schemas/${v.body.id}`, { token: admin, body: { state: 'active' } });
    clock += DEFAULT_STATE_TTL_MS + 1;
    expect((await write()).status).toBe(201);
  });

  it('refuses an unknown state with 400', async () => {
    const v = await publish('stateful2', person());
    expect((await reg.call('PATCH', `/api/v1/schemas/${v.body.id}`, { token: admin, body: { state: 'gone' } })).status).toBe(400);
  });
});

describe('the cost of a compatibility check', () => {
  it('answers a dry run of enum [10000..19999] against enum [0..9999] (once 20 s and 9.5 MB) with a truncated, flagged verdict', { timeout: 30_000 }, async () => {
    const range = (from: number) => Array.from({ length: 10_000 }, (_, i) => from + i);
    expect((await publish('big_enum', { enum: range(0) })).status).toBe(201);
    const started = Date.now();
    const res = await publish('big_enum', { enum: range(10_000) }, '?dry_run=true');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ compatible: false, compatibility: { truncated: true } });
    expect(res.body.compatibility.breaking_changes.length).toBeGreaterThan(0);
    expect(Buffer.byteLength(JSON.stringify(res.body))).toBeLessThan(256 * 1024);
  });
});

describe('audit of settings and states', () => {
  it('records each config and state change with before and after', async () => {
    const v = await publish('audited', person());
    await reg.call('PUT', `/api/v1/schemas/${v.body.id}/config`, { token: admin, body: { compatibility: 'FULL' } });
    await reg.call('PATCH', `/api/v1/schemas/${v.body.id}`, { token: admin, body: { state: 'deprecated' } });
    const { buildServices } = await import('../../lib/registry.js');
    const { table } = buildServices(reg.deps);
    const entities = await table.entities();
    const schemaEvents = (await entities.audit_event.query.audit_events_by_entity({ workspace_id: 'acme', entity_type: 'schema', entity_id: 'audited' }).go()).data;
    expect(schemaEvents.map((e) => [e.action, JSON.parse(e.before!), JSON.parse(e.after!)])).toEqual([
      ['schema.config_changed', { compatibility: null, open_content_model: 'lenient', default_dialect: null, payload_shards: 1 }, { compatibility: 'FULL', open_content_model: 'lenient', default_dialect: null, payload_shards: 1 }],
    ]);
    const versionEvents = (await entities.audit_event.query.audit_events_by_entity({ workspace_id: 'acme', entity_type: 'schema_version', entity_id: v.body.id }).go()).data;
    expect(versionEvents.map((e) => e.action)).toEqual(['schema_version.published', 'schema_version.state_changed']);
  });
});

describe('the audit feed query', () => {
  it('answers a since before 1970 with the whole feed, not a 500', async () => {
    await publish('ancient', person());
    const res = await reg.call('GET', '/api/v1/audit?workspace_id=acme&since=1960-01-01T00:00:00Z&limit=1', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
  });

  it('reads a leap second in since as the instant after its minute instead of ignoring the bound', async () => {
    await publish('leap_second', person());
    const feed = (since: string) => reg.call('GET', `/api/v1/audit?workspace_id=acme&since=${encodeURIComponent(since)}`, { token: admin });
    const future = await feed('2099-12-31T23:59:60Z');
    expect(future.status).toBe(200);
    expect(future.body.items).toEqual([]);
    // The clock of this file is 2026-11-23T12:00Z: a leap second the day before bounds nothing of it, one that evening everything.
    expect((await feed('2026-11-22T23:59:60Z')).body.items.length).toBeGreaterThan(0);
    expect((await feed('2026-11-23T23:59:60.5Z')).body.items).toEqual([]);
    expect((await feed('2026-11-23T18:59:60-05:00')).body.items).toEqual([]);
  });

  it('refuses a since that is not an RFC 3339 date-time with 400 naming the parameter', async () => {
    const res = await reg.call('GET', '/api/v1/audit?workspace_id=acme&since=2026-13-01T00:00:00Z', { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: '/since' }));
  });

  it('refuses entity_id without entity_type with 400 rather than answering the unfiltered feed', async () => {
    const res = await reg.call('GET', '/api/v1/audit?workspace_id=acme&entity_id=ancient', { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ keyword: 'dependentRequired' }));
  });
});
