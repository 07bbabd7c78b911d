/**
 * The local HTTP front door: turns each request into the API Gateway HTTP API event (payload format 2.0)
 * that the deployed API would send, and invokes the real Lambda handler of its route. Tokens are verified
 * here, as the API Gateway JWT authorizer does when deployed, so handlers never know the difference.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { BadRequestError, MethodNotAllowedError, NotFoundError, PayloadTooLargeError, RegistryError, UnauthorizedError } from '../errors.js';
import { bearerToken } from '../auth/bearer.js';
import { tokenOfBearerOrBasic } from '../auth/basic.js';
import { isApiKey } from '../api-keys/key.js';
import { problemResponse } from '../http/problem.js';
import { routeKey, type Route } from '../api/route.js';
import { LruCache } from '../util/lru.js';
import { answerClientError } from './client-error.js';
import { DEV_ADMIN_TOKEN_PATH, serveDevAdminToken } from './dev-admin-token.js';

export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface LocalServerOptions {
  routes: readonly Route[];
  /** Loads the handler of a route group (the module `functions/<group>.ts`). */
  loadHandler: (group: string) => Promise<LambdaHandler>;
  /** Verifies a bearer token and returns its claims; throws when it is invalid. */
  verifyToken?: (token: string) => Promise<Record<string, unknown>>;
  /** Verifies an API key on the routes that accept HTTP Basic, as the deployed Lambda authorizer does. */
  verifyApiKey?: (key: string) => Promise<Record<string, unknown>>;
  /** `npm start` only: the admin token the console's one-click sign-in receives (see dev-admin-token.ts). */
  devAdminToken?: string;
  /** The deadline each request's Lambda context reports. @default REQUEST_TIMEOUT_MS */
  requestTimeoutMs?: number;
}

/** API Gateway's own limit on a request body. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  params: string[];
}

function compile(route: Route): CompiledRoute {
  const params: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([a-z_]+)\\?\}/g, (_m, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return { route, regex: new RegExp(`^${source}$`), params };
}

/** HTTP API hands claims to Lambda as strings; arrays arrive as "[a b]". Reproduce that exactly. */
export function claimsAsApiGateway(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(claims)) out[k] = Array.isArray(v) ? `[${v.join(' ')}]` : String(v);
  return out;
}

/**
 * Past this many bytes of one request the rest is no longer read: the 413 is sent and the connection
 * closed (which may reset it). Up to it, an oversized body is read and discarded, so the client, still
 * sending, gets the answer instead of a reset.
 */
const MAX_DRAINED_BYTES = 8 * MAX_REQUEST_BYTES;

const tooLarge = () => new PayloadTooLargeError(`request body is larger than ${MAX_REQUEST_BYTES} bytes (API Gateway's limit); send less or store a reference`);

