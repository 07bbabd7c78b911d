/** Route group `workspaces`: workspace-wide settings, API keys, sinks and the auto-create log. */
import { registryGroup } from '../lib/api/registry-group.js';
import { buildServices } from '../lib/registry.js';
import { pageSize } from '../lib/api/request-check.js';
import { API_PREFIX, reply } from '../lib/api/route.js';
import { idParam, sinkParam } from '../lib/http/params.js';
import { CONTRACTS } from '../lib/generated/contracts/group-workspaces.js';

const workspace = `${API_PREFIX}/workspaces/{workspace_id}`;

export const group = registryGroup('workspaces', 'read-write', buildServices, CONTRACTS);

group.route({
  method: 'GET',
  path: `${workspace}/config`,
  operation: 'getWorkspaceConfig',
  role: 'reader',
  summary: 'The workspace\u2019s default compatibility mode and dialect, and the warnings it refuses',
  response: { status: 200 },
  handle: async ({ principal, workspaceId }, { workspaces }) => workspaces.config(principal, workspaceId),
});

group.route({
  method: 'PUT',
  path: `${workspace}/config`,
  operation: 'setWorkspaceConfig',
  role: 'admin',
  summary: 'Set the workspace\u2019s default compatibility mode and default dialect, and the engine warnings it refuses',
  body: 'WorkspaceConfigUpdate',
  response: { status: 200 },
  example: { body: { compatibility: 'BACKWARD' } },
  handle: async ({ principal, workspaceId, body }, { workspaces }) => workspaces.setConfig(principal, workspaceId, body),
});

group.route({
  method: 'GET',
  path: `${workspace}/policies`,
  operation: 'getWorkspacePolicies',
  role: 'admin',
  summary: 'Policy rule severities, the auto-approval switch, and the rule catalogue',
  response: { status: 200 },
  handle: async ({ principal, workspaceId }, { workspaces }) => workspaces.getPolicies(principal, workspaceId),
});

group.route({
  method: 'PUT',
  path: `${workspace}/policies`,
  operation: 'setWorkspacePolicies',
  role: 'admin',
  summary: 'Change rule severities (or turn rules off) and the auto-approval switch',
  body: 'WorkspacePolicy',
  response: { status: 200 },
  example: { body: { auto_approve: false } },
  handle: async ({ principal, workspaceId, body }, { workspaces }) => workspaces.setPolicies(principal, workspaceId, body),
});

group.route({
  method: 'POST',
  path: `${workspace}/api-keys`,
  operation: 'createApiKey',
  role: 'admin',
  summary: 'Create an API key of one role for the Confluent-compatible API; the answer holds the key, shown only this once',
  body: 'ApiKeyCreate',
  response: { status: 201, contract: 'ApiKey' },
  example: { body: { name: 'orders-producer', role: 'writer' } },
  handle: async ({ principal, workspaceId, body }, { apiKeys }) => apiKeys.create(principal, workspaceId, body),
});

group.route({
  method: 'GET',
  path: `${workspace}/api-keys`,
  operation: 'listApiKeys',
  role: 'admin',
  summary: 'The workspace\u2019s API keys, oldest first, revoked and expired ones included (never a secret)',
  response: { status: 200, contract: 'ApiKey', list: true },
  handle: async ({ principal, workspaceId }, { apiKeys }) => ({ items: await apiKeys.list(principal, workspaceId), next_cursor: null }),
});

group.route({
  method: 'DELETE',
  path: `${workspace}/api-keys/{key_id}`,
  operation: 'revokeApiKey',
  role: 'admin',
  summary: 'Revoke an API key: every later request presenting it is refused (the key stays listed as revoked)',
  response: { status: 200, contract: 'ApiKey' },
  example: { path: { key_id: '<api_key>' } },
  handle: async ({ principal, workspaceId, event }, { apiKeys }) => apiKeys.revoke(principal, workspaceId, idParam(event, 'key_id')),
});

group.route({
  method: 'GET',
  path: `${workspace}/sinks/{sink}`,
  operation: 'getSink',
  role: 'admin',
  summary: 'A sink\u2019s settings (its connection by reference only)',
  response: { status: 200 },
  example: { path: { sink: 'default' } },
  handle: async ({ principal, workspaceId, event }, { sinks }) => sinks.get(principal, workspaceId, sinkParam(event)),
});

group.route({
  method: 'PUT',
  path: `${workspace}/sinks/{sink}`,
  operation: 'putSink',
  role: 'admin',
  summary: 'Create or replace a sink: dialect, connection reference, namespace, apply_on_approval',
  body: 'SinkSettings',
  response: { status: 200 },
  example: { path: { sink: 'default' }, body: { dialect: 'postgres', connection: { kind: 'embedded' } } },
  // The sinks module validates the settings itself (422 naming every problem, never echoing a pasted credential).
  handle: async ({ principal, workspaceId, event, body }, { sinks }) => sinks.put(principal, workspaceId, sinkParam(event), body),
});

group.route({
  method: 'DELETE',
  path: `${workspace}/sinks/{sink}`,
  operation: 'deleteSink',
  role: 'admin',
  summary: 'Delete a sink\u2019s settings (a built-in default sink comes back as the deployment gives it)',
  response: { status: 204 },
  example: { path: { sink: 'default' } },
  handle: async ({ principal, workspaceId, event }, { sinks }) => {
    await sinks.delete(principal, workspaceId, sinkParam(event));
    return reply(204, undefined);
  },
});

group.route({
  method: 'GET',
  path: `${workspace}/auto-create-log`,
  operation: 'listAutoCreateLog',
  role: 'admin',
  summary: 'What auto-create did with each request: created, skipped or failed, with details, newest first',
  query: 'PageQuery',
  response: { status: 200, contract: 'AutoCreateLogEntry', list: true },
  handle: async ({ principal, workspaceId, query: q }, { autoCreate }) => autoCreate.list(principal, workspaceId, pageSize(q.limit), q.cursor),
});

export const { buildHandler, handler } = group;
