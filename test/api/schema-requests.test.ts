/** Schema requests end to end over HTTP, with the seed documents' tables. */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../lib/registry.js';
import { runAutoApproval, type WorkerResult } from '../../lib/requests/auto-approver.js';
import { userPreferencesSeed } from '../policies/support.js';
import { caricaturesV1 } from '../sql/fixtures.js';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry({ settings: { autoApproveDefault: false, requestRatePerHour: 20, requestBurst: 50 } });
const tokens = { carol: '', rex: '', ada: '', outsider: '' };
beforeAll(async () => {
  tokens.carol = await reg.token('carol', { acme: 'writer' }); // requester
  tokens.rex = await reg.token('rex', { acme: 'reviewer' });
  tokens.ada = await reg.token('ada', { acme: 'admin' });
  tokens.outsider = await reg.token('olga', { globex: 'admin' });
});

// The seed documents' tables: caricatures (seed 002) and user_preferences (seed 003, no key, VARCHAR(255)).
const caricatures = caricaturesV1;
const userPreferences = userPreferencesSeed;

const request = (body: Record<string, unknown>, token = tokens.carol) => reg.call('POST', '/api/v1/schema-requests', { token, body: { workspace_id: 'acme', ...body } });
const transition = (id: string, status: string, token: string, comment?: string) =>
  reg.call('PATCH', `/api/v1/schema-requests/${id}`, { token, body: { status, ...(comment ? { comment } : {}) } });

describe('the seed scenarios', () => {
  let pg: PGlite;
  beforeAll(async () => {
    pg = new PGlite();
  });
  afterAll(() => pg.close());

  it('requests caricatures, shows its violations and migration, approves it, and payloads validate against the version', async () => {
    const created = await request({ schema_name: 'caricatures', table: caricatures, justification: 'Store user caricature images', related_issue: '676' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', requester: 'carol', schema_name: 'caricatures' });
    expect(created.body.violations).toContainEqual(expect.objectContaining({ rule: 'timestamps-recommended', severity: 'warning', message: expect.stringContaining('updated_at') }));
    expect(created.body.violations.filter((v: { severity: string }) => v.severity === 'error')).toEqual([]);
    expect(created.body.migration_preview.file_name).toMatch(/^\d{8}_\d{6}_create_caricatures$/);

    // The preview runs on a real PostgreSQL, and its down reverts it.
    await pg.exec(created.body.migration_preview.up_sql);
    expect((await pg.query(`select column_name from information_schema.columns where table_name = 'caricatures' order by ordinal_position`)).rows.map((r: any) => r.column_name)).toEqual(
      ['id', 'user_id', 'username', 'image_url', 'description', 'created_at'],
    );
    await pg.exec(created.body.migration_preview.down_sql);
    expect((await pg.query(`select 1 from information_schema.tables where table_name = 'caricatures'`)).rows).toEqual([]);

    const approved = await transition(created.body.id, 'approved', tokens.rex, 'looks good');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decided_by: 'rex', decision_comment: 'looks good', schema_ref: expect.any(String) });

    const version = await reg.call('GET', `/api/v1/schemas/${approved.body.schema_ref}`, { token: tokens.carol });
    expect(version.body).toMatchObject({ name: 'caricatures', version: 1, created_by: 'rex' });
    expect(version.body.definition['x-sql']).toBeDefined();

    const ok = await reg.call('POST', '/api/v1/payloads', { token: tokens.carol, body: { schema_ref: version.body.id, data: { id: '8b2e1f3c-1d2a-4c5b-9e8f-0a1b2c3d4e5f', user_id: 'u1', image_url: 'https://x/y.png', created_at: '2026-11-23T12:00:00Z' } } });
    expect(ok.status).toBe(201);
    const bad = await reg.call('POST', '/api/v1/payloads', { token: tokens.carol, body: { schema_ref: version.body.id, data: { user_id: 7 } } });
    expect(bad.status).toBe(422);

    const audit = await reg.call('GET', `/api/v1/schema-requests/${created.body.id}/audit`, { token: tokens.carol });
    expect(audit.body.items.map((e: { action: string; actor: string }) => `${e.action} by ${e.actor}`)).toEqual(['schema_request.created by carol', 'schema_request.approved by rex']);
    const feed = await reg.call('GET', '/api/v1/audit?workspace_id=acme&entity_type=schema_version', { token: tokens.ada });
    expect(feed.body.items).toContainEqual(expect.objectContaining({ action: 'schema_version.published', entity_id: version.body.id, actor: 'rex' }));

    const mine = await reg.call('GET', '/api/v1/notifications?delivered=false', { token: tokens.carol });
    expect(mine.body.items.map((n: { kind: string }) => n.kind).sort()).toEqual(['schema_request.approved', 'schema_version.published']);
    const one = mine.body.items[0];
    expect((await reg.call('PATCH', `/api/v1/notifications/${one.id}`, { token: tokens.rex, body: { delivered: true } })).status).toBe(404);
    expect((await reg.call('PATCH', `/api/v1/notifications/${one.id}`, { token: tokens.carol, body: { delivered: true } })).body.delivered).toBe(true);
    expect((await reg.call('GET', '/api/v1/notifications?delivered=false', { token: tokens.carol })).body.items).toHaveLength(1);
  });

  it('requests user_preferences and refuses to approve it while an error stands', async () => {
    const created = await request({ schema_name: 'user_preferences', table: userPreferences });
    expect(created.status).toBe(201);
    const rules = created.body.violations.map((v: { rule: string; severity: string }) => `${v.rule}:${v.severity}`);
    expect(rules).toEqual(expect.arrayContaining(['primary-key-required:error', 'text-over-varchar:warning']));
    expect(created.body.risk).toBe('high');
    const refused = await transition(created.body.id, 'approved', tokens.rex);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('error-severity violation');
    expect((await reg.call('GET', `/api/v1/schema-requests/${created.body.id}`, { token: tokens.rex })).body.status).toBe('pending');
  });

  it('gives every migration dialect', async () => {
    const created = await request({ schema_name: 'dialects', table: caricatures });
    for (const dialect of ['postgres', 'sqlite', 'mysql']) {
      const m = await reg.call('GET', `/api/v1/schema-requests/${created.body.id}/migration?dialect=${dialect}`, { token: tokens.carol });
      expect(m.body).toMatchObject({ dialect, reversible: true, up_sql: expect.stringContaining('CREATE TABLE') });
    }
  });
});

