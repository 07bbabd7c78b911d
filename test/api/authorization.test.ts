/**
 * Every protected route of the route table, with no token, a bad token, a token for another workspace,
 * and a role one step too low. Each request is the route's own example; a route whose example does not
 * succeed for its role fails the first test.
 */
import { SignJWT, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { routeKey, type Route } from '../../lib/api/route.js';
import { ROLES } from '../../lib/auth/roles.js';
import { createSinkConnector } from '../../lib/sinks/index.js';
import type { Deps } from '../../lib/deps.js';
import type { LambdaHandler } from '../../lib/local/server.js';
import { useRegistry } from '../support/registry.js';

// The embedded default sink, so apply, rollback and the sink routes succeed for real.
const reg = useRegistry({ sinks: async () => ({ connector: createSinkConnector({ env: {}, embeddedDataDir: 'memory://' }), defaultSink: { kind: 'embedded', dir: 'memory://' }, grants: {} }) });
const ids = { schema: '', payload: '', deletablePayload: '', request: '', pendingRequest: '', notification: '', ccompatId: '', apiKey: '' };

/** The route's example request (defined beside the route), with the fixtures below filled in. */
function requestFor(route: Route): { path: string; body?: unknown; headers?: Record<string, string> } {
  const fixtures: Record<string, string> = {
    schema: ids.schema,
    payload: ids.payload,
    deletable_payload: ids.deletablePayload,
    request: ids.request,
    pending_request: ids.pendingRequest,
    notification: ids.notification,
    ccompat_id: ids.ccompatId,
    api_key: ids.apiKey,
  };
  const fill = (text: string) => text.replace(/<([a-z_]+)>/g, (_m, name: string) => fixtures[name] ?? _m);
  const example = route.example ?? {};
  const params: Record<string, string> = { workspace_id: 'acme', ...example.path };
  const path = route.path.replace(/\{([a-z_]+)\}/g, (_m, name: string) => fill(params[name] ?? `{${name}}`));
  const query = new URLSearchParams(Object.entries(example.query ?? {}).map(([k, v]): [string, string] => [k, fill(v)])).toString();
  return {
    path: query ? `${path}?${query}` : path,
    ...(example.body !== undefined ? { body: JSON.parse(fill(JSON.stringify(example.body))) } : {}),
    ...(example.headers ? { headers: example.headers } : {}),
  };
}

const protectedRoutes = ROUTES.filter((r) => r.role !== 'public');
const cases = protectedRoutes.map((r) => [routeKey(r), r] as const);
/** Routes bound to a workspace role (the others serve the caller's own data with any valid token). */
const workspaceCases = cases.filter(([, r]) => r.role !== 'user');

beforeAll(async () => {
  const admin = await reg.token('ada', { acme: 'admin' });
  const v = await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'authz', definition: { type: 'object' } } });
  ids.schema = v.body.id;
  const p = await reg.call('POST', '/api/v1/payloads', { token: admin, body: { schema_ref: ids.schema, data: {} } });
  ids.payload = p.body.id;
  const deletable = await reg.call('POST', '/api/v1/payloads', { token: admin, body: { schema_ref: ids.schema, data: {} } });
  ids.deletablePayload = deletable.body.id;
  const requester = await reg.token('member', { acme: 'writer' });
  const r = await reg.call('POST', '/api/v1/schema-requests', { token: requester, body: { workspace_id: 'acme', schema_name: 'authz_request', definition: { type: 'object', properties: { id: { type: 'string' } } } } });
  ids.request = r.body.id;
  // A notification for "member": approving the request notifies its requester.
  await reg.call('PATCH', `/api/v1/schema-requests/${ids.request}`, { token: admin, body: { status: 'approved' } });
  const n = await reg.call('GET', '/api/v1/notifications', { token: requester });
  ids.notification = n.body.items[0].id;
  const pending = await reg.call('POST', '/api/v1/schema-requests', { token: requester, body: { workspace_id: 'acme', schema_name: 'authz_pending', definition: { type: 'object' } } });
  ids.pendingRequest = pending.body.id;
  // The Confluent-compatible routes: an integer id, and subjects their delete examples may delete.
  const register = (subject: string) => reg.call('POST', `/apis/ccompat/v7/subjects/:.acme:${subject}/versions`, { token: admin, body: { schema: '{"type":"object"}', schemaType: 'JSON' } });
  ids.ccompatId = String((await register('authz')).body.id);
  await register('authz_ccompat_subject');
  await register('authz_ccompat_version');
  ids.apiKey = (await reg.call('POST', '/api/v1/workspaces/acme/api-keys', { token: admin, body: { name: 'authz', role: 'reader' } })).body.id;
});

