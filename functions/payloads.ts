/** Route group `payloads`: validated writes and reads of payloads. */
import { check, pageSize } from '../lib/api/contracts.js';
import { principalFromEvent } from '../lib/auth/principal.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { json, routeHandler } from '../lib/http/handler.js';
import { idParam, query } from '../lib/http/params.js';
import type { CreatePayloadInput } from '../lib/payloads/service.js';
import { buildServices } from '../lib/registry.js';

export function buildHandler(deps: Deps) {
  const { payloads, design } = buildServices(deps);
  return routeHandler({
    'POST /api/v1/payloads': async (event) => {
      const input = check<CreatePayloadInput>('CreatePayloadRequest', event.body);
      const { payload, replayed, deprecation } = await payloads.create(principalFromEvent(event), input, event.headers['idempotency-key']);
      return json(201, payload, {
        Location: `/api/v1/payloads/${payload.id}`,
        ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
        ...(deprecation ? { Deprecation: deprecation } : {}),
      });
    },
    'GET /api/v1/payloads': async (event) => {
      const q = check<{ schema_ref?: string; workspace_id?: string; schema_name?: string; limit?: string; cursor?: string }>('ListPayloadsQuery', query(event), 'query');
      const principal = principalFromEvent(event);
      const page = q.schema_ref
        ? await payloads.listBySchemaVersion(principal, q.schema_ref, pageSize(q.limit), q.cursor)
        : await payloads.listBySchemaName(principal, q.workspace_id!, q.schema_name!, pageSize(q.limit), q.cursor);
      return json(200, page);
    },
    'GET /api/v1/payloads/{id}': async (event) => json(200, await payloads.get(principalFromEvent(event), idParam(event))),
  }, { beforeWrite: () => design.ready() });
}

export const handler = buildHandler(defaultDeps());
