/** Route group `migrations`: apply and roll back approved requests on a workspace's sinks, and a sink's status. */
import { check } from '../lib/api/contracts.js';
import { principalFromEvent } from '../lib/auth/principal.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { json, routeHandler } from '../lib/http/handler.js';
import { idParam, sinkParam, workspaceParam } from '../lib/http/params.js';
import type { MigrationTarget } from '../lib/migrations/service.js';
import { buildServices } from '../lib/registry.js';

export function buildHandler(deps: Deps) {
  const { migrations, sinkStatus, design } = buildServices(deps);
  return routeHandler({
    'POST /api/v1/schema-requests/{id}/migration/apply': async (event) =>
      json(200, await migrations.apply(principalFromEvent(event), idParam(event), check<MigrationTarget>('MigrationRun', event.body))),
    'POST /api/v1/schema-requests/{id}/migration/rollback': async (event) =>
      json(200, await migrations.rollback(principalFromEvent(event), idParam(event), check<MigrationTarget>('MigrationRun', event.body))),
    'GET /api/v1/workspaces/{workspace_id}/sinks/{sink}/migrations': async (event) =>
      json(200, await sinkStatus.migrations(principalFromEvent(event), workspaceParam(event), sinkParam(event))),
  }, { beforeWrite: () => design.ready() });
}

export const handler = buildHandler(defaultDeps());
