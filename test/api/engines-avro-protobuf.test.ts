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

describe('a Protobuf schema', () => {
  const v1 = 'syntax = "proto3";\npackage acme.v1;\nmessage Order {\n  string order_id = 1;\n  int64 amount_cents = 2;\n  repeated string items = 3;\n}\n';

  it('is published, validates payloads in the JSON mapping, and re-publishing it respaced is the same version', async () => {
    const published = await reg.call('POST', '/api/v1/schemas', { token: tokens.ada, body: { workspace_id: 'acme', name: 'proto_orders', engine: 'protobuf', definition: v1 } });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: 1, engine: 'protobuf', dialect: 'proto3' });
    const again = await reg.call('POST', '/api/v1/schemas', { token: tokens.ada, body: { workspace_id: 'acme', name: 'proto_orders', engine: 'protobuf', definition: v1.replace('string order_id = 1;', '// the key\n  string   order_id = 1 ;') } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(published.body.id);

    const ok = await reg.call('POST', '/api/v1/payloads', { token: tokens.carol, body: { schema_ref: published.body.id, data: { orderId: 'o1', amountCents: '1250', items: ['a'] } } });
    expect(ok.status).toBe(201);
    const bad = await reg.call('POST', '/api/v1/payloads', { token: tokens.carol, body: { schema_ref: published.body.id, data: { orderId: 1, amount: 2 } } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['/orderId', '/amount']);

    const start = await reg.call('GET', `/api/v1/schemas/${published.body.id}/default`, { token: tokens.carol });
    expect(start.status).toBe(200);
    expect(JSON.stringify(start.body)).toContain('"orderId":""');
  });

  it('refuses a field number change under BACKWARD with the rule explained, and diffs an added field', async () => {
    const moved = await reg.call('POST', '/api/v1/schemas', { token: tokens.ada, body: { workspace_id: 'acme', name: 'proto_orders', engine: 'protobuf', definition: v1.replace('amount_cents = 2', 'amount_cents = 4') } });
    expect(moved.status).toBe(409);
    expect(moved.body.breaking_changes[0]).toMatchObject({ type: 'field_number_changed' });
    const v2 = await reg.call('POST', '/api/v1/schemas', { token: tokens.ada, body: { workspace_id: 'acme', name: 'proto_orders', engine: 'protobuf', definition: v1.replace('repeated string items = 3;', 'repeated string items = 3;\n  string note = 4;') } });
    expect(v2.status).toBe(201);
    const first = await reg.call('GET', '/api/v1/schemas?workspace_id=acme&prefix=proto_orders', { token: tokens.carol });
    const versions = await reg.call('GET', `/api/v1/schemas/${first.body.items[0].id}/versions`, { token: tokens.carol });
    const diff = await reg.call('GET', `/api/v1/schemas/${v2.body.id}/diff?against=${versions.body.items[0].id}`, { token: tokens.carol });
    expect(diff.status).toBe(200);
    expect(JSON.stringify(diff.body)).toContain('field_added');
  });

  it('is requested and reviewed like any other definition', async () => {
    const created = await reg.call('POST', '/api/v1/schema-requests', { token: tokens.carol, body: { workspace_id: 'acme', schema_name: 'proto_events', engine: 'protobuf', definition: 'syntax = "proto3";\nmessage Event { string event_id = 1; int64 at = 2; }\n' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', proposal: { engine: 'protobuf' } });
    const approved = await reg.call('PATCH', `/api/v1/schema-requests/${created.body.id}`, { token: tokens.rex, body: { status: 'approved' } });
    expect(approved.status).toBe(200);
    const ok = await reg.call('POST', '/api/v1/payloads', { token: tokens.carol, body: { schema_ref: approved.body.schema_ref, data: { eventId: 'e1', at: 5 } } });
    expect(ok.status).toBe(201);
  });

  it('refuses a definition that is not a .proto source with 422', async () => {
    const bad = await reg.call('POST', '/api/v1/schemas', { token: tokens.ada, body: { workspace_id: 'acme', name: 'proto_bad', engine: 'protobuf', definition: { type: 'object' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toContain('.proto source');
  });
});
