/**
 * Every protected route of the route table, with no token, a bad token, a token for another workspace,
 * and a role one step too low. A route added to the table without a request here fails the first test.
 */
import { SignJWT, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, ROUTES, routeKey, type Route } from '../../functions/routes.js';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();
const ids = { schema: '', payload: '' };

/** A request that would succeed for a caller with the route's role in workspace acme. */
function requestFor(route: Route): { path: string; body?: unknown } {
  const path = route.path.replace('{id}', route.path.startsWith('/api/v1/payloads') ? ids.payload : ids.schema).replace('{workspace_id}', 'acme');
  switch (routeKey(route)) {
    case 'PATCH /api/v1/schemas/{id}':
      return { path, body: { state: 'active' } };
    case 'GET /api/v1/schemas/{id}/diff':
      return { path: `${path}?against=${ids.schema}` };
    case 'PUT /api/v1/schemas/{id}/config':
      return { path, body: { compatibility: 'BACKWARD' } };
    case 'PUT /api/v1/workspaces/{workspace_id}/config':
      return { path, body: { compatibility: 'BACKWARD' } };
    case 'POST /api/v1/schemas':
      return { path, body: { workspace_id: 'acme', name: 'authz_new', definition: { type: 'object' } } };
    case 'GET /api/v1/schemas':
      return { path: `${path}?workspace_id=acme` };
    case 'POST /api/v1/payloads':
      return { path, body: { schema_ref: ids.schema, data: {} } };
    case 'GET /api/v1/payloads':
      return { path: `${path}?schema_ref=${ids.schema}` };
    default:
      return { path };
  }
}

const protectedRoutes = ROUTES.filter((r) => r.role !== 'public');
const cases = protectedRoutes.map((r) => [routeKey(r), r] as const);

beforeAll(async () => {
  const admin = await reg.token('ada', { acme: 'admin' });
  const v = await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'authz', definition: { type: 'object' } } });
  ids.schema = v.body.id;
  const p = await reg.call('POST', '/api/v1/payloads', { token: admin, body: { schema_ref: ids.schema, data: {} } });
  ids.payload = p.body.id;
});

describe('authorization on every protected route', () => {
  it('succeeds with the required role (the requests below are real)', async () => {
    for (const route of protectedRoutes) {
      const token = await reg.token('member', { acme: route.role as (typeof ROLES)[number] });
      const { path, body } = requestFor(route);
      const res = await reg.call(route.method, path, { token, body });
      expect(res.status, `${routeKey(route)}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }
  });

  it.each(cases)('%s answers 401 without a token', async (_k, route) => {
    const { path, body } = requestFor(route);
    const res = await reg.call(route.method, path, { body });
    expect(res.status).toBe(401);
  });

  it.each(cases)('%s answers 401 with a token signed by another key', async (_k, route) => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ 'cognito:groups': ['acme:admin'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('mallory')
      .setIssuer('schema-registry-local')
      .setAudience('schema-registry')
      .setExpirationTime('1h')
      .sign(privateKey);
    const { path, body } = requestFor(route);
    expect((await reg.call(route.method, path, { token: forged, body })).status).toBe(401);
  });

  it.each(cases)('%s answers 404 to a member of another workspace only', async (_k, route) => {
    const token = await reg.token('outsider', { globex: 'admin' });
    const { path, body } = requestFor(route);
    const res = await reg.call(route.method, path, { token, body });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('authz');
  });

  it.each(cases.filter(([, r]) => r.role !== 'reader'))('%s answers 403 to a role one step too low', async (_k, route) => {
    const lower = ROLES[ROLES.indexOf(route.role as (typeof ROLES)[number]) - 1]!;
    const token = await reg.token('junior', { acme: lower });
    const { path, body } = requestFor(route);
    const res = await reg.call(route.method, path, { token, body });
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain(`needs the ${route.role} role`);
  });
});
