/** References between registered versions, over HTTP on DynamoDB Local: publish, validate, list, states, diff. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useRegistry } from '../support/registry.js';

let clock = Date.parse('2026-12-01T12:00:00.000Z');
const reg = useRegistry({ now: () => new Date(clock) });
let admin: string;
beforeAll(async () => {
  admin = await reg.token('ada', { refs: 'admin', other: 'admin' });
});

const publish = (name: string, definition: unknown, workspace = 'refs', query = '') =>
  reg.call('POST', `/api/v1/schemas${query}`, { token: admin, body: { workspace_id: workspace, name, definition } });
const setState = (id: string, state: string) => reg.call('PATCH', `/api/v1/schemas/${id}`, { token: admin, body: { state } });
const address = { type: 'object', required: ['street'], properties: { street: { type: 'string', minLength: 1 }, zip: { type: 'string', pattern: '^[0-9]{5}$' } } };
const order = (ref = 'registry://refs/address/1') => ({ type: 'object', required: ['ship_to'], properties: { ship_to: { $ref: ref }, note: { type: 'string' } } });

describe('schema references', () => {
  let addressId: string;
  let orderId: string;

  beforeAll(async () => {
    addressId = (await publish('address', address)).body.id;
  });

  it('publishes a definition referencing another version and records the reference on the version', async () => {
    const res = await publish('orders', order());
    expect(res.status).toBe(201);
    orderId = res.body.id;
    expect(res.body.references).toEqual([{ uri: 'registry://refs/address/1', schema_version_id: addressId, name: 'address', version: 1 }]);
    expect((await reg.call('GET', `/api/v1/schemas/${orderId}`, { token: admin })).body.references).toHaveLength(1);
  });

  it('validates payloads through the referenced version', async () => {
    const ok = await reg.call('POST', '/api/v1/payloads', { token: admin, body: { schema_ref: orderId, data: { ship_to: { street: 'Main St', zip: '12345' } } } });
    expect(ok.status).toBe(201);
    const bad = await reg.call('POST', '/api/v1/payloads', { token: admin, body: { schema_ref: orderId, data: { ship_to: { street: '', zip: 'x' } } } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/ship_to/street', '/ship_to/zip']);
  });

  it('lists references both ways: what a version uses, what uses it', async () => {
    const uses = await reg.call('GET', `/api/v1/schemas/${orderId}/references`, { token: admin });
    expect(uses.status).toBe(200);
    expect(uses.body).toMatchObject({ id: orderId, uses: [{ uri: 'registry://refs/address/1', schema_version_id: addressId }], used_by: [] });
    const usedBy = await reg.call('GET', `/api/v1/schemas/${addressId}/references`, { token: admin });
    expect(usedBy.body).toMatchObject({ uses: [], used_by: [{ id: orderId, name: 'orders', version: 1, state: 'active', uri: 'registry://refs/address/1' }], next_cursor: null });
  });

  it('refuses a reference to another workspace, a version that does not exist, or a malformed registry URI (422)', async () => {
    await publish('address', address, 'other');
    const foreign = await publish('foreign', order('registry://other/address/1'));
    expect(foreign.status).toBe(422);
    expect(foreign.body.detail).toMatch(/names workspace "other".*its own workspace \("refs"\)/);
    const missing = await publish('missing', order('registry://refs/address/9'));
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toMatch(/schema "address" has no version 9/);
    const malformed = await publish('malformed', order('registry://refs/Address'));
    expect(malformed.status).toBe(422);
    expect(malformed.body.detail).toMatch(/not a registry URI/);
  });

  it('compatibility and diff follow references: pointing at a narrower version is a breaking change', async () => {
    const v2 = await publish('address', { ...address, required: ['street', 'zip'] });
    expect(v2.status).toBe(409);
    await reg.call('PUT', `/api/v1/schemas/${addressId}/config`, { token: admin, body: { compatibility: 'NONE' } });
    const narrower = await publish('address', { ...address, required: ['street', 'zip'] });
    expect(narrower.status).toBe(201);
    const next = await publish('orders', order('registry://refs/address/2'));
    expect(next.status).toBe(409);
    expect(next.body.breaking_changes).toEqual([expect.objectContaining({ type: 'required_added', backward_compatible: false })]);
    const wider = await publish('address', { ...address, properties: { ...address.properties, zip: { type: 'string' } } });
    expect(wider.status).toBe(201);
    const relaxed = await publish('orders', order('registry://refs/address/3'));
    expect(relaxed.status).toBe(201);
    const diff = await reg.call('GET', `/api/v1/schemas/${relaxed.body.id}/diff?against=${orderId}`, { token: admin });
    expect(diff.body).toMatchObject({ backward_compatible: true, forward_compatible: false });
    expect(diff.body.changes).toEqual([expect.objectContaining({ type: 'pattern_removed' })]);
  });

  it('reviews a schema request for the next version of a schema whose latest version references another', async () => {
    const writer = await reg.token('wes', { refs: 'writer' });
    const request = await reg.call('POST', '/api/v1/schema-requests', { token: writer, body: { workspace_id: 'refs', schema_name: 'orders', definition: { type: 'object', properties: { note: { type: 'string' } } } } });
    expect(request.status).toBe(201);
    expect(request.body.compatibility).toMatchObject({ compatible: true, checked_against: [2] });
    expect(request.body.diff.changes.map((c: { type: string }) => c.type)).toContain('required_removed');
    const proposal = await reg.call('POST', '/api/v1/schema-requests', { token: writer, body: { workspace_id: 'refs', schema_name: 'orders', definition: order('registry://refs/address/3') } });
    expect(proposal.status).toBe(422);
    expect(proposal.body.detail).toMatch(/not resolved.*POST \/api\/v1\/schemas/);
  });

  it('refuses to disable a version an active version uses (409 naming it), and allows it once that one is disabled', async () => {
    const refused = await setState(addressId, 'disabled');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/address v1 cannot be disabled: it is referenced by orders v1 \(active\)/);
    expect(refused.body.used_by).toEqual([expect.objectContaining({ id: orderId, state: 'active' })]);
    expect((await setState(orderId, 'disabled')).status).toBe(200);
    expect((await setState(addressId, 'disabled')).status).toBe(200);
  });

  it('refuses a new reference to a disabled version, and re-activating a version whose reference is disabled (409)', async () => {
    const res = await publish('late', order('registry://refs/address/1'));
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/registry:\/\/refs\/address\/1 is disabled/);
    const back = await setState(orderId, 'active');
    expect(back.status).toBe(409);
    expect(back.body.detail).toMatch(/orders v1 cannot become active: it references address v1, which is disabled/);
    expect((await setState(addressId, 'active')).status).toBe(200);
    expect((await setState(orderId, 'active')).status).toBe(200);
  });

  it('a concurrent disable and publish of a user cannot both succeed', async () => {
    const target = (await publish('target', { type: 'string' })).body.id as string;
    const [disable, use] = await Promise.all([setState(target, 'disabled'), publish('user', { $ref: 'registry://refs/target/1' })]);
    const outcomes = [disable.status, use.status];
    expect(outcomes.filter((s) => s === 200 || s === 201)).toHaveLength(1);
    const state = (await reg.call('GET', `/api/v1/schemas/${target}`, { token: admin })).body.state;
    const users = (await reg.call('GET', `/api/v1/schemas/${target}/references`, { token: admin })).body.used_by;
    expect(state === 'disabled' ? users : []).toEqual([]);
  });
});
