/** Avro (and Protobuf) schemas go through the same routes as JSON Schema ones: requests, review, approval, publish, diffs, fields and payloads. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry({ settings: { autoApproveDefault: false, requestRatePerHour: 20, requestBurst: 50 } });
const tokens = { carol: '', rex: '', ada: '' };
beforeAll(async () => {
  tokens.carol = await reg.token('carol', { acme: 'writer' });
  tokens.rex = await reg.token('rex', { acme: 'reviewer' });
  tokens.ada = await reg.token('ada', { acme: 'admin' });
});

const user = (fields: unknown[]) => ({ type: 'record', name: 'User', namespace: 'com.acme', fields: [{ name: 'user_id', type: 'string' }, ...fields] });

describe('an Avro schema', () => {
  it('is requested, reviewed, approved, and validates payloads in the JSON encoding', async () => {
    const created = await reg.call('POST', '/api/v1/schema-requests', { token: tokens.carol, body: { workspace_id: 'acme', schema_name: 'avro_users', engine: 'avro', definition: user([{ name: 'email', type: ['null', 'string'], default: null }]), justification: 'users as Avro' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', proposal: { engine: 'avro' } });

    const approved = await reg.call('PATCH', `/api/v1/schema-requests/${created.body.id}`, { token: tokens.rex, body: { status: 'approved', comment: 'ok' } });
    expect(approved.status).toBe(200);
    const version = await reg.call('GET', `/api/v1/schemas/${approved.body.schema_ref}`, { token: tokens.carol });
    expect(version.body).toMatchObject({ name: 'avro_users', version: 1, engine: 'avro', dialect: 'avro-1.11' });

    const ok = await reg.call('POST', '/api/v1/payloads', { token: tokens.carol, body: { schema_ref: version.body.id, data: { user_id: 'u1', email: { string: 'u1@acme.test' } } } });
    expect(ok.status).toBe(201);
    const bad = await reg.call('POST', '/api/v1/payloads', { token: tokens.carol, body: { schema_ref: version.body.id, data: { user_id: 7, email: 'not wrapped' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['/user_id', '/email']);

    const fields = await reg.call('GET', `/api/v1/schemas/${version.body.id}/fields`, { token: tokens.carol });
    expect(fields.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/email', nullable: true, required: false })]));
  });

  it('refuses a field added without a default under BACKWARD, with the resolution rule explained, and takes one with a default', async () => {
    const refused = await reg.call('POST', '/api/v1/schema-requests', { token: tokens.carol, body: { workspace_id: 'acme', schema_name: 'avro_users', definition: user([{ name: 'email', type: ['null', 'string'], default: null }, { name: 'age', type: 'int' }]) } });
    expect(refused.body.compatibility).toMatchObject({ compatible: false });
    expect(JSON.stringify(refused.body.compatibility.breaking_changes)).toContain('field age added without a default');

    const published = await reg.call('POST', '/api/v1/schemas', { token: tokens.ada, body: { workspace_id: 'acme', name: 'avro_users', engine: 'avro', definition: user([{ name: 'email', type: ['null', 'string'], default: null }, { name: 'age', type: 'int', default: 0 }]) } });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: 2, engine: 'avro' });
  });

  it('cannot be proposed under another engine once it exists', async () => {
    const switched = await reg.call('POST', '/api/v1/schema-requests', { token: tokens.carol, body: { workspace_id: 'acme', schema_name: 'avro_users', engine: 'json-schema', definition: { type: 'object' } } });
    expect(switched.status).toBe(409);
  });

  it('refuses an invalid Avro definition with 422 naming the problem', async () => {
    const bad = await reg.call('POST', '/api/v1/schemas', { token: tokens.ada, body: { workspace_id: 'acme', name: 'avro_bad', engine: 'avro', definition: { type: 'record', name: 'X', fields: [{ name: 'a', type: 'Nope' }] } } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toContain('undefined type name: Nope');
  });

  it('uses named types of a referenced version', async () => {
    const address = await reg.call('POST', '/api/v1/schemas', { token: tokens.ada, body: { workspace_id: 'acme', name: 'avro_address', engine: 'avro', definition: { type: 'record', name: 'Address', namespace: 'com.acme', fields: [{ name: 'street', type: 'string' }] } } });
    expect(address.status).toBe(201);
    const person = await reg.call('POST', '/api/v1/schemas', { token: tokens.ada, body: { workspace_id: 'acme', name: 'avro_person', engine: 'avro', definition: { type: 'record', name: 'Person', namespace: 'com.acme', 'x-registry-references': ['registry://acme/avro_address/1'], fields: [{ name: 'home', type: 'Address' }] } } });
    expect(person.body.detail ?? person.status).toBe(201);
    const ok = await reg.call('POST', '/api/v1/payloads', { token: tokens.carol, body: { schema_ref: person.body.id, data: { home: { street: 'Main' } } } });
    expect(ok.status).toBe(201);
    const bad = await reg.call('POST', '/api/v1/payloads', { token: tokens.carol, body: { schema_ref: person.body.id, data: { home: {} } } });
    expect(bad.status).toBe(422);
  });
});