describe('the next version of an existing schema', () => {
  it('carries the diff, the compatibility verdict and an ALTER migration', async () => {
    const first = await request({ schema_name: 'profiles', definition: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid', 'x-sql': { type: 'uuid' } } }, 'x-sql': { primary_key: ['id'] } } });
    expect(first.status).toBe(201);
    await transition(first.body.id, 'approved', tokens.rex);
    const next = await request({
      schema_name: 'profiles',
      definition: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid', 'x-sql': { type: 'uuid' } }, bio: { type: 'string' } }, 'x-sql': { primary_key: ['id'] } },
    });
    expect(next.status).toBe(201);
    expect(next.body.compatibility).toMatchObject({ compatibility: 'BACKWARD', compatible: true });
    expect(next.body.diff.changes).toContainEqual(expect.objectContaining({ path: '/properties/bio' }));
    expect(next.body.migration_preview.file_name).toMatch(/_alter_profiles$/);
    expect(next.body.migration_preview.up_sql).toMatch(/ALTER TABLE/);
  });
});

describe('review rules', () => {
  it('refuses self-approval for every role, even admin', async () => {
    for (const role of ['writer', 'reviewer', 'admin'] as const) {
      const token = await reg.token(`self_${role}`, { acme: role });
      const created = await request({ schema_name: `self_${role}`, table: caricatures }, token);
      const res = await transition(created.body.id, 'approved', token);
      expect(res.status, role).toBe(403);
      expect(res.body.detail).toContain('cannot approve or reject their own request');
    }
  });

  it('answers a forbidden transition with 409 naming the allowed ones', async () => {
    const draft = await request({ schema_name: 'drafty', table: caricatures, submit: false });
    expect(draft.body.status).toBe('draft');
    const res = await transition(draft.body.id, 'approved', tokens.rex);
    expect(res.status).toBe(409);
    expect(res.body.allowed_transitions.sort()).toEqual(['pending', 'withdrawn']);
    expect((await transition(draft.body.id, 'pending', tokens.rex)).status).toBe(403); // only the requester submits
    expect((await transition(draft.body.id, 'pending', tokens.carol)).body.status).toBe('pending');
    expect((await transition(draft.body.id, 'withdrawn', tokens.carol)).body.status).toBe('withdrawn');
    const final = await transition(draft.body.id, 'pending', tokens.carol);
    expect(final.status).toBe(409);
    expect(final.body.detail).toContain('final');
  });

  it('judges a request approved after its schema moved on against the schema as it is now', async () => {
    // Both requests are made while "ledger" does not exist yet, so neither review sees a previous version.
    const first = await request({ schema_name: 'ledger', definition: { type: 'object', properties: { id: { type: 'string' }, amount: { type: 'number' } } } });
    const second = await request({ schema_name: 'ledger', definition: { type: 'object', properties: { id: { type: 'string' } } } });
    expect(second.body.violations.filter((v: { severity: string }) => v.severity === 'error')).toEqual([]);
    expect((await transition(first.body.id, 'approved', tokens.rex)).status).toBe(200);
    // Against version 1, the second drops "amount": an error-severity violation, so no approval.
    const refused = await transition(second.body.id, 'approved', tokens.rex);
    expect(refused.status).toBe(409);
    expect(refused.body.violations).toContainEqual(expect.objectContaining({ rule: 'field-removed', severity: 'error' }));
  });

  it('lets exactly one of concurrent approvals succeed', async () => {
    const created = await request({ schema_name: 'contended', table: caricatures });
    const reviewers = await Promise.all(['r1', 'r2', 'r3', 'r4', 'r5'].map((u) => reg.token(u, { acme: 'reviewer' })));
    const results = await Promise.all(reviewers.map((t) => transition(created.body.id, 'approved', t)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(4);
    const versions = await reg.call('GET', `/api/v1/schemas?workspace_id=acme&prefix=contended`, { token: tokens.rex });
    expect(versions.body.items).toHaveLength(1);
    expect(versions.body.items[0].version).toBe(1);
  });

  it('refuses hostile identifiers and defaults with 422, and stores nothing', async () => {
    const hostile = [
      { columns: [{ name: 'id; DROP TABLE users; --', type: 'uuid', primary_key: true }] },
      { columns: [{ name: 'id', type: 'uuid', primary_key: true, default: "'x'); DROP TABLE users; --" }] },
      { columns: [{ name: 'id', type: 'text); DROP TABLE users; --', primary_key: true }] },
      { columns: [{ name: 'id', type: 'uuid', primary_key: true }], indexes: [{ name: 'ix"; DROP TABLE users; --', columns: ['id'] }] },
    ];
    for (const table of hostile) {
      const res = await request({ schema_name: 'hostile', table });
      expect(res.status, JSON.stringify(table)).toBe(422);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    expect((await request({ schema_name: 'Robert"); DROP TABLE students;--', table: caricatures })).status).toBe(400);
    const listed = await reg.call('GET', '/api/v1/schema-requests?workspace_id=acme&requester=carol&limit=500', { token: tokens.carol });
    expect(listed.body.items.some((r: { schema_name: string }) => r.schema_name === 'hostile')).toBe(false);
  });
});

describe('a failure inside the approval transaction', () => {
  it('leaves neither the change nor its audit event', async () => {
    const created = await request({ schema_name: 'faulty', table: caricatures });
    const raw = reg.deps.dynamo.raw;
    const fault = (next: any, context: any) => async (args: any) => {
      if (context.commandName === 'TransactWriteItemsCommand') {
        throw Object.assign(new Error('Throughput exceeds the current capacity of your table'), { name: 'ProvisionedThroughputExceededException', $metadata: {} });
      }
      return next(args);
    };
    raw.middlewareStack.add(fault, { step: 'initialize', name: 'injectFault' });
    try {
      const res = await transition(created.body.id, 'approved', tokens.rex);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
    } finally {
      raw.middlewareStack.remove('injectFault');
    }
    expect((await reg.call('GET', `/api/v1/schema-requests/${created.body.id}`, { token: tokens.rex })).body.status).toBe('pending');
    const audit = await reg.call('GET', `/api/v1/schema-requests/${created.body.id}/audit`, { token: tokens.rex });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['schema_request.created']);
    expect((await reg.call('GET', '/api/v1/schemas?workspace_id=acme&prefix=faulty', { token: tokens.rex })).body.items).toEqual([]);
  });
});

describe('isolation', () => {
  it('hides a workspace\u2019s requests from other workspaces', async () => {
    const created = await request({ schema_name: 'private_thing', table: caricatures });
    expect((await reg.call('GET', `/api/v1/schema-requests/${created.body.id}`, { token: tokens.outsider })).status).toBe(404);
    expect((await reg.call('GET', '/api/v1/schema-requests?workspace_id=acme', { token: tokens.outsider })).status).toBe(404);
  });

  it('never lists the requests of a workspace whose id merely starts with the caller\u2019s', async () => {
    const neighbour = await reg.token('nina', { 'acme-labs': 'writer' });
    const theirs = await reg.call('POST', '/api/v1/schema-requests', { token: neighbour, body: { workspace_id: 'acme-labs', schema_name: 'lab_secrets', table: caricatures } });
    expect(theirs.status).toBe(201);
    for (const status of ['pending', undefined]) {
      const listed = await reg.call('GET', `/api/v1/schema-requests?workspace_id=acme${status ? `&status=${status}` : ''}&limit=500`, { token: tokens.carol });
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((r: { workspace_id: string }) => r.workspace_id)).not.toContain('acme-labs');
    }
  });
});

describe('the auto-approval worker', () => {
  it('approves low-risk requests of opted-in workspaces as system:auto-approver and records every decision', async () => {
    const admin = await reg.token('ada', { auto: 'admin', manual: 'admin' });
    const writer = await reg.token('wes', { auto: 'writer', manual: 'writer' });
    const put = await reg.call('PUT', '/api/v1/workspaces/auto/policies', { token: admin, body: { auto_approve: true } });
    expect(put.status).toBe(200);
    const lowRisk = {
      columns: [
        { name: 'id', type: 'uuid', primary_key: true, nullable: false, default: 'gen_random_uuid()' },
        { name: 'note', type: 'text', nullable: true },
        { name: 'created_at', type: 'timestamptz', nullable: false, default: 'now()' },
        { name: 'updated_at', type: 'timestamptz', nullable: false, default: 'now()' },
      ],
    };
    const mk = (workspace: string, name: string, table: unknown) => reg.call('POST', '/api/v1/schema-requests', { token: writer, body: { workspace_id: workspace, schema_name: name, table } });
    const low = await mk('auto', 'auto_notes', lowRisk);
    expect(low.body.risk).toBe('low');
    const high = await mk('auto', 'auto_prefs', userPreferences);
    const elsewhere = await mk('manual', 'manual_notes', lowRisk);

    const services = buildServices(reg.deps);
    // Other tests left pending requests too: runs of at most 10 drain them all, each decided once.
    const results = [];
    for (let run = 0; run < 20; run++) {
      const batch = await runAutoApproval(services);
      expect(batch.length).toBeLessThanOrEqual(10);
      if (!batch.length) break;
      results.push(...batch);
    }
    expect(new Set(results.map((r) => r.request_id)).size).toBe(results.length);
    const byId = Object.fromEntries(results.map((r) => [r.request_id, r.decision]));
    expect(byId[low.body.id]).toMatchObject({ decision: 'approved' });
    expect(byId[high.body.id]).toMatchObject({ decision: 'skipped', reason: expect.stringContaining('risk is high') });
    expect(byId[elsewhere.body.id]).toMatchObject({ decision: 'skipped', reason: expect.stringContaining('has not enabled auto-approval') });

    const approved = await reg.call('GET', `/api/v1/schema-requests/${low.body.id}`, { token: writer });
    expect(approved.body).toMatchObject({ status: 'approved', decided_by: 'system:auto-approver', auto_approval: { decision: 'approved' } });
    const skipped = await reg.call('GET', `/api/v1/schema-requests/${high.body.id}`, { token: writer });
    expect(skipped.body).toMatchObject({ status: 'pending', auto_approval: { decision: 'skipped' } });
    // Decided requests are not taken again.
    const again = await runAutoApproval(services);
    expect(again.map((r) => r.request_id)).not.toContain(high.body.id);
  });
});

/** Runs the worker until a run finds nothing left to decide; every decision of those runs. */
async function drainWorker(): Promise<WorkerResult[]> {
  const services = buildServices(reg.deps);
  const decided: WorkerResult[] = [];
  for (let run = 0; run < 20; run++) {
    const batch = await runAutoApproval(services);
    if (!batch.length) break;
    decided.push(...batch);
  }
  return decided;
}

describe('the auto-approval worker after the schema moved on', () => {
  it('judges the risk of a request against the schema as it is now, not as it was when requested', async () => {
    const admin = await reg.token('ada', { 'twin-auto': 'admin' });
    const writer = await reg.token('tess', { 'twin-auto': 'writer' });
    expect((await reg.call('PUT', '/api/v1/workspaces/twin-auto/policies', { token: admin, body: { auto_approve: true } })).status).toBe(200);
    const mk = (definition: unknown) => reg.call('POST', '/api/v1/schema-requests', { token: writer, body: { workspace_id: 'twin-auto', schema_name: 'twin', definition } });
    const first = await mk({ type: 'object', properties: { id: { type: 'string' } } });
    const second = await mk({ type: 'object', properties: { id: { type: 'string' }, note: { type: 'string' } } });
    expect([first.body.risk, second.body.risk]).toEqual(['low', 'low']);
    const decided = await drainWorker();
    const decisionOf = (id: string) => decided.find((d) => d.request_id === id)?.decision;
    expect(decisionOf(first.body.id)).toMatchObject({ decision: 'approved' });
    // Once the first is version 1, the second changes an existing schema: moderate, left for a person.
    expect(decisionOf(second.body.id)).toMatchObject({ decision: 'skipped', reason: expect.stringContaining('changes an existing schema') });
  });
});

describe('rate limit on request creation', () => {
  const limited = useRegistry({ settings: { autoApproveDefault: false, requestRatePerHour: 20, requestBurst: 3 } });
  it('answers 429 with Retry-After beyond the burst', async () => {
    const t = await limited.token('greedy', { acme: 'writer' });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await limited.call('POST', '/api/v1/schema-requests', { token: t, body: { workspace_id: 'acme', schema_name: `burst_${i}`, table: caricatures } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    // 20 per hour: one token every 180 s.
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(100);
    expect(Number(last!.headers.get('retry-after'))).toBeLessThanOrEqual(180);
  });

  it('spends no token on a proposal refused on its own: a value nested 100,000 levels deep, a __proto__ column', async () => {
    const t = await limited.token('careful', { acme: 'writer' });
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const deepTable = JSON.stringify(caricatures).replace('"primary_key":true', `"primary_key":${deep}`);
    const protoTable = JSON.stringify({ columns: [{ name: 'id', type: 'uuid', primary_key: true }, { name: '__proto__', type: 'text' }] });
    expect(deepTable).toContain(deep);
    for (const [i, table] of [deepTable, protoTable, deepTable, protoTable].entries()) {
      const refused = await limited.call('POST', '/api/v1/schema-requests', { token: t, body: `{"workspace_id":"acme","schema_name":"refused_${i}","table":${table}}` });
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await limited.call('POST', '/api/v1/schema-requests', { token: t, body: { workspace_id: 'acme', schema_name: `fine_${i}`, table: caricatures } })).status);
    expect(statuses).toEqual([201, 201, 201]);
  });
});
