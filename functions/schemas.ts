/** Route group `schemas`: publish and read schema versions. */
import { check, pageSize } from '../lib/api/contracts.js';
import { principalFromEvent } from '../lib/auth/principal.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { json, routeHandler } from '../lib/http/handler.js';
import { idParam, query } from '../lib/http/params.js';
import { buildServices } from '../lib/registry.js';
import type { PublishInput } from '../lib/schemas/service.js';

export function buildHandler(deps: Deps) {
  const { schemas, design } = buildServices(deps);
  return routeHandler({
    'POST /api/v1/schemas': async (event) => {
      const principal = principalFromEvent(event);
      const { version, created } = await schemas.publish(principal, check<PublishInput>('PublishSchemaRequest', event.body));
      return json(created ? 201 : 200, version, created ? { Location: `/api/v1/schemas/${version.id}` } : {});
    },
    'GET /api/v1/schemas': async (event) => {
      const q = check<{ workspace_id: string; prefix?: string; limit?: string; cursor?: string }>('ListSchemasQuery', query(event), 'query');
      return json(200, await schemas.listLatest(principalFromEvent(event), q.workspace_id, q.prefix, pageSize(q.limit), q.cursor));
    },
    'GET /api/v1/schemas/{id}': async (event) => json(200, await schemas.get(principalFromEvent(event), idParam(event))),
    'GET /api/v1/schemas/{id}/versions': async (event) => {
      const q = check<{ limit?: string; cursor?: string }>('PageQuery', query(event), 'query');
      return json(200, await schemas.versions(principalFromEvent(event), idParam(event), pageSize(q.limit), q.cursor));
    },
    'GET /api/v1/schemas/{id}/fields': async (event) => json(200, { fields: await schemas.fields(principalFromEvent(event), idParam(event)) }),
    'GET /api/v1/schemas/{id}/default': async (event) => json(200, await schemas.defaultValue(principalFromEvent(event), idParam(event))),
  }, { beforeWrite: () => design.ready() });
}

export const handler = buildHandler(defaultDeps());
