/**
 * The Lambda REQUEST authorizer of the routes that take HTTP Basic (the Confluent-compatible API). API
 * Gateway's JWT authorizer reads only `Bearer <JWT>`, and a Confluent serializer may send only Basic with
 * the token (or a registry API key) as its password; this reads it from either scheme, verifies a token
 * as the JWT authorizer would or an API key against its item, and hands the handler the two claims its
 * principal is built from (lib/auth/principal.ts).
 */
import { isApiKey } from '../api-keys/key.js';
import { tokenOfBearerOrBasic } from './basic.js';
import type { TokenVerifier } from './jwt-verifier.js';
import { parseGroups } from './groups.js';

/** What the authorizer reads of API Gateway's event (payload format 2.0; header names arrive lower-case). */
export interface AuthorizerEvent {
  headers?: Record<string, string | undefined>;
}

/**
 * The claims passed on, shaped as the JWT authorizer passes them: the handler reads them at
 * `requestContext.authorizer.lambda`, and the groups as the JWT authorizer joins an array ("[a b]").
 */
export interface AuthorizerContext {
  sub: string;
  'cognito:groups': string;
}

/** API Gateway's "simple response". A refusal is answered 403 by API Gateway, with no call to the handler. */
export type AuthorizerResult = { isAuthorized: true; context: AuthorizerContext } | { isAuthorized: false; reason: string };

export interface CredentialVerifiers {
  token: TokenVerifier;
  apiKey: (key: string) => Promise<Record<string, unknown>>;
}

export async function authorizeRequest(event: AuthorizerEvent, verify: CredentialVerifiers): Promise<AuthorizerResult> {
  try {
    const credential = tokenOfBearerOrBasic(event.headers?.authorization);
    const claims = await (isApiKey(credential) ? verify.apiKey(credential) : verify.token(credential));
    if (typeof claims.sub !== 'string' || claims.sub === '') return { isAuthorized: false, reason: 'the token has no subject (sub claim)' };
    return { isAuthorized: true, context: { sub: claims.sub, 'cognito:groups': `[${parseGroups(claims['cognito:groups']).join(' ')}]` } };
  } catch (e) {
    // The reason is for the log: the messages of the header parser, the key check and jose never hold the credential.
    return { isAuthorized: false, reason: (e as Error).message };
  }
}
