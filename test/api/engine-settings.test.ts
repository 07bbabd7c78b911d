/** The default draft (per workspace and per schema) and refused warnings, over HTTP on DynamoDB Local. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();
let admin: string;
let reader: string;
beforeAll(async () => {
  admin = await reg.token('ada', { drafts: 'admin', house: 'admin' });
  reader = await reg.token('rob', { drafts: 'reader' });
});

const publish = (workspace: string, name: string, definition: unknown, query = '') =>
  reg.call('POST', `/api/v1/schemas${query}`, { token: admin, body: { workspace_id: workspace, name, definition } });
const workspaceConfig = (workspace: string, body?: unknown) =>
  reg.call(body === undefined ? 'GET' : 'PUT', `/api/v1/workspaces/${workspace}/config`, { token: admin, ...(body === undefined ? {} : { body }) });
/** draft-07 tuple: array-form items with additionalItems, which 2020-12 does not allow. */
const tuple = { type: 'array', items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false };

describe('default draft', () => {
  it('is 2020-12 unless set, and the config says so', async () => {
    const res = await reg.call('GET', '/api/v1/workspaces/drafts/config', { token: reader });
    expect(res.body).toEqual({ workspace_id: 'drafts', compatibility: 'BACKWARD', compatibility_is_default: true, default_dialect: '2020-12', default_dialect_is_default: true, refuse_warnings: [], promotion: { required: false, second_approval: [] } });
    const refused = await publish('drafts', 'pairs', tuple);
    expect(refused.status).toBe(422);
  });

  it('a draft-07 schema without $schema publishes under a draft-07 workspace default, shown on the version', async () => {
    const set = await workspaceConfig('drafts', { default_dialect: 'draft-07' });
    expect(set.body).toMatchObject({ default_dialect: 'draft-07', default_dialect_is_default: false, compatibility: 'BACKWARD' });
    const v1 = await publish('drafts', 'pairs', tuple);
    expect(v1.status).toBe(201);
    expect(v1.body.dialect).toBe('draft-07');
    const ok = await reg.call('POST', '/api/v1/payloads', { token: admin, body: { schema_ref: v1.body.id, data: ['a', 1] } });
    expect(ok.status).toBe(201);
    const extra = await reg.call('POST', '/api/v1/payloads', { token: admin, body: { schema_ref: v1.body.id, data: ['a', 1, 'more'] } });
    expect(extra.status).toBe(422);
    const config = await reg.call('GET', `/api/v1/schemas/${v1.body.id}/config`, { token: admin });
    expect(config.body).toMatchObject({ default_dialect: 'draft-07', default_dialect_source: 'workspace' });
  });

  it('a schema setting overrides the workspace default for later versions; earlier versions keep theirs', async () => {
    const v1 = await publish('drafts', 'words', { type: 'array', items: { type: 'string' } });
    expect(v1.body.dialect).toBe('draft-07');
    const set = await reg.call('PUT', `/api/v1/schemas/${v1.body.id}/config`, { token: admin, body: { default_dialect: '2020-12' } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ default_dialect: '2020-12', default_dialect_source: 'schema' });
    const v2 = await publish('drafts', 'words', { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'string' } });
    expect(v2.status).toBe(201);
    expect(v2.body.dialect).toBe('2020-12');
    expect((await reg.call('GET', `/api/v1/schemas/${v1.body.id}`, { token: admin })).body.dialect).toBe('draft-07');
    const unset = await reg.call('PUT', `/api/v1/schemas/${v1.body.id}/config`, { token: admin, body: { default_dialect: null } });
    expect(unset.body).toMatchObject({ default_dialect: 'draft-07', default_dialect_source: 'workspace' });
  });

  it('a schema request is reviewed and approved under the workspace default draft', async () => {
    const writer = await reg.token('wes', { drafts: 'writer' });
    const reviewer = await reg.token('rita', { drafts: 'reviewer' });
    const created = await reg.call('POST', '/api/v1/schema-requests', { token: writer, body: { workspace_id: 'drafts', schema_name: 'requested_pairs', definition: tuple } });
    expect(created.status).toBe(201);
    const approved = await reg.call('PATCH', `/api/v1/schema-requests/${created.body.id}`, { token: reviewer, body: { status: 'approved' } });
    expect(approved.status).toBe(200);
    const version = await reg.call('GET', `/api/v1/schemas/${approved.body.schema_ref}`, { token: admin });
    expect(version.body).toMatchObject({ name: 'requested_pairs', dialect: 'draft-07' });
  });

  it('refuses a dialect the engine cannot default to (400)', async () => {
    const res = await workspaceConfig('drafts', { default_dialect: '2019-09' });
    expect(res.status).toBe(400);
    expect((await workspaceConfig('drafts', {})).status).toBe(400);
  });
});

describe('refused warnings (a stricter house style)', () => {
  const withFormat = { type: 'object', properties: { id: { type: 'string', format: 'x-order-id' } } };

  it('warnings are reported, and published, until the workspace refuses them', async () => {
    const v1 = await publish('house', 'orders', withFormat);
    expect(v1.status).toBe(201);
    expect(v1.body.warnings).toEqual([expect.objectContaining({ code: 'unknown_format', path: '/properties/id/format' })]);
  });

  it('a refused warning is a 422 naming it, in publishes and dry runs alike', async () => {
    const set = await workspaceConfig('house', { refuse_warnings: ['unknown_format'] });
    expect(set.body.refuse_warnings).toEqual(['unknown_format']);
    const definition = { ...withFormat, properties: { ...withFormat.properties, more: { format: 'x-other' } } };
    for (const query of ['', '?dry_run=true']) {
      const res = await publish('house', 'orders', definition, query);
      expect(res.status).toBe(422);
      expect(res.body.detail).toMatch(/x-order-id.*refuse_warnings includes "unknown_format".*and 1 more problem/);
      expect(res.body.errors.map((e: { keyword: string; path: string }) => `${e.keyword} ${e.path}`)).toEqual(['unknown_format /properties/id/format', 'unknown_format /properties/more/format']);
    }
    const writer = await reg.token('wes', { house: 'writer' });
    const request = await reg.call('POST', '/api/v1/schema-requests', { token: writer, body: { workspace_id: 'house', schema_name: 'requested', definition } });
    expect(request.status).toBe(422);
    expect(request.body.errors[0]).toMatchObject({ keyword: 'unknown_format' });
    const other = await publish('house', 'typo', { properties: { a: { maxLenght: 3 } } });
    expect(other.status).toBe(201);
    expect(other.body.warnings.map((w: { code: string }) => w.code)).toEqual(['unknown_keyword']);
  });

  it('refuses an unknown warning code (400), and [] refuses none again', async () => {
    expect((await workspaceConfig('house', { refuse_warnings: ['no_such_code'] })).status).toBe(400);
    expect((await workspaceConfig('house', { refuse_warnings: [] })).body.refuse_warnings).toEqual([]);
    expect((await publish('house', 'orders', { ...withFormat, properties: { ...withFormat.properties, more: { format: 'x-other' } } })).status).toBe(201);
  });
});
