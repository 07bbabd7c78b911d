/** Route group `workspaces`: workspace-wide settings. */
import { check } from '../lib/api/contracts.js';
import { principalFromEvent } from '../lib/auth/principal.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { NotFoundError } from '../lib/errors.js';
import { json, routeHandler, type HttpEvent } from '../lib/http/handler.js';
import { buildServices } from '../lib/registry.js';
import type { WorkspacePolicy } from '../lib/policies/index.js';
import type { WorkspaceConfigChange } from '../lib/workspaces/service.js';

const WORKSPACE = /^[a-z0-9][a-z0-9-]{0,62}$/;
function workspaceParam(event: HttpEvent): string {
  const id = event.pathParameters?.workspace_id ?? '';
  if (!WORKSPACE.test(id)) throw new NotFoundError(`workspace ${JSON.stringify(id)} not found`);
  return id;
}

export function buildHandler(deps: Deps) {
  const { workspaces, design } = buildServices(deps);
  return routeHandler({
    'GET /api/v1/workspaces/{workspace_id}/config': async (event) => json(200, await workspaces.config(principalFromEvent(event), workspaceParam(event))),
    'GET /api/v1/workspaces/{workspace_id}/policies': async (event) => json(200, await workspaces.getPolicies(principalFromEvent(event), workspaceParam(event))),
    'PUT /api/v1/workspaces/{workspace_id}/policies': async (event) => {
      const policy = check<WorkspacePolicy>('WorkspacePolicy', event.body);
      return json(200, await workspaces.setPolicies(principalFromEvent(event), workspaceParam(event), policy));
    },
    'PUT /api/v1/workspaces/{workspace_id}/config': async (event) => {
      const change = check<WorkspaceConfigChange>('WorkspaceConfigUpdate', event.body);
      return json(200, await workspaces.setConfig(principalFromEvent(event), workspaceParam(event), change));
    },
  }, { beforeWrite: () => design.ready() });
}

export const handler = buildHandler(defaultDeps());
