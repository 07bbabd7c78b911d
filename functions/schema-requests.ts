/** Route group `schema-requests`: request, review and decide new schemas and versions. */
import { pageSize } from '../lib/api/request-check.js';
import { ConflictError, TooManyRequestsError, ValidationError } from '../lib/errors.js';
import { registryGroup } from '../lib/api/registry-group.js';
import { buildServices } from '../lib/registry.js';
import { API_PREFIX, IDEMPOTENCY_KEY_HEADER, reply } from '../lib/api/route.js';
import { CONTRACTS } from '../lib/generated/contracts/group-schema-requests.js';

const requests = `${API_PREFIX}/schema-requests`;

// Approval applies to the sinks that apply on approval, so this group reaches them too.
export const group = registryGroup('schema-requests', 'read-write', buildServices, CONTRACTS, { sinks: true });

group.route({
  method: 'POST',
  path: requests,
  operation: 'createSchemaRequest',
  role: 'writer',
  summary: 'Request a new schema, or the next version of one: policy violations, risk, diff, compatibility and a migration preview',
  body: 'CreateSchemaRequest',
  response: { status: 201, contract: 'SchemaRequest' },
  headers: [IDEMPOTENCY_KEY_HEADER],
  raises: [TooManyRequestsError],
  example: { body: { workspace_id: 'acme', schema_name: 'authz_req', definition: { type: 'object' } } },
  handle: async ({ principal, body, header }, { requests }) => {
    const { request, replayed } = await requests.create(principal, body, header('idempotency-key'));
    return reply(201, request, { Location: `${API_PREFIX}/schema-requests/${request.id}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
  },
});

group.route({
  method: 'GET',
  path: requests,
  operation: 'listSchemaRequests',
  role: 'reader',
  summary: 'A workspace\u2019s requests by status (default pending) or requester, newest first',
  query: 'ListSchemaRequestsQuery',
  response: { status: 200, contract: 'SchemaRequest', list: true },
  example: { query: { workspace_id: 'acme' } },
  handle: async ({ principal, query: q }, { requests }) => requests.list(principal, q, pageSize(q.limit), q.cursor),
});

group.route({
  method: 'GET',
  path: `${requests}/{id}`,
  operation: 'getSchemaRequest',
  role: 'reader',
  summary: 'One schema request with its review',
  response: { status: 200, contract: 'SchemaRequest' },
  example: { path: { id: '<request>' } },
  handle: async ({ principal, id }, { requests }) => requests.get(principal, id),
});

group.route({
  method: 'PATCH',
  path: `${requests}/{id}`,
  operation: 'transitionSchemaRequest',
  role: 'writer',
  summary: 'Submit, approve, reject or withdraw (approval publishes the version; nobody approves their own request)',
  body: 'TransitionSchemaRequest',
  response: { status: 200, contract: 'SchemaRequest' },
  // Withdrawing a pending request is its requester's (the test's "member", a writer).
  example: { path: { id: '<pending_request>' }, body: { status: 'withdrawn' } },
  handle: async ({ principal, id, body }, { requests }) => requests.transition(principal, id, body.status, body.comment),
});

group.route({
  method: 'GET',
  path: `${requests}/{id}/migration`,
  operation: 'getMigrationPreview',
  role: 'reader',
  summary: 'Up and down SQL for a relational sink, per dialect',
  query: 'MigrationQuery',
  response: { status: 200, contract: 'MigrationPreview' },
  // 409: the request has no relational projection (its definition is not an object of columns).
  raises: [ValidationError, ConflictError],
  example: { path: { id: '<request>' } },
  handle: async ({ principal, id, query }, { requests }) => requests.migrationPreview(principal, id, query.dialect ?? 'postgres'),
});

group.route({
  method: 'GET',
  path: `${requests}/{id}/audit`,
  operation: 'getSchemaRequestAudit',
  role: 'reader',
  summary: 'The request\u2019s history',
  query: 'PageQuery',
  response: { status: 200, contract: 'AuditEvent', list: true },
  example: { path: { id: '<request>' } },
  handle: async ({ principal, id, query: q }, { requests, audit }) => {
    const r = await requests.get(principal, id);
    return audit.list(principal, { workspace_id: r.workspace_id, entity_type: 'schema_request', entity_id: r.id }, pageSize(q.limit), q.cursor, 'reader');
  },
});

export const { buildHandler, handler } = group;
