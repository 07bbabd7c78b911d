/**
 * The one route table. The local server reads it to dispatch requests, the CDK stack to create API
 * Gateway routes and one Lambda per group, and the OpenAPI generator to document them. No second list.
 */

/** Roles within a workspace, weakest first; each includes the ones before it. */
export const ROLES = ['reader', 'writer', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  method: Method;
  /** API Gateway path template, e.g. `/api/v1/schemas/{id}`. */
  path: string;
  /** Route group: the handler module `functions/<group>.ts` and the Lambda function that serves it. */
  group: RouteGroup;
  /** `public` routes need no token; the others need this role in the workspace of the resource. */
  role: 'public' | Role;
  summary: string;
}

/** How much of the table each group's function may touch; the CDK stack grants exactly this. */
export const ROUTE_GROUPS = {
  health: { access: 'describe' },
} as const satisfies Record<string, { access: 'describe' | 'read' | 'read-write' }>;
export type RouteGroup = keyof typeof ROUTE_GROUPS;

export const API_PREFIX = '/api/v1';

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: `${API_PREFIX}/health`, group: 'health', role: 'public', summary: 'Table status and the schema.yaml version the registry runs' },
];

/** API Gateway's routeKey for a route, e.g. `GET /api/v1/health`. */
export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;
