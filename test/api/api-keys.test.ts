/**
 * API keys end to end on the real local server and table: an admin creates, lists and revokes them; a Kafka
 * client nobody here wrote uses one as its HTTP Basic password on the Confluent-compatible API; the
 * registry's own API refuses them; and the deployed Lambda authorizer's check accepts and refuses the same.
 */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableApiKeyVerifier } from '../../lib/api-keys/verify.js';
import { authorizeRequest } from '../../lib/auth/lambda-authorizer.js';
import { principalFromEvent } from '../../lib/auth/principal.js';
import { useRegistry } from '../support/registry.js';

let clock = Date.parse('2026-12-01T10:00:00.000Z');
const reg = useRegistry({ now: () => new Date(clock) });
let admin: string;

const basic = (key: string, user = 'acme') => ({ authorization: `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}` });
const createKey = async (body: Record<string, unknown>, token = admin) => reg.call('POST', '/api/v1/workspaces/acme/api-keys', { token, body });
const ccompat = (key: string, path = '/apis/ccompat/v7/subjects') => reg.call('GET', path, { headers: basic(key) });

beforeAll(async () => {
  admin = await reg.token('alice', { acme: 'admin' });
});

describe('API keys', () => {
  it('are created by an admin and shown whole only in the answer to the create', async () => {
    const created = await createKey({ name: 'orders-producer', role: 'writer', valid_days: 30 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ workspace_id: 'acme', name: 'orders-producer', role: 'writer', state: 'active', created_by: 'alice', valid_until: '2026-12-31T10:00:00.000Z' });
    expect(created.body.key).toMatch(new RegExp(`^srk_acme_${created.body.id}_[A-Za-z0-9_-]{43}$`));
    expect(created.body.secret_sha256).toBeUndefined();

    const listed = await reg.call('GET', '/api/v1/workspaces/acme/api-keys', { token: admin });
    const mine = listed.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(mine).toMatchObject({ name: 'orders-producer', state: 'active' });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key.split('_').pop());
    expect(JSON.stringify(listed.body)).not.toContain('secret_sha256');

    const audit = await reg.call('GET', `/api/v1/audit?workspace_id=acme&entity_type=api_key&entity_id=${created.body.id}`, { token: admin });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['api_key.created']);
    expect(JSON.stringify(audit.body)).not.toContain(created.body.key.split('_').pop());
  });

  it('are managed by admins of their workspace only', async () => {
    const writer = await reg.token('bob', { acme: 'writer' });
    expect((await createKey({ name: 'x', role: 'reader' }, writer)).status).toBe(403);
    expect((await reg.call('GET', '/api/v1/workspaces/acme/api-keys', { token: writer })).status).toBe(403);
    const outsider = await reg.token('mallory', { globex: 'admin' });
    expect((await createKey({ name: 'x', role: 'reader' }, outsider)).status).toBe(404);
  });

  it.each([
    [{ name: 'x' }, 'role'],
    [{ name: '', role: 'reader' }, 'name'],
    [{ name: 'x', role: 'owner' }, 'role'],
    [{ name: 'x', role: 'reader', valid_days: 0 }, 'valid_days'],
    [{ name: 'x', role: 'reader', secret: 'mine' }, 'secret'],
  ])('refuse a bad create %j with 400 naming the field, storing nothing', async (body, field) => {
    const before = (await reg.call('GET', '/api/v1/workspaces/acme/api-keys', { token: admin })).body.items.length;
    const res = await createKey(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain(field);
    expect((await reg.call('GET', '/api/v1/workspaces/acme/api-keys', { token: admin })).body.items).toHaveLength(before);
  });

  it('let a Kafka client register, encode and decode with the key as its Basic password, within the key\u2019s role', async () => {
    const { body: adminKey } = await createKey({ name: 'schema-deployer', role: 'admin' });
    const { body: readerKey } = await createKey({ name: 'orders-consumer', role: 'reader' });
    const client = (key: string) => new SchemaRegistry({ host: `${reg.base}/apis/ccompat/v7`, auth: { username: 'acme', password: key } });
    const schema = JSON.stringify({ type: 'record', name: 'Order', namespace: 'com.acme', fields: [{ name: 'order_id', type: 'string' }] });
    const { id } = await client(adminKey.key).register({ type: SchemaType.AVRO, schema }, { subject: 'orders-value' });
    const encoded = await client(adminKey.key).encode(id, { order_id: 'o-1' });
    expect(await client(readerKey.key).decode(encoded)).toEqual({ order_id: 'o-1' });
    // A reader key may read, not register.
    await expect(client(readerKey.key).register({ type: SchemaType.AVRO, schema }, { subject: 'other-value' })).rejects.toThrow(/needs the admin role in workspace "acme"; you have reader/);
    // The audit trail names the key that registered.
    const events = await reg.call('GET', '/api/v1/audit?workspace_id=acme&entity_type=schema', { token: admin });
    expect(events.body.items.some((e: { actor: string }) => e.actor === `apikey:${adminKey.id}`)).toBe(true);
  });

  it('are refused by the registry\u2019s own API, which takes tokens only', async () => {
    const { body } = await createKey({ name: 'not-for-v1', role: 'admin' });
    const res = await reg.call('GET', '/api/v1/schemas?workspace_id=acme', { headers: { authorization: `Bearer ${body.key}` } });
    expect(res.status).toBe(401);
  });

  it('stop working when revoked, and a second revoke changes nothing', async () => {
    const { body } = await createKey({ name: 'leaked', role: 'reader' });
    expect((await ccompat(body.key)).status).toBe(200);
    const revoked = await reg.call('DELETE', `/api/v1/workspaces/acme/api-keys/${body.id}`, { token: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ state: 'revoked', revoked_by: 'alice' });
    const refused = await ccompat(body.key);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error_code: 40101 });
    expect(refused.body.message).toContain('revoked');
    const again = await reg.call('DELETE', `/api/v1/workspaces/acme/api-keys/${body.id}`, { token: admin });
    expect(again.body.revoked_at).toBe(revoked.body.revoked_at);
    const audit = await reg.call('GET', `/api/v1/audit?workspace_id=acme&entity_type=api_key&entity_id=${body.id}`, { token: admin });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it('answer 404 for a key another workspace holds, or none', async () => {
    const { body } = await createKey({ name: 'mine', role: 'reader' });
    const other = await reg.token('gina', { globex: 'admin' });
    expect((await reg.call('DELETE', `/api/v1/workspaces/globex/api-keys/${body.id}`, { token: other })).status).toBe(404);
    expect((await reg.call('DELETE', '/api/v1/workspaces/acme/api-keys/not-an-id', { token: admin })).status).toBe(404);
    expect((await ccompat(body.key)).status).toBe(200);
  });

  it('stop working when they expire', async () => {
    const { body } = await createKey({ name: 'short-lived', role: 'reader', valid_days: 1 });
    expect((await ccompat(body.key)).status).toBe(200);
    clock += 2 * 86_400_000;
    try {
      const refused = await ccompat(body.key);
      expect(refused.status).toBe(401);
      expect(refused.body.message).toContain('expired');
      const listed = await reg.call('GET', '/api/v1/workspaces/acme/api-keys', { token: admin });
      expect(listed.body.items.find((k: { id: string }) => k.id === body.id).state).toBe('expired');
    } finally {
      clock -= 2 * 86_400_000;
    }
  });

  it('refuse a wrong secret, a key of another workspace\u2019s name and a malformed key alike, without echoing them', async () => {
    const { body } = await createKey({ name: 'probe', role: 'reader' });
    const secret = body.key.slice(-43);
    const tampered = body.key.slice(0, -43) + (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1);
    const moved = body.key.replace('srk_acme_', 'srk_globex_');
    for (const key of [tampered, moved, 'srk_acme_short']) {
      const res = await ccompat(key);
      expect(res.status, key).toBe(401);
      expect(res.body.message).not.toContain(key.slice(-20));
    }
  });

  it('are checked the same way by the deployed Lambda authorizer, on the same table', async () => {
    const { body } = await createKey({ name: 'deployed', role: 'writer' });
    const verify = { token: () => Promise.reject(new Error('not a token')), apiKey: tableApiKeyVerifier(reg.deps) };
    const result = await authorizeRequest({ headers: basic(body.key, '') }, verify);
    expect(result).toEqual({ isAuthorized: true, context: { sub: `apikey:${body.id}`, 'cognito:groups': '[acme:writer]' } });
    const principal = principalFromEvent({ requestContext: { authorizer: { lambda: result.isAuthorized ? result.context : {} } } });
    expect([...principal.roles]).toEqual([['acme', 'writer']]);
    await reg.call('DELETE', `/api/v1/workspaces/acme/api-keys/${body.id}`, { token: admin });
    expect(await authorizeRequest({ headers: basic(body.key) }, verify)).toMatchObject({ isAuthorized: false, reason: expect.stringContaining('revoked') });
  });
});
