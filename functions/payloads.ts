/** Route group `payloads`: validated writes and reads of payloads. */
import { pageSize } from '../lib/api/contracts.js';
import { registryGroup } from '../lib/api/registry-group.js';
import { API_PREFIX, reply } from '../lib/api/route.js';

const payloads = `${API_PREFIX}/payloads`;

export const group = registryGroup('payloads', 'read-write');

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

export const { buildHandler, handler } = group;
