/**
 * Every route group, assembled: the local server reads this list to dispatch requests, the CDK stack to
 * create API Gateway routes and one Lambda per group, and the OpenAPI generator to document them. Routes
 * themselves are defined in their group modules.
 */
import { group as audit } from './audit.js';
import { group as ccompat } from './ccompat.js';
import { group as consoleFiles } from './console.js';
import { group as docs } from './docs.js';
import { group as health } from './health.js';
import { group as migrations } from './migrations.js';
import { group as notifications } from './notifications.js';
import { group as payloads } from './payloads.js';
import { group as schemaRequests } from './schema-requests.js';
import { group as schemas } from './schemas.js';
import { group as workspaces } from './workspaces.js';
import type { Route, TableAccess } from '../lib/api/route.js';

const GROUPS = [health, docs, consoleFiles, schemas, workspaces, payloads, schemaRequests, migrations, audit, notifications, ccompat] as const;

export type RouteGroup = (typeof GROUPS)[number]['name'];

/**
 * How much of the table each group's function may touch, and whether it reaches the sinks (apply, apply
 * on approval); the CDK stack grants exactly this.
 */
export const ROUTE_GROUPS = Object.fromEntries(GROUPS.map((g) => [g.name, { access: g.access, sinks: g.sinks }])) as Record<RouteGroup, { access: TableAccess; sinks: boolean }>;

export const ROUTES: readonly Route<RouteGroup>[] = GROUPS.flatMap((g): Route<RouteGroup>[] => g.routes);
