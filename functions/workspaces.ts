/** Route group `workspaces`: workspace-wide settings. */
import { check, pageSize } from '../lib/api/contracts.js';
import { principalFromEvent } from '../lib/auth/principal.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { json, routeHandler } from '../lib/http/handler.js';
import { query, sinkParam, workspaceParam } from '../lib/http/params.js';
import { buildServices } from '../lib/registry.js';
import type { WorkspacePolicy } from '../lib/policies/index.js';
import type { Compatibility } from '../lib/schemas/compatibility.js';

export function buildHandler(deps: Deps) {
  const { workspaces, sinks, autoCreate, design } = buildServices(deps);
  return routeHandler({
    'GET /api/v1/workspaces/{workspace_id}/config': async (event) => json(200, await workspaces.config(principalFromEvent(event), workspaceParam(event))),
    'GET /api/v1/workspaces/{workspace_id}/policies': async (event) => json(200, await workspaces.getPolicies(principalFromEvent(event), workspaceParam(event))),
    'PUT /api/v1/workspaces/{workspace_id}/policies': async (event) => {
      const policy = check<WorkspacePolicy>('WorkspacePolicy', event.body);
      return json(200, await workspaces.setPolicies(principalFromEvent(event), workspaceParam(event), policy));
    },
    'PUT /api/v1/workspaces/{workspace_id}/config': async (event) => {
      const change = check<{ compatibility: Compatibility }>('WorkspaceConfigUpdate', event.body);
      return json(200, await workspaces.setConfig(principalFromEvent(event), workspaceParam(event), change));
    },
    'GET /api/v1/workspaces/{workspace_id}/sinks/{sink}': async (event) => json(200, await sinks.get(principalFromEvent(event), workspaceParam(event), sinkParam(event))),
    // The sinks module validates the settings itself (422 naming every problem, never echoing a pasted credential).
    'PUT /api/v1/workspaces/{workspace_id}/sinks/{sink}': async (event) => json(200, await sinks.put(principalFromEvent(event), workspaceParam(event), sinkParam(event), event.body)),
    'DELETE /api/v1/workspaces/{workspace_id}/sinks/{sink}': async (event) => {
      await sinks.delete(principalFromEvent(event), workspaceParam(event), sinkParam(event));
      return { statusCode: 204 };
    },
    'GET /api/v1/workspaces/{workspace_id}/auto-create-log': async (event) => {
      const q = check<{ limit?: string; cursor?: string }>('PageQuery', query(event), 'query');
      return json(200, await autoCreate.list(principalFromEvent(event), workspaceParam(event), pageSize(q.limit), q.cursor));
    },
  }, { beforeWrite: () => design.ready() });
}

export const handler = buildHandler(defaultDeps());
