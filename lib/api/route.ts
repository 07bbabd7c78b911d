/**
 * The route model. A route is defined once, in its group module under functions/: method, path, role,
 * contracts, success status and handler together. The local server, the CDK stack, the OpenAPI document
 * and the authorization test all read those definitions; the handler's body and query types come from
 * the contracts, so what is validated and what the code may read cannot drift apart.
 */
import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { principalFromEvent, type Principal } from '../auth/principal.js';
import type { Role } from '../auth/roles.js';
import type { RegistryError } from '../errors.js';
import { json, routeHandler, type HttpEvent, type HttpResult } from '../http/handler.js';
import { idParam, query as queryOf, workspaceParam } from '../http/params.js';
import type { ContractName, ContractTypes } from './contracts.js';
import { check, type ContractValidators } from './request-check.js';

export const API_PREFIX = '/api/v1';

/**
 * The wire format of a group that speaks another registry's API (the Confluent-compatible one): the
 * content type of its answers, its error bodies, the request media types it reads as JSON, and whether
 * HTTP Basic carries the token (for clients that can send nothing else).
 */
export interface WireFormat {
  readonly name: string;
  readonly contentType: string;
  readonly errorResponse: (error: unknown) => HttpResult;
  readonly jsonMediaTypes: readonly string[];
  readonly basicAuth: boolean;
}

/** The header of every create made safe to retry (lib/idempotency.ts), as its routes document it. */
export const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  description: 'Retries with the same key and body within 24 h answer the first response (with Idempotent-Replayed: true) and change nothing; the same key with another body is refused with 422.',
};

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * How much of the table a group's function may touch; the CDK stack grants exactly this. `read-write-delete`
 * adds deletes, for the one group whose records can be deleted (payloads).
 */
export type TableAccess = 'none' | 'describe' | 'read' | 'read-write' | 'read-write-delete';

/**
 * `public` routes need no token; `user` routes need any valid token (they serve the caller's own data);
 * the others need this role in the workspace of the resource (the service checks it, knowing the resource).
 */
export type RouteRole = 'public' | 'user' | Role;

type ContractType<N> = N extends ContractName ? ContractTypes[N] : undefined;

/** What a handler receives: the validated body and query, and the caller (verified before the handler runs, except on public routes). */
export interface RouteRequest<B extends ContractName | undefined, Q extends ContractName | undefined> {
  readonly event: HttpEvent;
  readonly context: Context;
  readonly body: ContractType<B>;
  readonly query: ContractType<Q>;
  /** The verified caller; reading it on a request without one answers 401. */
  readonly principal: Principal;
  /** The `{id}` path parameter; anything but a ULID is a 404. */
  readonly id: string;
  /** The `{workspace_id}` path parameter; anything but a workspace id is a 404. */
  readonly workspaceId: string;
  /** A request header, by its lower-case name. */
  header(name: string): string | undefined;
}

const REPLY = Symbol('reply');
type Reply = HttpResult & { [REPLY]: true };

/** A response other than the route's declared status with a JSON body: another status, or extra headers. */
export function reply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { ...json(status, body, headers), [REPLY]: true };
}

/** A response the handler built in full (HTML, a static file). */
export function rawReply(result: HttpResult): Reply {
  return { ...result, [REPLY]: true };
}

const isReply = (v: unknown): v is Reply => typeof v === 'object' && v !== null && REPLY in v;

/**
 * A request the authorization test makes as a caller with the route's role in workspace "acme".
 * Strings may name the test's fixtures as `<schema>`, `<payload>`, `<deletable_payload>` (one that a
 * route may delete), `<request>`, `<pending_request>` and `<notification>`; `{workspace_id}` in the path is acme.
 */
