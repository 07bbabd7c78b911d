/**
 * The Confluent-compatible API answering Confluent's documented curl examples (docs.confluent.io,
 * "Schema Registry API Usage Examples") as documented, then its error codes, media types, ids and auth.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();
const BASE = '/apis/ccompat/v7';
const SR = 'application/vnd.schemaregistry.v1+json';
let admin = '';
let basic = '';

beforeAll(async () => {
  admin = await reg.token('ada', { acme: 'admin' });
  basic = `Basic ${Buffer.from(`ignored:${admin}`).toString('base64')}`;
});

/** A request as curl sends it: Confluent's media type, Basic credentials (password = a registry token). */
async function curl(method: string, path: string, data?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${reg.base}${BASE}${path}`, { method, headers: { authorization: basic, ...(data !== undefined ? { 'content-type': SR } : {}), ...headers }, ...(data !== undefined ? { body: data } : {}) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe("Confluent's documented examples", () => {
  it('registers "string" under Kafka-key and Kafka-value, with one id for the same schema', async () => {
    const key = await curl('POST', '/subjects/Kafka-key/versions', '{"schema": "{\\"type\\": \\"string\\"}"}');
    expect(key).toMatchObject({ status: 200, type: SR, body: { id: expect.any(Number) } });
    const value = await curl('POST', '/subjects/Kafka-value/versions', '{"schema": "{\\"type\\": \\"string\\"}"}');
    expect(value.body).toEqual(key.body);
    const id = (key.body as { id: number }).id;

    expect((await curl('GET', '/subjects')).body).toEqual(expect.arrayContaining(['Kafka-key', 'Kafka-value']));
    expect((await curl('GET', `/schemas/ids/${id}`)).body).toEqual({ schema: '{"type":"string"}' });
    expect((await curl('GET', '/subjects/Kafka-value/versions')).body).toEqual([1]);
    expect((await curl('GET', '/subjects/Kafka-value/versions/1')).body).toEqual({ subject: 'Kafka-value', version: 1, id, schema: '{"type":"string"}' });
    expect((await curl('GET', '/subjects/Kafka-value/versions/latest')).body).toEqual({ subject: 'Kafka-value', version: 1, id, schema: '{"type":"string"}' });
    expect((await curl('POST', '/subjects/Kafka-key', '{"schema": "{\\"type\\": \\"string\\"}"}')).body).toEqual({ subject: 'Kafka-key', version: 1, id, schema: '{"type":"string"}' });
    expect((await curl('POST', '/compatibility/subjects/Kafka-value/versions/latest', '{"schema": "{\\"type\\": \\"string\\"}"}')).body).toEqual({ is_compatible: true });
    expect((await curl('GET', '/schemas/types')).body).toEqual(['AVRO', 'JSON', 'PROTOBUF']);
  });

  it('gets and sets the global and the subject compatibility level', async () => {
    expect((await curl('GET', '/config')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
    expect((await curl('PUT', '/config', '{"compatibility": "NONE"}')).body).toEqual({ compatibility: 'NONE' });
    expect((await curl('GET', '/config')).body).toEqual({ compatibilityLevel: 'NONE' });
    expect((await curl('PUT', '/config/Kafka-value', '{"compatibility": "BACKWARD"}')).body).toEqual({ compatibility: 'BACKWARD' });
    expect((await curl('GET', '/config/Kafka-value')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
    expect((await curl('GET', '/mode')).body).toEqual({ mode: 'READWRITE' });
  });

  it('soft-deletes a version and then a subject, answering the version numbers', async () => {
    await curl('POST', '/subjects/Kafka-temp/versions', '{"schema": "{\\"type\\": \\"string\\"}"}');
    await curl('PUT', '/config/Kafka-temp', '{"compatibility": "NONE"}');
    await curl('POST', '/subjects/Kafka-temp/versions', '{"schema": "{\\"type\\": \\"int\\"}"}');
    expect((await curl('DELETE', '/subjects/Kafka-temp/versions/1')).body).toBe(1);
    expect((await curl('GET', '/subjects/Kafka-temp/versions')).body).toEqual([2]);
    expect((await curl('GET', '/subjects/Kafka-temp/versions?deleted=true')).body).toEqual([1, 2]);
    expect((await curl('DELETE', '/subjects/Kafka-temp')).body).toEqual([2]);
    expect((await curl('GET', '/subjects')).body).not.toContain('Kafka-temp');
    expect((await curl('GET', '/subjects?deleted=true')).body).toContain('Kafka-temp');
    // Registering it again brings the version back, with its id.
    const again = await curl('POST', '/subjects/Kafka-temp/versions', '{"schema": "{\\"type\\": \\"int\\"}"}');
    expect(again.status).toBe(200);
    expect((await curl('GET', '/subjects/Kafka-temp/versions')).body).toEqual([2]);
  });
});

describe('error codes', () => {
  it.each([
    ['GET', '/subjects/nobody-value/versions', 404, 40401, undefined],
    ['GET', '/subjects/Kafka-value/versions/99', 404, 40402, undefined],
    ['GET', '/schemas/ids/987654321', 404, 40403, undefined],
    ['POST', '/subjects/Kafka-value', 404, 40403, '{"schema": "{\\"type\\": \\"int\\"}"}'],
    ['GET', '/subjects/Kafka-value/versions/first', 422, 42202, undefined],
    ['POST', '/subjects/broken-value/versions', 422, 42201, '{"schema": "{\\"type\\": \\"record\\", \\"name\\": \\"R\\"}"}'],
    ['POST', '/subjects/broken-value/versions', 422, 42201, '{"schema": "not json"}'],
    ['PUT', '/config', 422, 42203, '{"compatibility": "SIDEWAYS"}'],
    ['PUT', '/mode', 422, 42204, '{"mode": "READONLY"}'],
    ['DELETE', '/subjects/Kafka-value?permanent=true', 422, 42205, undefined],
    ['POST', '/subjects/Kafka.value/versions', 409, 409, '{"schema": "{\\"type\\": \\"string\\"}"}'],
  ] as const)('%s %s answers %i with error_code %i', async (method, path, status, code, data) => {
    const res = await curl(method, path, data);
    expect(res).toMatchObject({ status, type: SR, body: { error_code: code, message: expect.any(String) } });
  });

  it('answers 409 to an incompatible schema, with the reason when verbose', async () => {
    await curl('POST', '/subjects/Compat-value/versions', JSON.stringify({ schema: JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'string' }] }) }));
    await curl('PUT', '/config/Compat-value', '{"compatibility": "BACKWARD"}');
    const incompatible = JSON.stringify({ schema: JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'string' }, { name: 'b', type: 'int' }] }) });
    expect(await curl('POST', '/subjects/Compat-value/versions', incompatible)).toMatchObject({ status: 409, body: { error_code: 409 } });
    const check = await curl('POST', '/compatibility/subjects/Compat-value/versions/latest?verbose=true', incompatible);
    expect(check.body).toMatchObject({ is_compatible: false, messages: [expect.stringContaining('field_added')] });
  });

  it('answers 40101 without credentials or with a bad token, Bearer or Basic', async () => {
    for (const authorization of ['', 'Basic ' + Buffer.from('acme:not-a-token').toString('base64'), 'Bearer not-a-token']) {
      const res = await fetch(`${reg.base}${BASE}/subjects`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe(SR);
      expect(await res.json()).toMatchObject({ error_code: 40101 });
    }
  });
});

describe('requests', () => {
  it('reads application/json and application/octet-stream bodies as Confluent does, and Bearer tokens', async () => {
    for (const type of ['application/json', 'application/octet-stream']) {
      const res = await fetch(`${reg.base}${BASE}/subjects/Kafka-key`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': type }, body: '{"schema": "{\\"type\\": \\"string\\"}"}' });
      expect(res.status, type).toBe(200);
    }
  });

  it('answers subjects and ids only inside the workspace the token or the prefix names', async () => {
    const both = await reg.token('bo', { acme: 'reader', globex: 'admin' });
    const ask = (path: string, user = '') => fetch(`${reg.base}${BASE}${path}`, { headers: { authorization: `Basic ${Buffer.from(`${user}:${both}`).toString('base64')}` } });
    expect((await ask('/subjects')).status).toBe(422); // two workspaces: which one?
    expect(await (await ask('/subjects', 'acme')).json()).toContain('Kafka-key');
    expect(await (await ask('/subjects?subjectPrefix=:.globex:')).json()).toEqual([]);
    expect((await ask('/subjects/:.globex:Kafka-key/versions')).status).toBe(404);
    const id = ((await curl('GET', '/subjects/Kafka-key/versions/1')).body as { id: number }).id;
    const outsider = await reg.token('eve', { globex: 'admin' });
    const res = await fetch(`${reg.base}${BASE}/schemas/ids/${id}`, { headers: { authorization: `Bearer ${outsider}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error_code: 40403 });
  });

  it('keeps one id per content of a workspace when registrations race', async () => {
    const schema = JSON.stringify({ schema: JSON.stringify({ type: 'enum', name: 'Colour', symbols: ['RED', 'GREEN'] }) });
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => curl('POST', `/subjects/race-${i}/versions`, schema)));
    expect(new Set(ids.map((r) => (r.body as { id: number }).id)).size).toBe(1);
  });
});
