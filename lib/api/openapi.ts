/**
 * The OpenAPI 3.1 document, generated from the route table and the same JSON Schemas that validate
 * requests, so the documentation cannot drift from what the API enforces.
 */
import type { Route } from './route.js';
import { TABLE_DESIGN } from '../generated/table.js';
import { contracts, type ContractName } from './contracts.js';

type Obj = Record<string, unknown>;

const problem = {
  description: 'An RFC 9457 problem',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

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

  const success = route.response ?? { status: 200 };
  const ref = success.contract ? { $ref: `#/components/schemas/${success.contract}` } : {};
  const schema = success.list
    ? { type: 'object', required: ['items', 'next_cursor'], properties: { items: { type: 'array', items: ref }, next_cursor: { type: ['string', 'null'] } } }
    : ref;
  const responses: Obj = {
    // A 204 carries no body.
    [String(success.status)]: success.status === 204 ? { description: 'Success' } : { description: 'Success', content: { 'application/json': { schema } } },
    '400': problem,
    '404': problem,
    '500': problem,
  };
  if (route.role !== 'public') Object.assign(responses, { '401': problem, '403': problem });
  if (route.body) Object.assign(responses, { '413': problem, '415': problem, '422': problem });

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

/** The document of the given routes (functions/routes.ts assembles them). */
export function openApiDocument(routes: readonly Route[]): Obj {
  const paths: Record<string, Obj> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
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
