/** Route group `schema-requests`: request, review and decide new schemas and versions. */
import { check, pageSize } from '../lib/api/contracts.js';
import { principalFromEvent } from '../lib/auth/principal.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { json, routeHandler } from '../lib/http/handler.js';
import { idParam, query } from '../lib/http/params.js';
import { buildServices } from '../lib/registry.js';
import type { RequestStatus } from '../lib/requests/model.js';
import type { CreateRequestInput } from '../lib/requests/service.js';
import type { Dialect } from '../lib/sql/index.js';

export function buildHandler(deps: Deps) {
  const { requests, audit, design } = buildServices(deps);
  return routeHandler({
    'POST /api/v1/schema-requests': async (event) => {
      const created = await requests.create(principalFromEvent(event), check<CreateRequestInput>('CreateSchemaRequest', event.body));
      return json(201, created, { Location: `/api/v1/schema-requests/${created.id}` });
    },
    'GET /api/v1/schema-requests': async (event) => {
      const q = check<{ workspace_id: string; status?: RequestStatus; requester?: string; limit?: string; cursor?: string }>('ListSchemaRequestsQuery', query(event), 'query');
      return json(200, await requests.list(principalFromEvent(event), q, pageSize(q.limit), q.cursor));
    },
    'GET /api/v1/schema-requests/{id}': async (event) => json(200, await requests.get(principalFromEvent(event), idParam(event))),
    'PATCH /api/v1/schema-requests/{id}': async (event) => {
      const { status, comment } = check<{ status: RequestStatus; comment?: string }>('TransitionSchemaRequest', event.body);
      return json(200, await requests.transition(principalFromEvent(event), idParam(event), status, comment));
    },
    'GET /api/v1/schema-requests/{id}/migration': async (event) => {
      const q = check<{ dialect?: Dialect }>('MigrationQuery', query(event), 'query');
      return json(200, await requests.migrationPreview(principalFromEvent(event), idParam(event), q.dialect ?? 'postgres'));
    },
    'GET /api/v1/schema-requests/{id}/audit': async (event) => {
      const principal = principalFromEvent(event);
      const q = check<{ limit?: string; cursor?: string }>('PageQuery', query(event), 'query');
      const r = await requests.get(principal, idParam(event));
      return json(200, await audit.list(principal, { workspace_id: r.workspace_id, entity_type: 'schema_request', entity_id: r.id }, pageSize(q.limit), q.cursor, 'reader'));
    },
  }, { beforeWrite: () => design.ready() });
}

export const handler = buildHandler(defaultDeps());
