import { connect, type AddressInfo } from 'node:net';
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

  it('answers every malformed Authorization header with a 401 problem saying what is wrong, never echoing it', async () => {
    const cases: [string, RegExp][] = [
      ['Bearer', /no token after "Bearer"/],
      ['Bearer   ', /no token after "Bearer"/],
      ['Bearer a b', /2 words after "Bearer"/],
      ['Basic c2VjcmV0OnBhc3N3b3Jk', /the scheme "Basic", not Bearer/],
      // npm's banner captured with the token, on one line (as `echo $TOKEN` unquoted would pass it on).
      ['Bearer > schema-registry@0.1.0 token > tsx scripts/token.ts --user ada eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln', /npm run -s token/],
    ];
    for (const [header, detail] of cases) {
      const res = await fetch(`${base}/api/v1/echo/x`, { headers: { authorization: header } });
      expect(res.status, header).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_request"');
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ status: 401, title: 'Unauthorized', detail: expect.stringMatching(detail), instance: '/api/v1/echo/x' });
      expect(text).not.toContain('c2VjcmV0');
      expect(text).not.toContain('c2ln');
    }
    const bad = await fetch(`${base}/api/v1/echo/x`, { headers: { authorization: 'Bearer forged' } });
    expect(bad.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    // A token without "Bearer " is a token, as API Gateway's JWT authorizer takes it.
    expect((await fetch(`${base}/api/v1/echo/x`, { headers: { authorization: 'good' } })).status).toBe(200);
    const bare = await fetch(`${base}/api/v1/echo/x`, { headers: { authorization: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln' } });
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  /** Sends `request` as raw bytes (fetch refuses line breaks in header values) and reads the whole answer. */
  const raw = (request: string) =>
    new Promise<{ status: number; headers: string; body: string }>((resolve, reject) => {
      const socket = connect(Number(new URL(base).port), '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('error', reject);
      socket.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const [head = '', body = ''] = text.split('\r\n\r\n');
        resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body });
      });
      socket.end(request);
    });

  it('answers a token captured with npm\'s banner (line breaks in Authorization) with a 401 problem, not an empty 400', async () => {
    const captured = '\n> schema-registry@0.1.0 token\n> tsx scripts/token.ts --user ada\n\neyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln';
    const res = await raw(`GET /api/v1/echo/x HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\nauthorization: Bearer ${captured}\r\n\r\n`);
    expect(res.status).toBe(401);
    expect(res.headers).toContain('content-type: application/problem+json');
    expect(res.headers).toContain('www-authenticate: bearer error="invalid_request"');
    expect(JSON.parse(res.body)).toMatchObject({ status: 401, detail: expect.stringContaining('TOKEN=$(npm run -s token -- ...)'), instance: '/api/v1/echo/x' });
    expect(res.body).not.toContain('c2ln');
  });

  it('answers other requests the HTTP parser refuses with a 400 problem naming the header', async () => {
    const res = await raw('GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nx-note: one\ntwo\r\n\r\n');
    expect(res.status).toBe(400);
    expect(res.headers).toContain('content-type: application/problem+json');
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, detail: expect.stringContaining('the x-note header is malformed') });
    const garbage = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body)).toMatchObject({ status: 400, detail: expect.stringContaining('not well-formed HTTP/1.1') });
    const huge = await raw(`GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.body)).toMatchObject({ status: 431, title: 'Request header fields too large' });
  });
});

describe('token verification in the local server', () => {
  it('verifies a token once until its exp, as a deployed function never pays for it, and refuses it once expired', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    let verifications = 0;
    const local = createLocalServer({
      routes: [echoRoute],
      loadHandler: async () => (async () => ({ statusCode: 200, body: '{}' })) as LambdaHandler,
      // As jose checks: the signature (here, the token's text), then exp against the clock.
      verifyToken: async (token) => {
        verifications++;
        if (token !== 'short-lived' && token !== 'no-exp') throw new Error('signature verification failed');
        if (token === 'no-exp') return { sub: 'bob', 'cognito:groups': ['acme:reader'] };
        if (expiresAt * 1000 <= Date.now()) throw new Error('"exp" claim timestamp check failed');
        return { sub: 'alice', exp: expiresAt, 'cognito:groups': ['acme:reader'] };
      },
    });
    await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(local.address() as AddressInfo).port}/api/v1/echo/x`;
    const get = (token: string) => fetch(url, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    try {
      expect([await get('short-lived'), await get('short-lived'), await get('short-lived')]).toEqual([200, 200, 200]);
      expect(verifications).toBe(1);
      expect([await get('no-exp'), await get('no-exp')]).toEqual([200, 200]);
      expect(verifications).toBe(3);
      expect(await get('forged')).toBe(401);
      await new Promise((r) => setTimeout(r, expiresAt * 1000 - Date.now() + 50));
      expect(await get('short-lived')).toBe(401);
    } finally {
      await new Promise<void>((r) => local.close(() => r()));
    }
  });
});
