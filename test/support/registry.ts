/**
 * The whole registry for integration tests: a fresh table, the real local server, the real handlers of
 * every route group (built with test deps), and tokens signed by a key made for the test file.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { exportJWK, generateKeyPair } from 'jose';
import { monotonicFactory } from 'ulid';
import { afterAll, beforeAll } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { openApiDocument } from '../../lib/api/openapi.js';
import type { Role } from '../../lib/auth/roles.js';
import { devKey, devVerifier, mintToken } from '../../lib/auth/dev-tokens.js';
import { tableApiKeyVerifier } from '../../lib/api-keys/verify.js';
import type { Deps, SinkRuntime } from '../../lib/deps.js';
import type { Settings } from '../../lib/config.js';
import { createLocalServer, type LambdaHandler } from '../../lib/local/server.js';
import { useTestTable, type TestTable } from './dynamo.js';

interface DocumentedOperation {
  regex: RegExp;
  method: string;
  /** Per documented status, the schema of its JSON body (absent when it documents none). */
  responses: Map<string, object | undefined>;
}
let documented: DocumentedOperation[] | undefined;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const bodyValidators = new Map<object, ValidateFunction>();

function operations(): DocumentedOperation[] {
  if (documented) return documented;
  const doc = openApiDocument(ROUTES) as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>> };
  // The body schemas name components as "#/components/...": resolve them in the document itself.
  ajv.addSchema({ $id: 'openapi', ...doc });
  documented = Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops).map(([m, op]) => ({
      regex: new RegExp(`^${template.replace(/\{[a-z_]+\}/g, '[^/]+')}$`),
      method: m.toUpperCase(),
      responses: new Map(
        Object.entries(op.responses).map(([status, r]) => {
          const schema = Object.values(r.content ?? {})[0]?.schema;
          return [status, schema && Object.keys(schema).length ? (JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')) as object) : undefined];
        }),
      ),
    })),
  );
  return documented;
}

/**
 * Every answer a test observes must be in the OpenAPI document for that operation, with a body its schema
 * accepts: the document is generated from the routes, their response contracts and the error classes, and
 * this keeps it (and the typed client, the CLI and the console built on it) from drifting from what the API answers.
 */
function assertDocumented(method: string, path: string, status: number, body: unknown): void {
  const pathname = path.split('?')[0]!;
  const op = operations().find((d) => d.method === method.toUpperCase() && d.regex.test(pathname));
  if (!op) return;
  if (!op.responses.has(String(status))) {
    throw new Error(`${method} ${pathname} answered ${status}, which the OpenAPI document does not list for that operation (${[...op.responses.keys()].join(', ')})`);
  }
  const schema = op.responses.get(String(status));
  if (!schema || typeof body !== 'object' || body === null) return;
  let validate = bodyValidators.get(schema);
  if (!validate) bodyValidators.set(schema, (validate = ajv.compile(schema)));
  if (!validate(body)) {
    throw new Error(`${method} ${pathname} answered ${status} with a body its OpenAPI schema refuses: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`);
  }
}

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
 * `sinks`: the deployment's sinks (a connector on real databases); its connector is closed at the end.
 * `table`: serve this table (e.g. one a test made in another design's layout) instead of a fresh one of schema.yaml.
 */
export function useRegistry(options: { now?: () => Date; settings?: Settings; devAdminToken?: boolean; keyFile?: string; sinks?: () => Promise<SinkRuntime>; requestTimeoutMs?: number; table?: TestTable } = {}): TestRegistry {
  const t = options.table ?? useTestTable();
  let server: Server;
  const r = {} as TestRegistry;
  beforeAll(async () => {
    const jwk = options.keyFile ? await devKey(options.keyFile) : { ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)), alg: 'ES256' };
    const ulid = monotonicFactory();
    const now = options.now ?? (() => new Date());
    r.deps = { dynamo: t.dynamo, tableName: t.tableName, now, newId: () => ulid(now().getTime()), ...(options.settings ? { settings: options.settings } : {}), ...(options.sinks ? { sinks: await options.sinks() } : {}) };
    r.tableName = t.tableName;
    server = createLocalServer({
      routes: ROUTES,
      ...(options.devAdminToken ? { devAdminToken: await mintToken(jwk, { user: 'dev-admin', memberships: [{ workspace: 'default', role: 'admin' }] }) } : {}),
      verifyToken: await devVerifier(jwk),
      verifyApiKey: tableApiKeyVerifier(r.deps),
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      loadHandler: async (group) => {
        const mod = (await import(`../../functions/${group}.ts`)) as { buildHandler(d: Deps): LambdaHandler };
        return mod.buildHandler(r.deps);
      },
    });
    // fetch keeps connections alive; a server that closes an idle one after Node's default 5 s can race a
    // request just sent on it (ECONNRESET) when a slow machine pauses between calls. Outlive the test file.
    server.keepAliveTimeout = 60_000;
    server.headersTimeout = 61_000;
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
      assertDocumented(method, path, res.status, body);
      return { status: res.status, headers: res.headers, body };
    };
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await r.deps?.sinks?.connector.close();
  });
  return r;
}
