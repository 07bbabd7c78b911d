/** Route group `schemas`: publish and read schema versions. */
import { check, pageSize } from '../lib/api/contracts.js';
import { principalFromEvent } from '../lib/auth/principal.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { json, routeHandler } from '../lib/http/handler.js';
import { idParam, query } from '../lib/http/params.js';
import { buildServices } from '../lib/registry.js';
import type { PublishInput, SchemaConfigChange, VersionState } from '../lib/schemas/service.js';

export function buildHandler(deps: Deps) {
  const { schemas, design } = buildServices(deps);
  return routeHandler({
    'POST /api/v1/schemas': async (event) => {
      const principal = principalFromEvent(event);
      const q = check<{ dry_run?: string }>('PublishSchemaQuery', query(event), 'query');
      const input = check<PublishInput>('PublishSchemaRequest', event.body);
      if (q.dry_run === 'true') return json(200, await schemas.dryRun(principal, input));
      const { version, created, warnings } = await schemas.publish(principal, input);
      return json(created ? 201 : 200, { ...version, warnings }, created ? { Location: `/api/v1/schemas/${version.id}` } : {});
    },
    'PATCH /api/v1/schemas/{id}': async (event) => {
      const { state } = check<{ state: VersionState }>('SchemaStateUpdate', event.body);
      return json(200, await schemas.setState(principalFromEvent(event), idParam(event), state));
    },
    'GET /api/v1/schemas/{id}/diff': async (event) => {
      const q = check<{ against: string }>('DiffQuery', query(event), 'query');
      return json(200, await schemas.diff(principalFromEvent(event), idParam(event), q.against));
    },
    'GET /api/v1/schemas/{id}/config': async (event) => json(200, await schemas.config(principalFromEvent(event), idParam(event))),
    'PUT /api/v1/schemas/{id}/config': async (event) => {
      const change = check<SchemaConfigChange>('SchemaConfigUpdate', event.body);
      return json(200, await schemas.setConfig(principalFromEvent(event), idParam(event), change));
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
    'GET /api/v1/schemas/{id}/references': async (event) => {
      const q = check<{ limit?: string; cursor?: string }>('PageQuery', query(event), 'query');
      return json(200, await schemas.references(principalFromEvent(event), idParam(event), pageSize(q.limit), q.cursor));
    },
    'GET /api/v1/schemas/{id}/fields': async (event) => json(200, { fields: await schemas.fields(principalFromEvent(event), idParam(event)) }),
    'GET /api/v1/schemas/{id}/default': async (event) => json(200, await schemas.defaultValue(principalFromEvent(event), idParam(event))),
  }, { beforeWrite: () => design.ready() });
}

export const handler = buildHandler(defaultDeps());
