/**
 * Subjects of the Confluent-compatible API as schemas of a workspace. A subject is the schema name it maps
 * to (lower case, "-" and "." as "_": `orders-value` is `orders_value`); its workspace is named by a
 * context-style prefix (`:.acme:orders-value`), else by the Basic user name when the caller holds a role
 * there, else it is the caller's only workspace.
 */
import type { Principal } from '../auth/principal.js';
import { ValidationError } from '../errors.js';
import { SHARED_ATTRIBUTES } from '../generated/table.js';
import { InvalidVersionError } from './errors.js';

export interface Subject {
  workspace: string;
  name: string;
  /** As the client spelled it, without the context prefix. */
  subject: string;
}

const CONTEXT = new RegExp(`^:\\.(${SHARED_ATTRIBUTES.workspace_id.pattern.slice(1, -1)}):(.*)$`, 's');
const NAME = new RegExp(SHARED_ATTRIBUTES.schema_name.pattern);

/** The workspace a request without a context prefix works in. */
export function defaultWorkspace(principal: Principal, basicUser: string | undefined): string {
  if (basicUser && principal.roles.has(basicUser)) return basicUser;
  const held = [...principal.roles.keys()];
  if (held.length === 1) return held[0]!;
  throw new ValidationError(
    held.length === 0
      ? 'the token grants no role in any workspace'
      : `the token grants roles in ${held.length} workspaces; name one with a subject prefix (":.acme:orders-value") or as the Basic user name`,
  );
}

/** The workspace a context prefix names (`:.acme:orders-value`, or `:.acme:` alone) and what follows it. */
export function contextOf(raw: string): { workspace: string; rest: string } | undefined {
  const context = CONTEXT.exec(raw);
  return context ? { workspace: context[1]!, rest: context[2]! } : undefined;
}

/** The schema a subject names; a subject that maps to no schema name is a 422 naming the fix. */
export function parseSubject(raw: string, principal: Principal, basicUser: string | undefined): Subject {
  const context = contextOf(raw);
  const subject = context ? context.rest : raw;
  const name = subject.toLowerCase().replace(/[-.]/g, '_');
  if (!NAME.test(name)) {
    throw new ValidationError(`subject ${JSON.stringify(subject.slice(0, 80))} maps to no schema name: it must start with a letter and hold at most 63 letters, digits, "_", "-" or ".", e.g. "orders-value"`);
  }
  return { workspace: context ? context.workspace : defaultWorkspace(principal, basicUser), name, subject };
}

/** A version path segment: a positive number, or `latest` (and -1, Confluent's spelling of it). */
export function parseVersion(raw: string): number | 'latest' {
  if (raw === 'latest' || raw === '-1') return 'latest';
  const n = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n > 2 ** 31 - 1) throw new InvalidVersionError(`version ${JSON.stringify(raw.slice(0, 20))} is not a positive number or "latest"`);
  return n;
}