export interface RouteExample {
  path?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RouteSpec<S, B extends ContractName | undefined, Q extends ContractName | undefined> {
  method: Method;
  /** API Gateway path template, e.g. `/api/v1/schemas/{id}`. */
  path: string;
  /** Stable name for the OpenAPI operationId, e.g. `publishSchema`. */
  operation: string;
  role: RouteRole;
  summary: string;
  /** Contract names (lib/api/contracts.ts) of the JSON body and of the query string. */
  body?: B;
  query?: Q;
  /**
   * The success status and the contract of its body (a page of them when `list`); `alternatives`: other
   * success statuses the handler picks with `reply`, and when (with `contracts` when their body is not the main one).
   */
  response: { status: number; contract?: ContractName; list?: boolean; alternatives?: { status: number; description: string; contracts?: ContractName[] }[] };
  /**
   * Errors this route raises beyond those every route of its kind may (lib/api/openapi.ts lists those),
   * documented in OpenAPI with the status the error declares.
   */
  raises?: ErrorClass[];
  /** Request headers the route reads, documented in OpenAPI. */
  headers?: { name: string; description: string }[];
  example?: RouteExample;
  /** Returns the success body (sent with `response.status`), or a `reply`/`rawReply`. */
  handle: (request: RouteRequest<NoInfer<B>, NoInfer<Q>>, services: S) => Promise<unknown>;
}

/** A route as everything outside its group reads it. */
export interface Route<G extends string = string> extends Omit<RouteSpec<never, undefined, undefined>, 'handle' | 'body' | 'query'> {
  body?: ContractName;
  query?: ContractName;
  group: G;
  /** Set on the routes of a group that speaks another API (not in the OpenAPI document). */
  wire?: WireFormat;
}

export type ErrorClass = new (message: string) => RegistryError;

export type LambdaHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

export interface GroupSpec<N extends string, S, D> {
  /** The handler module `functions/<name>.ts` and the Lambda function that serves the group. */
  name: N;
  access: TableAccess;
  /**
   * The group applies migrations: its function gets the deployment's sink grants.
   * @default false
   */
  sinks?: boolean;
  /** The validators of the group's request contracts: `CONTRACTS` of lib/generated/contracts/group-<name>.ts. */
  contracts: ContractValidators;
  /** Builds what the handlers use, once per container. */
  services: (deps: D) => S | Promise<S>;
  /** The dependencies of the deployed function (its environment's clients, clock and ids). */
  deployedDeps: () => NoInfer<D>;
  /** Awaited before every request of a writing method (the design guard). */
  beforeWrite?: (services: S) => Promise<unknown>;
  /** The security headers of a group that serves pages: htmlSecurityHeaders with its Content-Security-Policy (built with the handler). */
  securityHeaders?: () => middy.MiddlewareObj<HttpEvent, HttpResult>;
  /** Another API's wire format instead of JSON with problem+json errors. @default - the registry's own */
  wire?: WireFormat;
}

export interface RouteGroup<N extends string, S, D> {
  name: N;
  access: TableAccess;
  sinks: boolean;
  routes: Route<N>[];
  /** Declares a route of this group. */
  route<B extends ContractName | undefined = undefined, Q extends ContractName | undefined = undefined>(spec: RouteSpec<S, B, Q>): void;
  /** The group's Lambda handler over the given dependencies. */
  buildHandler(deps: D): LambdaHandler;
  /** The deployed function's entry point: built on the first invocation, so importing the module costs nothing. */
  handler: LambdaHandler;
}

export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A handler with its request type erased: the group only routes to it; `route()` checked the types. */
type StoredHandle<S> = (request: never, services: S) => Promise<unknown>;

export function routeGroup<N extends string, S, D>(spec: GroupSpec<N, S, D>): RouteGroup<N, S, D> {
  const routes: Route<N>[] = [];
  const handles = new Map<string, { route: Route<N>; handle: StoredHandle<S> }>();
  let deployed: LambdaHandler | undefined;
  const buildHandler = (deps: D): LambdaHandler => {
    let services: Promise<S> | undefined;
    const ready = () => (services ??= Promise.resolve(spec.services(deps)));
    const dispatch = Object.fromEntries(
      [...handles].map(([key, { route, handle }]) => [
        key,
        async (event: HttpEvent, context: Context) => {
          const s = await ready();
          if (spec.beforeWrite && !READ_METHODS.has(event.requestContext.http.method)) await spec.beforeWrite(s);
          const result = await handle((await requestOf(spec.contracts, route, event, context)) as never, s);
          return isReply(result) ? withoutBrand(result) : json(route.response.status, result, spec.wire ? { 'Content-Type': spec.wire.contentType } : {});
        },
      ]),
    );
    return routeHandler(dispatch, {
      ...(spec.securityHeaders ? { securityHeaders: spec.securityHeaders() } : {}),
      ...(spec.wire ? { errorResponse: spec.wire.errorResponse, jsonMediaTypes: spec.wire.jsonMediaTypes } : {}),
    });
  };
  return {
    name: spec.name,
    access: spec.access,
    sinks: spec.sinks ?? false,
    routes,
    route({ handle, ...described }) {
      const route: Route<N> = { ...described, group: spec.name, ...(spec.wire ? { wire: spec.wire } : {}) };
      routes.push(route);
      handles.set(routeKey(route), { route, handle: handle as StoredHandle<S> });
    },
    buildHandler,
    handler: (event, context) => (deployed ??= buildHandler(spec.deployedDeps()))(event, context),
  };
}

function withoutBrand(r: Reply): HttpResult {
  const { [REPLY]: _brand, ...result } = r;
  return result;
}

async function requestOf(contracts: ContractValidators, route: Route, event: HttpEvent, context: Context): Promise<RouteRequest<undefined, undefined>> {
  // A parameter the route does not read is refused as an unknown body field is, not ignored. The console's
  // pages are the exception: a sign-in redirect brings the identity provider's parameters to them.
  const query = route.query ? await check(contracts, route.query, queryOf(event), 'query') : route.path.startsWith(API_PREFIX) ? await check(contracts, 'NoQuery', queryOf(event), 'query') : undefined;
  const body = route.body ? await check(contracts, route.body, event.body) : undefined;
  // Only public routes may serve a caller without a valid token, whether or not the handler reads it.
  const caller = route.role === 'public' ? undefined : principalFromEvent(event);
  return {
    event,
    context,
    body: body as undefined,
    query: query as undefined,
    get principal() {
      return caller ?? principalFromEvent(event);
    },
    get id() {
      return idParam(event);
    },
    get workspaceId() {
      return workspaceParam(event);
    },
    header: (name) => event.headers[name],
  };
}
