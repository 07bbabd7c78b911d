/** What a request carries besides its body: media types read as RFC 9110 says, and query parameters no route reads refused. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();
let admin: string;
let schemaId: string;
beforeAll(async () => {
  admin = await reg.token('ada', { acme: 'admin' });
  const res = await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'hygiene', definition: { type: 'object' } } });
  schemaId = res.body.id;
});

const publish = (contentType: string, name: string) =>
  reg.call('POST', '/api/v1/schemas', { token: admin, headers: { 'content-type': contentType }, body: { workspace_id: 'acme', name, definition: { type: 'string' } } });

describe('request media types', () => {
  it.each([
    ['Application/JSON', 'upper_case'],
    ['application/json; charset=UTF-8', 'charset_upper'],
    ['application/json ; Charset="utf-8"', 'charset_quoted'],
    ['APPLICATION/MERGE-PATCH+JSON', 'structured_suffix'],
  ])('accepts Content-Type %s', async (contentType, name) => {
    expect((await publish(contentType, name)).status).toBe(201);
  });

  it.each(['text/plain', 'application/json; charset=iso-8859-1', 'application/jsonx'])('refuses Content-Type %s with 415 problem+json', async (contentType) => {
    const res = await publish(contentType, 'never_published');
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.detail).toContain('application/json');
  });
});

describe('query parameters', () => {
  it('refuses a __proto__ parameter with 400 naming it, instead of dropping it', async () => {
    const res = await reg.call('GET', '/api/v1/schemas?workspace_id=acme&__proto__=x', { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: '/__proto__', message: 'unknown parameter "__proto__"' }));
  });

  it.each([
    ['/api/v1/schemas/{id}', 'verbose'],
    ['/api/v1/schemas/{id}/fields', 'depth'],
    ['/api/v1/schemas/{id}/config', '__proto__'],
    ['/api/v1/health', 'deep'],
  ])('refuses an unknown parameter on GET %s with 400 naming it, as unknown body fields are', async (path, name) => {
    const res = await reg.call('GET', `${path.replace('{id}', schemaId)}?${name}=1`, { token: admin });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: `/${name}`, message: `unknown parameter "${name}"` })]);
  });

  it('still serves those routes without parameters', async () => {
    expect((await reg.call('GET', `/api/v1/schemas/${schemaId}`, { token: admin })).status).toBe(200);
    expect((await reg.call('GET', '/api/v1/health')).status).toBe(200);
  });
});
