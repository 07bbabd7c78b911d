/** Route group `payloads`: validated writes and reads of payloads. */
import { pageSize } from '../lib/api/contracts.js';
import { API_PREFIX, lazyHandler, reply, routeGroup } from '../lib/api/route.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { buildServices } from '../lib/registry.js';

const payloads = `${API_PREFIX}/payloads`;

export const group = routeGroup({
  name: 'payloads',
  access: 'read-write',
  services: (deps: Deps) => buildServices(deps),
  beforeWrite: ({ design }) => design.ready(),
});

group.route({
  method: 'POST',
  path: payloads,
  operation: 'createPayload',
  role: 'writer',
  summary: 'Validate a document against one schema version and store it',
  body: 'CreatePayloadRequest',
  response: { status: 201, contract: 'Payload' },
  headers: [{ name: 'Idempotency-Key', description: 'Retries with the same key and body within 24 h return the first response and store one payload.' }],
  example: { body: { schema_ref: '<schema>', data: {} } },
  handle: async ({ principal, body, header }, { payloads }) => {
    const { payload, replayed, deprecation } = await payloads.create(principal, body, header('idempotency-key'));
    return reply(201, payload, {
      Location: `${API_PREFIX}/payloads/${payload.id}`,
      ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
      ...(deprecation ? { Deprecation: deprecation } : {}),
    });
  },
});

group.route({
  method: 'GET',
  path: payloads,
  operation: 'listPayloads',
  role: 'reader',
  summary: 'Payloads of a schema version (schema_ref) or of a schema (workspace_id and schema_name), in creation order',
  query: 'ListPayloadsQuery',
  response: { status: 200, contract: 'Payload', list: true },
  example: { query: { schema_ref: '<schema>' } },
  handle: async ({ principal, query: q }, { payloads }) =>
    q.schema_ref
      ? payloads.listBySchemaVersion(principal, q.schema_ref, pageSize(q.limit), q.cursor)
      : payloads.listBySchemaName(principal, q.workspace_id!, q.schema_name!, pageSize(q.limit), q.cursor),
});

group.route({
  method: 'GET',
  path: `${payloads}/{id}`,
  operation: 'getPayload',
  role: 'reader',
  summary: 'One payload',
  response: { status: 200, contract: 'Payload' },
  example: { path: { id: '<payload>' } },
  handle: async ({ principal, id }, { payloads }) => payloads.get(principal, id),
});

export const buildHandler = group.buildHandler;
export const handler = lazyHandler(() => buildHandler(defaultDeps()));
