/**
 * The one route table. The local server reads it to dispatch requests, the CDK stack to create API
 * Gateway routes and one Lambda per group, and the OpenAPI generator to document them. No second list.
 */

import type { ContractName } from '../lib/api/contracts.js';

/** Roles within a workspace, weakest first; each includes the ones before it. */
export const ROLES = ['reader', 'writer', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  method: Method;
  /** Stable name for the OpenAPI operationId, e.g. `publishSchema`. */
  operation: string;
  /** API Gateway path template, e.g. `/api/v1/schemas/{id}`. */
  path: string;
  /** Route group: the handler module `functions/<group>.ts` and the Lambda function that serves it. */
  group: RouteGroup;
  /**
   * `public` routes need no token; `user` routes need any valid token (they serve the caller's own data);
   * the others need this role in the workspace of the resource.
   */
  role: 'public' | 'user' | Role;
  summary: string;
  /** Contract names (lib/api/contracts.ts) of the JSON body, the query string and the success response. */
  body?: ContractName;
  query?: ContractName;
  response?: { status: number; contract?: ContractName; list?: boolean };
  /** Request headers the route reads, documented in OpenAPI. */
  headers?: { name: string; description: string }[];
}

/**
 * How much of the table each group's function may touch, and whether it reaches the sinks (apply, and
 * apply on approval); the CDK stack grants exactly this.
 */
export const ROUTE_GROUPS = {
  health: { access: 'describe' },
  schemas: { access: 'read-write' },
  payloads: { access: 'read-write' },
  workspaces: { access: 'read-write' },
  'schema-requests': { access: 'read-write', sinks: true },
  migrations: { access: 'read-write', sinks: true },
  audit: { access: 'read' },
  notifications: { access: 'read-write' },
  docs: { access: 'none' },
  console: { access: 'none' },
} as const satisfies Record<string, { access: 'none' | 'describe' | 'read' | 'read-write'; sinks?: true }>;
export type RouteGroup = keyof typeof ROUTE_GROUPS;

export const API_PREFIX = '/api/v1';

