/** Route group `audit`: a workspace's audit feed (admin). */
import { pageSize } from '../lib/api/request-check.js';
import { registryGroup } from '../lib/api/registry-group.js';
import { buildFeedServices } from '../lib/compose/feeds.js';
import { API_PREFIX } from '../lib/api/route.js';
import { CONTRACTS } from '../lib/generated/contracts/group-audit.js';

export const group = registryGroup('audit', 'read', buildFeedServices, CONTRACTS);

group.route({
  method: 'GET',
  path: `${API_PREFIX}/audit`,
  operation: 'listAuditEvents',
  role: 'admin',
  summary: 'The workspace\u2019s audit feed, in time order',
  query: 'AuditQuery',
  response: { status: 200, contract: 'AuditEvent', list: true },
  example: { query: { workspace_id: 'acme' } },
  handle: async ({ principal, query: q }, { audit }) => audit.list(principal, q, pageSize(q.limit), q.cursor),
});

export const { buildHandler, handler } = group;
