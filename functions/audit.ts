/** Route group `audit`: a workspace's audit feed (admin). */
import { pageSize } from '../lib/api/contracts.js';
import { API_PREFIX, lazyHandler, routeGroup } from '../lib/api/route.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { buildServices } from '../lib/registry.js';

export const group = routeGroup({ name: 'audit', access: 'read', services: (deps: Deps) => buildServices(deps) });

group.route({
  method: 'GET',
  path: `${API_PREFIX}/audit`,
  operation: 'listAuditEvents',
  role: 'admin',
  summary: 'The workspace\u2019s audit feed, in time order',
  query: 'AuditQuery',
  response: { status: 200, list: true },
  example: { query: { workspace_id: 'acme' } },
  handle: async ({ principal, query: q }, { audit }) => audit.list(principal, q, pageSize(q.limit), q.cursor),
});

export const buildHandler = group.buildHandler;
export const handler = lazyHandler(() => buildHandler(defaultDeps()));
