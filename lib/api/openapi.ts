/**
 * The OpenAPI 3.1 document, generated from the route table and the same JSON Schemas that validate
 * requests, so the documentation cannot drift from what the API enforces.
 */
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RequestHeaderFieldsTooLargeError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
  type RegistryError,
} from '../errors.js';
import type { ErrorClass, Route } from './route.js';
import { TABLE_DESIGN } from '../generated/table.js';
import { contracts, type ContractName } from './contracts.js';

type Obj = Record<string, unknown>;

/**
 * The errors each kind of route may answer, by the classes the code throws (their statuses come from
 * lib/errors.ts, the map the handlers use): any route; any route that needs a token; any route with a
 * body; any write (conditional writes refuse a state the change does not apply to, or a lost race).
 */
const EVERY_ROUTE: ErrorClass[] = [BadRequestError, NotFoundError, MethodNotAllowedError, RequestHeaderFieldsTooLargeError, ServiceUnavailableError];
const WITH_TOKEN: ErrorClass[] = [UnauthorizedError, ForbiddenError];
const WITH_BODY: ErrorClass[] = [PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError];
const WRITES: ErrorClass[] = [ConflictError];

const PROBLEM_CONTENT = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } };

function problem(error: RegistryError): Obj {
  const retry = error.headers?.['Retry-After'] !== undefined || error.status === 429;
  return { description: `${error.title}: an RFC 9457 problem`, ...(retry ? { headers: RETRY_AFTER } : {}), content: PROBLEM_CONTENT };
}

/** Every error status the route may answer, each from the error class that carries it. */
function errorResponses(route: Route): Obj {
  const classes = [
    ...EVERY_ROUTE,
    ...(route.role === 'public' ? [] : WITH_TOKEN),
    ...(route.body ? WITH_BODY : []),
    ...(route.method === 'GET' ? [] : WRITES),
    ...(route.raises ?? []),
  ];
  const responses: Obj = {};
  for (const E of classes) {
    const error = new E('');
    responses[String(error.status)] = problem(error);
  }
  responses['500'] = { description: 'Internal error: an RFC 9457 problem; the details are logged', content: PROBLEM_CONTENT };
  return responses;
}

function queryParameters(name: ContractName): Obj[] {
  const c = contracts[name] as { properties: Record<string, Obj>; required?: readonly string[] };
  return Object.entries(c.properties).map(([n, schema]) => ({
    name: n,
    in: 'query',
    required: c.required?.includes(n) ?? false,
    schema,
    ...(schema.description ? { description: schema.description } : {}),
  }));
}

function operation(route: Route): Obj {
  const parameters: Obj[] = [];
  for (const m of route.path.matchAll(/\{([a-z_]+)\}/g)) parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  if (route.query) parameters.push(...queryParameters(route.query));
  for (const h of route.headers ?? []) parameters.push({ name: h.name, in: 'header', required: false, description: h.description, schema: { type: 'string' } });

  const success = route.response;
  const ref = success.contract ? { $ref: `#/components/schemas/${success.contract}` } : {};
  const schema = success.list
    ? { type: 'object', required: ['items', 'next_cursor'], properties: { items: { type: 'array', items: ref }, next_cursor: { type: ['string', 'null'] } } }
    : ref;
  const body = { content: { 'application/json': { schema } } };
  // A 204 carries no body.
  const responses: Obj = { [String(success.status)]: success.status === 204 ? { description: 'Success' } : { description: 'Success', ...body } };
  for (const alt of success.alternatives ?? []) {
    const schemas = alt.contracts?.map((c) => ({ $ref: `#/components/schemas/${c}` }));
    responses[String(alt.status)] = { description: alt.description, ...(schemas ? { content: { 'application/json': { schema: schemas.length === 1 ? schemas[0] : { anyOf: schemas } } } } : body) };
  }
  Object.assign(responses, errorResponses(route));

  return {
    operationId: route.operation,
    summary: route.summary,
    tags: [route.group],
    ...(route.role === 'public'
      ? { security: [] }
      : {
          security: [{ bearer: [] }],
          description:
            route.role === 'user'
              ? 'Requires a valid token; serves the caller\u2019s own data.'
              : `Requires the \`${route.role}\` role (or stronger) in the workspace of the resource. Callers outside that workspace get 404.`,
        }),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.body}` } } } } } : {}),
    responses,
  };
}

/**
 * The document of the given routes (functions/routes.ts assembles them). Routes of another API's wire
 * format (the Confluent-compatible API) are left out: that API is Confluent's, documented by Confluent,
 * with its own error bodies; README's "Confluent-compatible API" lists what differs.
 */
export function openApiDocument(routes: readonly Route[]): Obj {
  const paths: Record<string, Obj> = {};
  for (const route of routes.filter((r) => !r.wire)) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'schema-registry',
      version: TABLE_DESIGN.version,
      description: 'Versioned, immutable schemas and payloads validated once at write time, in one DynamoDB table.',
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT whose cognito:groups claim holds {workspace_id}:{role} groups.' },
      },
      schemas: {
        ...contracts,
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', required: ['path', 'message', 'keyword'], properties: { path: { type: 'string' }, message: { type: 'string' }, keyword: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
}
