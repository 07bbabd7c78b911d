/**
 * Who is calling, and what they may do in each workspace, from the JWT claims API Gateway's authorizer
 * (or the local server) verified. Groups are named `{workspace_id}:{role}`.
 */
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.js';
import { parseGroups } from './groups.js';
import { parseGroup, roleRank, type Role } from './roles.js';
import { KEY_VALUE_CHARSET } from '../table-design/pattern.js';

/** schema.yaml's `principal` attribute: at most 256 characters, and it goes into keys. */
const MAX_SUBJECT_LENGTH = 256;

export interface Principal {
  /** The token's `sub`. */
  id: string;
  /** The strongest role held in each workspace. */
  roles: ReadonlyMap<string, Role>;
}


export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') {
    // No claims at all means no credentials reached the handler; claims without a subject, a bad token.
    throw new UnauthorizedError('the token has no subject (sub claim)', claims ? { bearerError: 'invalid_token' } : {});
  }
  // The subject becomes part of DynamoDB keys (requester, notifications, rate limits), whose grammar
  // allows printable ASCII other than "#": refuse any other subject here, once, rather than mis-key it.
  if (sub.length > MAX_SUBJECT_LENGTH || !KEY_VALUE_CHARSET.test(sub) || sub.startsWith('system:')) {
    throw new UnauthorizedError(`the token's subject must be 1 to ${MAX_SUBJECT_LENGTH} printable ASCII characters other than "#", and not a system: name`, {
      bearerError: 'invalid_token',
    });
  }
  const roles = new Map<string, Role>();
  for (const group of parseGroups(claims?.['cognito:groups'])) {
    const parsed = parseGroup(group);
    if (!parsed) continue; // Groups of other applications are not ours to judge.
    const held = roles.get(parsed.workspace);
    if (!held || roleRank(parsed.role) > roleRank(held)) roles.set(parsed.workspace, parsed.role);
  }
  return { id: sub, roles };
}

/**
 * The principal of an API Gateway HTTP API event (payload format 2.0): the claims of the JWT authorizer,
 * or those the Lambda authorizer of the HTTP Basic routes passed on (lib/auth/lambda-authorizer.ts).
 */
export function principalFromEvent(event: { requestContext: unknown }): Principal {
  const ctx = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> }; lambda?: Record<string, unknown> } };
  return principalFromClaims(ctx.authorizer?.jwt?.claims ?? ctx.authorizer?.lambda);
}

/**
 * Requires `role` (or stronger) in `workspaceId`. A caller with no role there gets 404, as if the
 * resource did not exist, so workspaces cannot be probed; a member with too weak a role gets 403.
 */
export function authorize(principal: Principal, workspaceId: string, role: Role, what = 'resource'): void {
  const held = principal.roles.get(workspaceId);
  if (!held) throw new NotFoundError(`${what} not found`);
  if (roleRank(held) < roleRank(role)) {
    throw new ForbiddenError(`this needs the ${role} role in workspace "${workspaceId}"; you have ${held}`);
  }
}