describe('authorization on every protected route', () => {
  it('succeeds with the required role (the requests below are real)', async () => {
    for (const route of protectedRoutes) {
      // Nobody applies or rolls back their own request ("member" made it), whatever their role.
      const user = route.group === 'migrations' ? 'member-reviewer' : 'member';
      const token = await reg.token(user, route.role === 'user' ? {} : { acme: route.role as (typeof ROLES)[number] });
      const { path, body, headers } = requestFor(route);
      const res = await reg.call(route.method, path, { token, body, headers });
      expect(res.status, `${routeKey(route)}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }
  });

  it.each(cases)('%s answers 401 without a token', async (_k, route) => {
    const { path, body, headers } = requestFor(route);
    const res = await reg.call(route.method, path, { body, headers });
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
    const { path, body, headers } = requestFor(route);
    expect((await reg.call(route.method, path, { token: forged, body, headers })).status).toBe(401);
  });

  it.each(workspaceCases)('%s answers 404 to a member of another workspace only', async (_k, route) => {
    const token = await reg.token('outsider', { globex: 'admin' });
    const { path, body, headers } = requestFor(route);
    const res = await reg.call(route.method, path, { token, body, headers });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('authz');
  });

  it.each(workspaceCases.filter(([, r]) => r.role !== 'reader'))('%s answers 403 to a role one step too low', async (_k, route) => {
    const lower = ROLES[ROLES.indexOf(route.role as (typeof ROLES)[number]) - 1]!;
    const token = await reg.token('junior', { acme: lower });
    const { path, body, headers } = requestFor(route);
    const res = await reg.call(route.method, path, { token, body, headers });
    expect(res.status).toBe(403);
    // Confluent-compatible routes answer Confluent's error body, whose text is its `message`.
    expect(route.wire ? res.body.message : res.body.detail).toContain(`needs the ${route.role} role`);
  });
});

/**
 * Deployed, API Gateway's JWT authorizer refuses a missing or malformed Authorization header itself; a
 * function is still never to answer one with an empty body, should an event reach it without the claims
 * the authorizer adds (a route deployed without the authorizer) or with claims that name nobody.
 */
describe('handlers given API Gateway events without valid authorizer claims', () => {
  const invoke = async (route: Route, authorizer: unknown) => {
    const { path, body } = requestFor(route);
    const url = new URL(path, 'http://x');
    const mod = (await import(`../../functions/${route.group}.ts`)) as { buildHandler(d: Deps): LambdaHandler };
    const event = {
      version: '2.0',
      routeKey: routeKey(route),
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers: { authorization: 'Bearer a b', 'content-type': 'application/json' },
      ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
      pathParameters: Object.fromEntries(route.path.split('/').flatMap((seg, i) => (/^\{(.+)\}$/.test(seg) ? [[seg.slice(1, -1), url.pathname.split('/')[i]!]] : []))),
      requestContext: { http: { method: route.method, path: url.pathname }, routeKey: routeKey(route), ...(authorizer ? { authorizer } : {}) },
      isBase64Encoded: false,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    };
    return mod.buildHandler(reg.deps)(event as never, {} as never);
  };

  it.each(cases)('%s answers 401 problem+json with a WWW-Authenticate challenge', async (_k, route) => {
    for (const [authorizer, challenge] of [
      [undefined, 'Bearer'],
      [{ jwt: { claims: { 'cognito:groups': '[acme:admin]' }, scopes: null } }, 'Bearer error="invalid_token"'],
    ] as const) {
      const res = await invoke(route, authorizer);
      expect(res.statusCode).toBe(401);
      expect(res.headers?.['WWW-Authenticate']).toBe(challenge);
      if (route.wire) {
        expect(res.headers?.['Content-Type']).toBe(route.wire.contentType);
        expect(JSON.parse(String(res.body))).toEqual({ error_code: 40101, message: expect.stringContaining('subject') });
      } else {
        expect(res.headers?.['Content-Type']).toBe('application/problem+json');
        expect(JSON.parse(String(res.body))).toMatchObject({ status: 401, title: 'Unauthorized', detail: expect.stringContaining('subject') });
      }
    }
  });
});
