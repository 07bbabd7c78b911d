import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHandler } from '../../functions/health.js';
import { ROUTES } from '../../functions/routes.js';
import type { Route } from '../../lib/api/route.js';
import { TABLE_DESIGN } from '../../lib/generated/table.js';
import { claimsAsApiGateway, createLocalServer, type LambdaHandler } from '../../lib/local/server.js';
import { useTestTable } from '../support/dynamo.js';

const t = useTestTable();
let server: Server;
let base: string;
const seen: unknown[] = [];

// A protected echo route next to the real ones, to see the event and claims a handler receives.
const echoRoute: Route = { method: 'GET', path: '/api/v1/echo/{name}', operation: 'echo', group: 'health', role: 'reader', summary: 'test only', response: { status: 200 } };

beforeAll(async () => {
  const health = buildHandler({ dynamo: t.dynamo, tableName: t.tableName });
  const echo: LambdaHandler = async (event) => {
    seen.push(event);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
  };
  server = createLocalServer({
    routes: [...ROUTES, echoRoute],
    loadHandler: async () => (async (event, ctx) => (event.routeKey === 'GET /api/v1/echo/{name}' ? echo(event, ctx) : health(event, ctx))) as LambdaHandler,
    verifyToken: async (token) => {
      if (token !== 'good') throw new Error('signature verification failed');
      return { sub: 'alice', 'cognito:groups': ['acme:reader', 'default:admin'] };
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('the local server', () => {
  it('serves GET /api/v1/health through the real handler with the table status and schema.yaml version', async () => {
    const res = await fetch(`${base}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      table: { name: t.tableName, status: 'ACTIVE' },
      schema_yaml: { version: TABLE_DESIGN.version, hash: TABLE_DESIGN.hash },
    });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers an unknown path with a problem+json 404', async () => {
    const res = await fetch(`${base}/api/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not found', instance: '/api/v1/nothing-here' });
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const res = await fetch(`${base}/api/v1/health`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('refuses a protected route without a token, or with a bad one, with 401', async () => {
    const none = await fetch(`${base}/api/v1/echo/x`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const bad = await fetch(`${base}/api/v1/echo/x`, { headers: { authorization: 'Bearer forged' } });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { detail: string }).detail).toContain('signature verification failed');
  });

  it('hands the handler an API Gateway v2 event with path parameters, query and claims as API Gateway formats them', async () => {
    const res = await fetch(`${base}/api/v1/echo/hello%20world?a=1&a=2&b=x`, { headers: { authorization: 'Bearer good', 'X-Custom': 'v' } });
    expect(res.status).toBe(200);
    expect(seen.at(-1)).toMatchObject({
      version: '2.0',
      routeKey: 'GET /api/v1/echo/{name}',
      rawPath: '/api/v1/echo/hello%20world',
      rawQueryString: 'a=1&a=2&b=x',
      pathParameters: { name: 'hello world' },
      queryStringParameters: { a: '1,2', b: 'x' },
      headers: expect.objectContaining({ 'x-custom': 'v' }),
      requestContext: expect.objectContaining({
        http: expect.objectContaining({ method: 'GET', path: '/api/v1/echo/hello%20world' }),
        authorizer: { jwt: { claims: { sub: 'alice', 'cognito:groups': '[acme:reader default:admin]' }, scopes: null } },
      }),
    });
  });

  it('answers a path with malformed percent-encoding with 400, not 500', async () => {
    const res = await fetch(`${base}/api/v1/echo/%E0%A4%A`, { headers: { authorization: 'Bearer good' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toContain('percent-encoding');
  });

  it('formats array claims the way HTTP API does', () => {
    expect(claimsAsApiGateway({ sub: 'u', n: 3, g: ['a:reader'] })).toEqual({ sub: 'u', n: '3', g: '[a:reader]' });
  });
});
