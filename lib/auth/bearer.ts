/**
 * The token of an `Authorization: Bearer <JWT>` header (RFC 6750), read as API Gateway's JWT authorizer
 * reads it when deployed. Every malformed header is a 401 that says what is wrong with it, without echoing
 * what it holds (it may be a credential).
 */
import { UnauthorizedError } from '../errors.js';

const SEND = 'send Authorization: Bearer <JWT>';
/** `TOKEN=$(npm run token ...)` without -s captures npm's banner, whose lines start with "> ", before the token. */
export const NPM_BANNER_HINT = 'capture a local token with TOKEN=$(npm run -s token -- ...): without -s, npm prints its banner before the token';

const SCHEME = /^[A-Za-z][A-Za-z0-9-]{0,19}$/;

const malformed = (detail: string) => new UnauthorizedError(detail, { bearerError: 'invalid_request' });

/** The token of the header: `Bearer <token>`, or the token alone (API Gateway's JWT authorizer takes both). */
export function bearerToken(header: string | undefined): string {
  const [first, ...rest] = (header ?? '').trim().split(/\s+/).filter(Boolean);
  if (first === undefined) throw new UnauthorizedError(`missing bearer token: ${SEND}`);
  const bearer = first.toLowerCase() === 'bearer';
  if (rest.length === 0) {
    if (bearer) throw malformed(`the Authorization header has no token after "Bearer" (is the variable holding it empty?); ${SEND}`);
    return first;
  }
  if (!bearer) throw malformed(`the Authorization header uses ${SCHEME.test(first) ? `the scheme "${first}"` : 'an unknown scheme'}, not Bearer; ${SEND}`);
  if (rest.length > 1) {
    throw malformed(`the Authorization header holds ${rest.length} words after "Bearer", not one token; ${rest[0] === '>' ? `${NPM_BANNER_HINT}; ` : ''}${SEND}`);
  }
  return rest[0]!;
}
