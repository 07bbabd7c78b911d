/**
 * `If-Match` (RFC 9110 section 13.1.1) on changes to a revisioned resource: required, so no client
 * overwrites a change it has not seen; `*` or a list of strong entity tags, each a revision number.
 */
import { BadRequestError, PreconditionRequiredError } from '../errors.js';

/** `any`: the resource must exist (`If-Match: *`); otherwise one of these revisions must be current. */
export type IfMatch = 'any' | readonly number[];

const ETAG = /^"([1-9][0-9]{0,9})"$/;

/** The revisions an `If-Match` header accepts; 428 without one, 400 when it is not a list of our entity tags. */
export function ifMatch(header: string | undefined): IfMatch {
  if (header === undefined || header.trim() === '') {
    throw new PreconditionRequiredError('this change needs If-Match with the ETag of the revision you read (GET the resource first), or If-Match: * to accept any revision');
  }
  if (header.trim() === '*') return 'any';
  const revisions = header.split(',').map((tag) => ETAG.exec(tag.trim())?.[1]);
  if (revisions.some((r) => r === undefined)) {
    throw new BadRequestError(`If-Match must be * or the ETag the resource was read with, e.g. "3" (with the quotes), got ${JSON.stringify(header.slice(0, 80))}`);
  }
  return revisions.map(Number);
}

/** Whether `current` satisfies the precondition. */
export const matches = (expected: IfMatch, current: number): boolean => expected === 'any' || expected.includes(current);
