/** Route group `workspaces`: workspace-wide settings. */
import { registryGroup } from '../lib/api/registry-group.js';
import { API_PREFIX } from '../lib/api/route.js';

const workspace = `${API_PREFIX}/workspaces/{workspace_id}`;

export const group = registryGroup('workspaces', 'read-write');

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

export const { buildHandler, handler } = group;