const schemas = `${API_PREFIX}/schemas`;
const requests = `${API_PREFIX}/schema-requests`;
const payloads = `${API_PREFIX}/payloads`;
const sinks = `${API_PREFIX}/workspaces/{workspace_id}/sinks`;

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: `${API_PREFIX}/health`, operation: 'health', group: 'health', role: 'public', summary: 'Table status and the schema.yaml version the registry runs', response: { status: 200 } },
  { method: 'GET', path: `${API_PREFIX}/openapi.json`, operation: 'openApi', group: 'docs', role: 'public', summary: 'This OpenAPI 3.1 document', response: { status: 200 } },
  { method: 'GET', path: `${API_PREFIX}/docs`, operation: 'docs', group: 'docs', role: 'public', summary: 'The HTML API reference', response: { status: 200 } },
  { method: 'GET', path: '/console', operation: 'console', group: 'console', role: 'public', summary: 'The web console (signs in, then calls this API with the user\u2019s token)', response: { status: 200 } },
  { method: 'GET', path: '/console/{file}', operation: 'consoleAsset', group: 'console', role: 'public', summary: 'A file of the web console: its script, style and sign-in configuration', response: { status: 200 } },
  { method: 'POST', path: schemas, operation: 'publishSchema', group: 'schemas', role: 'admin', summary: 'Publish the next version of a schema (200 with the existing version when the definition is already one; 409 with the breaking changes when incompatible; ?dry_run=true checks only)', body: 'PublishSchemaRequest', query: 'PublishSchemaQuery', response: { status: 201, contract: 'SchemaVersion' } },
  { method: 'PATCH', path: `${schemas}/{id}`, operation: 'setSchemaVersionState', group: 'schemas', role: 'admin', summary: 'Move a version to active, deprecated (writes accepted with a Deprecation header) or disabled (writes refused)', body: 'SchemaStateUpdate', response: { status: 200, contract: 'SchemaVersion' } },
  { method: 'GET', path: `${schemas}/{id}/diff`, operation: 'diffSchemaVersions', group: 'schemas', role: 'reader', summary: 'Every change from version `against` to this one, explained, with its compatibility', query: 'DiffQuery', response: { status: 200 } },
  { method: 'GET', path: `${schemas}/{id}/config`, operation: 'getSchemaConfig', group: 'schemas', role: 'reader', summary: 'The compatibility mode in force for the schema (every version) and where it comes from', response: { status: 200 } },
  { method: 'PUT', path: `${schemas}/{id}/config`, operation: 'setSchemaConfig', group: 'schemas', role: 'admin', summary: 'Set the schema\u2019s compatibility mode and open-content-model rule', body: 'SchemaConfigUpdate', response: { status: 200 } },
  { method: 'GET', path: `${API_PREFIX}/workspaces/{workspace_id}/config`, operation: 'getWorkspaceConfig', group: 'workspaces', role: 'reader', summary: 'The workspace\u2019s default compatibility mode', response: { status: 200 } },
  { method: 'PUT', path: `${API_PREFIX}/workspaces/{workspace_id}/config`, operation: 'setWorkspaceConfig', group: 'workspaces', role: 'admin', summary: 'Set the workspace\u2019s default compatibility mode', body: 'WorkspaceConfigUpdate', response: { status: 200 } },
  { method: 'GET', path: schemas, operation: 'listSchemas', group: 'schemas', role: 'reader', summary: 'The latest version of each schema in a workspace', query: 'ListSchemasQuery', response: { status: 200, contract: 'SchemaVersion', list: true } },
  { method: 'GET', path: `${schemas}/{id}`, operation: 'getSchemaVersion', group: 'schemas', role: 'reader', summary: 'One schema version', response: { status: 200, contract: 'SchemaVersion' } },
  { method: 'GET', path: `${schemas}/{id}/versions`, operation: 'listSchemaVersions', group: 'schemas', role: 'reader', summary: 'Every version of the schema this version belongs to, oldest first', query: 'PageQuery', response: { status: 200, contract: 'SchemaVersion', list: true } },
  { method: 'GET', path: `${schemas}/{id}/fields`, operation: 'describeSchemaFields', group: 'schemas', role: 'reader', summary: 'Every field of the definition: path, types, required, nullable, description, default, enum, format', response: { status: 200 } },
  { method: 'GET', path: `${schemas}/{id}/default`, operation: 'getSchemaDefault', group: 'schemas', role: 'reader', summary: 'A starting document for forms and command-line use', response: { status: 200 } },
  { method: 'POST', path: payloads, operation: 'createPayload', group: 'payloads', role: 'writer', summary: 'Validate a document against one schema version and store it', body: 'CreatePayloadRequest', response: { status: 201, contract: 'Payload' }, headers: [{ name: 'Idempotency-Key', description: 'Retries with the same key and body within 24 h return the first response and store one payload.' }] },
  { method: 'GET', path: payloads, operation: 'listPayloads', group: 'payloads', role: 'reader', summary: 'Payloads of a schema version (schema_ref) or of a schema (workspace_id and schema_name), in creation order', query: 'ListPayloadsQuery', response: { status: 200, contract: 'Payload', list: true } },
  { method: 'GET', path: `${payloads}/{id}`, operation: 'getPayload', group: 'payloads', role: 'reader', summary: 'One payload', response: { status: 200, contract: 'Payload' } },
  { method: 'GET', path: `${API_PREFIX}/workspaces/{workspace_id}/policies`, operation: 'getWorkspacePolicies', group: 'workspaces', role: 'admin', summary: 'Policy rule severities, the auto-approval switch, and the rule catalogue', response: { status: 200 } },
  { method: 'PUT', path: `${API_PREFIX}/workspaces/{workspace_id}/policies`, operation: 'setWorkspacePolicies', group: 'workspaces', role: 'admin', summary: 'Change rule severities (or turn rules off) and the auto-approval switch', body: 'WorkspacePolicy', response: { status: 200 } },
  { method: 'POST', path: requests, operation: 'createSchemaRequest', group: 'schema-requests', role: 'writer', summary: 'Request a new schema, or the next version of one: policy violations, risk, diff, compatibility and a migration preview', body: 'CreateSchemaRequest', response: { status: 201 } },
  { method: 'GET', path: requests, operation: 'listSchemaRequests', group: 'schema-requests', role: 'reader', summary: 'A workspace\u2019s requests by status (default pending) or requester, newest first', query: 'ListSchemaRequestsQuery', response: { status: 200, list: true } },
  { method: 'GET', path: `${requests}/{id}`, operation: 'getSchemaRequest', group: 'schema-requests', role: 'reader', summary: 'One schema request with its review', response: { status: 200 } },
  { method: 'PATCH', path: `${requests}/{id}`, operation: 'transitionSchemaRequest', group: 'schema-requests', role: 'writer', summary: 'Submit, approve, reject or withdraw (approval publishes the version; nobody approves their own request)', body: 'TransitionSchemaRequest', response: { status: 200 } },
  { method: 'GET', path: `${requests}/{id}/migration`, operation: 'getMigrationPreview', group: 'schema-requests', role: 'reader', summary: 'Up and down SQL for a relational sink, per dialect', query: 'MigrationQuery', response: { status: 200 } },
  { method: 'GET', path: `${requests}/{id}/audit`, operation: 'getSchemaRequestAudit', group: 'schema-requests', role: 'reader', summary: 'The request\u2019s history', query: 'PageQuery', response: { status: 200, list: true } },
  { method: 'POST', path: `${requests}/{id}/migration/apply`, operation: 'applyMigration', group: 'migrations', role: 'reviewer', summary: 'Run the request\u2019s up SQL on a sink of its workspace (default "default"), tracked and locked there; the request becomes migrated, or migration_failed with the error and the failing statement (nobody applies their own request)', body: 'MigrationRun', response: { status: 200 } },
  { method: 'POST', path: `${requests}/{id}/migration/rollback`, operation: 'rollbackMigration', group: 'migrations', role: 'reviewer', summary: 'Run the request\u2019s down SQL on the sink; the request becomes rolled_back (409 naming the later migrations that depend on it)', body: 'MigrationRun', response: { status: 200 } },
  { method: 'GET', path: `${sinks}/{sink}/migrations`, operation: 'listSinkMigrations', group: 'migrations', role: 'reader', summary: 'Applied, pending, failed and rolled back migrations of a sink, from its tracking table and the registry, with every disagreement between the two', response: { status: 200 } },
  { method: 'GET', path: `${sinks}/{sink}`, operation: 'getSink', group: 'workspaces', role: 'admin', summary: 'A sink\u2019s settings (its connection by reference only)', response: { status: 200 } },
  { method: 'PUT', path: `${sinks}/{sink}`, operation: 'putSink', group: 'workspaces', role: 'admin', summary: 'Create or replace a sink: dialect, connection reference, namespace, apply_on_approval', body: 'SinkSettings', response: { status: 200 } },
  { method: 'DELETE', path: `${sinks}/{sink}`, operation: 'deleteSink', group: 'workspaces', role: 'admin', summary: 'Delete a sink\u2019s settings (a built-in default sink comes back as the deployment gives it)', response: { status: 204 } },
  { method: 'GET', path: `${API_PREFIX}/workspaces/{workspace_id}/auto-create-log`, operation: 'listAutoCreateLog', group: 'workspaces', role: 'admin', summary: 'What auto-create did with each request: created, skipped or failed, with details, newest first', query: 'PageQuery', response: { status: 200, list: true } },
  { method: 'GET', path: `${API_PREFIX}/audit`, operation: 'listAuditEvents', group: 'audit', role: 'admin', summary: 'The workspace\u2019s audit feed, in time order', query: 'AuditQuery', response: { status: 200, list: true } },
  { method: 'GET', path: `${API_PREFIX}/notifications`, operation: 'listNotifications', group: 'notifications', role: 'user', summary: 'Your own notifications, newest first', query: 'NotificationsQuery', response: { status: 200, list: true } },
  { method: 'PATCH', path: `${API_PREFIX}/notifications/{id}`, operation: 'markNotificationDelivered', group: 'notifications', role: 'user', summary: 'Mark one of your notifications delivered', body: 'NotificationUpdate', response: { status: 200 } },
];

/** API Gateway's routeKey for a route, e.g. `GET /api/v1/health`. */
export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;
