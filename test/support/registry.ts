/**
 * The whole registry for integration tests: a fresh table, the real local server, the real handlers of
 * every route group (built with test deps), and tokens signed by a key made for the test file.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import { monotonicFactory } from 'ulid';
import { afterAll, beforeAll } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import type { Role } from '../../lib/auth/roles.js';
import { devKey, devVerifier, mintToken } from '../../lib/auth/dev-tokens.js';
import type { Deps } from '../../lib/deps.js';
import type { Settings } from '../../lib/config.js';
import { createLocalServer, type LambdaHandler } from '../../lib/local/server.js';
import { useTestTable } from './dynamo.js';

export interface TestRegistry {
  base: string;
  deps: Deps;
  tableName: string;
  token(user: string, memberships: Record<string, Role>): Promise<string>;
  /** fetch with JSON in and out; `token` adds the Authorization header. */
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: any }>;
}

/**
 * `devAdminToken`: serve the console's one-click admin token, as `npm start` does (user dev-admin, admin of default).
 * `keyFile`: sign and verify with the dev key kept there (created if missing), as `npm start` does with .data/.
 */
export function useRegistry(options: { now?: () => Date; settings?: Settings; devAdminToken?: boolean; keyFile?: string } = {}): TestRegistry {
  const t = useTestTable();
  let server: Server;
  const r = {} as TestRegistry;
  beforeAll(async () => {
    const jwk = options.keyFile ? await devKey(options.keyFile) : { ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)), alg: 'ES256' };
    const ulid = monotonicFactory();
    const now = options.now ?? (() => new Date());
    r.deps = { dynamo: t.dynamo, tableName: t.tableName, now, newId: () => ulid(now().getTime()), ...(options.settings ? { settings: options.settings } : {}) };
    r.tableName = t.tableName;
    server = createLocalServer({
      routes: ROUTES,
      ...(options.devAdminToken ? { devAdminToken: await mintToken(jwk, { user: 'dev-admin', memberships: [{ workspace: 'default', role: 'admin' }] }) } : {}),
      verifyToken: await devVerifier(jwk),
      loadHandler: async (group) => {
        const mod = (await import(`../../functions/${group}.ts`)) as { buildHandler(d: Deps): LambdaHandler };
        return mod.buildHandler(r.deps);
      },
    });
    // Tests run PGlite in this process, which can block the event loop past Node's 5 s keep-alive timeout:
    // the server then closes an idle connection just as fetch reuses it (ECONNRESET). Keep them open longer.
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    r.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    r.token = (user, memberships) =>
      mintToken(jwk, { user, memberships: Object.entries(memberships).map(([workspace, role]) => ({ workspace, role })) });
    r.call = async (method, path, o = {}) => {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (o.body !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(`${r.base}${path}`, { method, headers, ...(o.body !== undefined ? { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) } : {}) });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON (e.g. the HTML docs page): keep the text.
      }
      return { status: res.status, headers: res.headers, body };
    };
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));
  return r;
}
