/** Route group `audit`: a workspace's audit feed (admin). */
import { check, pageSize } from '../lib/api/contracts.js';
import { principalFromEvent } from '../lib/auth/principal.js';
import type { AuditQuery } from '../lib/audit/service.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { json, routeHandler } from '../lib/http/handler.js';
import { query } from '../lib/http/params.js';
import { buildServices } from '../lib/registry.js';

export function buildHandler(deps: Deps) {
  const { audit } = buildServices(deps);
  return routeHandler({
    'GET /api/v1/audit': async (event) => {
      const q = check<AuditQuery & { limit?: string; cursor?: string }>('AuditQuery', query(event), 'query');
      return json(200, await audit.list(principalFromEvent(event), q, pageSize(q.limit), q.cursor));
    },
  });
}

export const handler = buildHandler(defaultDeps());
