import { SHARED_ATTRIBUTES } from '../generated/table.js';

/** Roles within a workspace, weakest first; each includes the ones before it. */
export const ROLES = ['reader', 'writer', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const roleRank = (r: Role) => ROLES.indexOf(r);

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

const WORKSPACE_ID = new RegExp(SHARED_ATTRIBUTES.workspace_id.pattern);

/** A Cognito group named `{workspace_id}:{role}`, or undefined when the name is anything else. */
export function parseGroup(group: string): { workspace: string; role: Role } | undefined {
  const at = group.lastIndexOf(':');
  const workspace = group.slice(0, at);
  const role = group.slice(at + 1);
  return at > 0 && WORKSPACE_ID.test(workspace) && isRole(role) ? { workspace, role } : undefined;
}
