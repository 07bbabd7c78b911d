/** Route group `payloads`: validated writes, reads, updates and deletes of payloads. */
import { PreconditionFailedError, PreconditionRequiredError } from '../lib/errors.js';
import { pageSize } from '../lib/api/request-check.js';
import { registryGroup } from '../lib/api/registry-group.js';
import { buildPayloadServices } from '../lib/compose/payloads.js';
import { API_PREFIX, IDEMPOTENCY_KEY_HEADER, rawReply, reply } from '../lib/api/route.js';
import { ifMatch } from '../lib/http/preconditions.js';
import { fieldCondition } from '../lib/payloads/field-condition.js';
import { etagOf, type Payload } from '../lib/payloads/model.js';
import { CONTRACTS } from '../lib/generated/contracts/group-payloads.js';

const payloads = `${API_PREFIX}/payloads`;
const IF_MATCH = { name: 'If-Match', description: 'Required: the ETag of the revision the change is based on (412 when it is no longer current), or * for any.' };
/** A payload with its revision as the ETag. */
const withEtag = (status: number, payload: Payload, headers: Record<string, string> = {}) => reply(status, payload, { ETag: etagOf(payload.revision), ...headers });

export const group = registryGroup('payloads', 'read-write-delete', buildPayloadServices, CONTRACTS);

group.route({
  method: 'POST',
  path: payloads,
  operation: 'createPayload',
  role: 'writer',
  summary: 'Validate a document against one schema version and store it',
  body: 'CreatePayloadRequest',
  response: { status: 201, contract: 'Payload' },
  headers: [IDEMPOTENCY_KEY_HEADER],
  example: { body: { schema_ref: '<schema>', data: {} } },
  handle: async ({ principal, body, header }, { payloads }) => {
    const { payload, replayed, deprecation } = await payloads.create(principal, body, header('idempotency-key'));
    return withEtag(201, payload, {
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
  summary: 'Payloads of a schema version (schema_ref) or of a schema (workspace_id and schema_name), in creation order; where[field]=value queries an indexed field',
  query: 'ListPayloadsQuery',
  response: { status: 200, contract: 'Payload', list: true },
  example: { query: { schema_ref: '<schema>' } },
  handle: async ({ principal, query: q }, { payloads, payloadIndex }) => {
    const where = fieldCondition(q);
    if (where) return (await payloadIndex()).query(principal, q.workspace_id!, q.schema_name!, where, pageSize(q.limit), q.cursor);
    return q.schema_ref
      ? payloads.listBySchemaVersion(principal, q.schema_ref, pageSize(q.limit), q.cursor)
      : payloads.listBySchemaName(principal, q.workspace_id!, q.schema_name!, pageSize(q.limit), q.cursor);
  },
});

group.route({
  method: 'GET',
  path: `${payloads}/{id}`,
  operation: 'getPayload',
  role: 'reader',
  summary: 'One payload, strongly consistent (a write is read back at once), with its revision as ETag',
  response: { status: 200, contract: 'Payload' },
  example: { path: { id: '<payload>' } },
  handle: async ({ principal, id }, { payloads }) => withEtag(200, await payloads.get(principal, id)),
});

group.route({
  method: 'PUT',
  path: `${payloads}/{id}`,
  operation: 'updatePayload',
  role: 'writer',
  summary: 'Replace data and meta under If-Match, validated against the payload\u2019s version or a newer one named by schema_ref',
  body: 'UpdatePayloadRequest',
  response: { status: 200, contract: 'Payload' },
  headers: [IF_MATCH],
  raises: [PreconditionRequiredError, PreconditionFailedError],
  example: { path: { id: '<payload>' }, headers: { 'If-Match': '*' }, body: { data: { updated: true } } },
  handle: async ({ principal, id, body, header }, { payloadChanges }) =>
    withEtag(200, await (await payloadChanges()).update(principal, id, body, ifMatch(header('if-match')))),
});

group.route({
  method: 'DELETE',
  path: `${payloads}/{id}`,
  operation: 'deletePayload',
  role: 'writer',
  summary: 'Delete a payload under If-Match; it leaves every listing and index at once; deleting it again is done already',
  response: { status: 204 },
  headers: [IF_MATCH],
  raises: [PreconditionRequiredError, PreconditionFailedError],
  example: { path: { id: '<deletable_payload>' }, headers: { 'If-Match': '*' } },
  handle: async ({ principal, id, header }, { payloadChanges }) => {
    await (await payloadChanges()).delete(principal, id, ifMatch(header('if-match')));
    return rawReply({ statusCode: 204, headers: {} });
  },
});

group.route({
  method: 'DELETE',
  path: `${payloads}/{id}/history`,
  operation: 'erasePayloadHistory',
  role: 'admin',
  summary: 'Erase every kept revision of a deleted payload (legal erasure), leaving an audit event without the data',
  response: { status: 200, contract: 'PayloadErasure' },
  example: { path: { id: '<deletable_payload>' } },
  handle: async ({ principal, id }, { payloadChanges }) => (await payloadChanges()).erase(principal, id),
});

group.route({
  method: 'POST',
  path: `${API_PREFIX}/schemas/{id}/index-backfill`,
  operation: 'backfillPayloadIndex',
  role: 'admin',
  summary: 'Give payloads stored before this version their entries for its x-registry-index fields; resumable, call again until status is done',
  body: 'IndexBackfillRequest',
  response: { status: 200, contract: 'IndexBackfillProgress' },
  example: { path: { id: '<schema>' }, body: {} },
  handle: async ({ principal, id, body }, { payloadIndex }) => (await payloadIndex()).backfill(principal, id, body.max_pages),
});

group.route({
  method: 'GET',
  path: `${API_PREFIX}/schemas/{id}/index-backfill`,
  operation: 'getPayloadIndexBackfill',
  role: 'reader',
  summary: 'The progress of the index backfill of this version',
  response: { status: 200, contract: 'IndexBackfillProgress' },
  example: { path: { id: '<schema>' } },
  handle: async ({ principal, id }, { payloadIndex }) => (await payloadIndex()).status(principal, id),
});

export const { buildHandler, handler } = group;