/** The body, or a PayloadTooLargeError once it is known to exceed MAX_REQUEST_BYTES (see MAX_DRAINED_BYTES). */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_DRAINED_BYTES) {
      res.shouldKeepAlive = false;
      return reject(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(c);
      else if (size > MAX_DRAINED_BYTES) {
        res.shouldKeepAlive = false;
        req.pause();
        reject(tooLarge());
      }
    });
    req.on('end', () => {
      if (size > MAX_REQUEST_BYTES) {
        res.shouldKeepAlive = false;
        reject(tooLarge());
      } else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** The path and query of the request target; a target no URL parser can read is a 400, not a crash. */
function parseTarget(target: string): URL {
  try {
    // Only origin-form targets ("/path?query") are served; anything else names no route.
    if (!target.startsWith('/') || target.startsWith('//')) throw new TypeError('not origin-form');
    return new URL(`http://localhost${target}`);
  } catch {
    throw new BadRequestError(`the request target ${JSON.stringify(target.slice(0, 80))} is not a path this server can read; send an origin-form target such as /api/v1/health`);
  }
}

/** API Gateway's integration timeout: the deployed API answers 504 after it, whatever the function does. */
export const REQUEST_TIMEOUT_MS = 29_000;

function lambdaContext(group: string, requestId: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `local-${group}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:local-${group}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/local-${group}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string | string[]> = {};
  // middy's security headers mark headers to drop (e.g. Server) with undefined values.
  for (const [k, v] of Object.entries(result.headers ?? {})) if (v !== undefined) headers[k] = String(v);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode ?? 200, headers);
  // A string body leaves with the headers in one socket write; a Buffer would be a second chunk (writev).
  if (result.body === undefined) res.end();
  else if (result.isBase64Encoded) res.end(Buffer.from(result.body, 'base64'));
  else res.end(result.body, 'utf8');
}

/** Verified tokens remembered by one server (each a few hundred bytes). */
const VERIFIED_TOKENS = 1000;

/**
 * `verify`, remembering each token it accepted until the token's `exp`. Deployed, API Gateway's JWT
 * authorizer verifies tokens outside the function; verifying the signature again on every request (an
 * ES256 check is most of the local server's own cost per request) would make local runs measure work
 * the deployed function never does. A token is immutable, so its verdict only changes when it expires;
 * one without `exp` is verified every time.
 */
function rememberVerified(verify: (token: string) => Promise<Record<string, unknown>>): (token: string) => Promise<Record<string, unknown>> {
  const verified = new LruCache<string, { claims: Record<string, unknown>; expiresAtMs: number }>(VERIFIED_TOKENS);
  return async (token) => {
    const known = verified.get(token);
    // As jose reads `exp`: expired once the current second reaches it.
    if (known && known.expiresAtMs > Date.now()) return known.claims;
    const claims = await verify(token);
    if (typeof claims.exp === 'number') verified.set(token, { claims, expiresAtMs: claims.exp * 1000 });
    return claims;
  };
}

export function createLocalServer(options: LocalServerOptions): Server {
  const compiled = options.routes.map(compile);
  // A remembered token's claims are one object, converted once rather than on each of its requests.
  const converted = new WeakMap<Record<string, unknown>, Record<string, string>>();
  const gatewayClaims = (claims: Record<string, unknown>) => {
    let strings = converted.get(claims);
    if (!strings) converted.set(claims, (strings = claimsAsApiGateway(claims)));
    return strings;
  };
  const verifyToken = options.verifyToken && rememberVerified(options.verifyToken);
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const handlerFor = (group: string) => {
    let h = handlers.get(group);
    if (!h) handlers.set(group, (h = options.loadHandler(group)));
    return h;
  };

  const server = createServer(async (req, res) => {
    const requestId = randomUUID();
    const method = (req.method ?? 'GET').toUpperCase();
    let instance: string | undefined;
    let matched: Route | undefined;
    try {
      const url = parseTarget(req.url ?? '/');
      instance = url.pathname;
      if (options.devAdminToken && url.pathname === DEV_ADMIN_TOKEN_PATH) return serveDevAdminToken(req, res, options.devAdminToken);
      const match = compiled.find((c) => c.route.method === method && c.regex.test(url.pathname));
      if (!match) {
        const matches = compiled.filter((c) => c.regex.test(url.pathname));
        if (matches.length) {
          const allow = matches.map((m) => m.route.method).join(', ');
          throw new MethodNotAllowedError(`${method} is not allowed on ${url.pathname}; use ${allow}`, { headers: { Allow: allow } });
        }
        throw new NotFoundError(`no route for ${method} ${url.pathname}`);
      }
      matched = match.route;
      const values = match.regex.exec(url.pathname)!.slice(1);
      let pathParameters: Record<string, string>;
      try {
        pathParameters = Object.fromEntries(match.params.map((p, i) => [p, decodeURIComponent(values[i]!)]));
      } catch {
        throw new BadRequestError(`the path ${url.pathname} has malformed percent-encoding`);
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined && k !== 'cookie') headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
      }
      // No prototype: a parameter named __proto__ must reach the handler (and be refused there), not vanish.
      const query: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
      const body = await readBody(req, res);
      const key = routeKey(match.route);
      const now = new Date();
      const event: APIGatewayProxyEventV2 = {
        version: '2.0',
        routeKey: key,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
        ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
        ...(match.params.length ? { pathParameters } : {}),
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: req.headers.host ?? 'localhost',
          domainPrefix: 'local',
          http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: req.headers['user-agent'] ?? '' },
          requestId,
          routeKey: key,
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
        },
        isBase64Encoded: false,
        ...(body.length ? { body: body.toString('utf8') } : {}),
      };
      if (match.route.role !== 'public') {
        if (!verifyToken) throw new UnauthorizedError('this server has no token verifier');
        const basic = match.route.wire?.basicAuth;
        const token = basic ? tokenOfBearerOrBasic(headers.authorization) : bearerToken(headers.authorization);
        let claims: Record<string, unknown>;
        try {
          // API keys are never remembered: a revocation holds from the next request.
          claims = await (basic && options.verifyApiKey && isApiKey(token) ? options.verifyApiKey(token) : verifyToken(token));
        } catch (e) {
          throw new UnauthorizedError(`invalid token: ${(e as Error).message}`, { bearerError: 'invalid_token' });
        }
        (event.requestContext as unknown as Record<string, unknown>).authorizer = { jwt: { claims: gatewayClaims(claims), scopes: null } };
      }
      const handler = await handlerFor(match.route.group);
      send(res, await handler(event, lambdaContext(match.route.group, requestId, options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS)));
    } catch (e) {
      // The body stopped arriving: the client left, or the parser refused its framing and answered (clientError).
      if ((e as NodeJS.ErrnoException).code === 'ECONNRESET') return;
      if (!(e instanceof RegistryError)) console.error(`[local] ${method} ${instance ?? req.url} failed`, e);
      // A request refused before its body was read: the body would be parsed as the next request.
      if (!req.complete) res.shouldKeepAlive = false;
      send(res, matched?.wire ? matched.wire.errorResponse(e) : problemResponse(e, instance));
    }
  });
  return server.on('clientError', answerClientError);
}
