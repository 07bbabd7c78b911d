/**
 * Verifies a JWT the way API Gateway's JWT authorizer does, for the routes that authorizer cannot guard
 * (HTTP Basic carrying the token): keys from the issuer's OpenID Connect discovery document, RSA
 * signatures only, `iss` exact, `exp` and `nbf` honoured, and `aud` (or `client_id` when there is no `aud`,
 * as in Cognito access tokens) among the accepted audiences.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export interface JwtTrust {
  issuer: string;
  audience: readonly string[];
}

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

/** The algorithms API Gateway's JWT authorizer accepts. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];
const DISCOVERY_TIMEOUT_MS = 3000;

export function jwtVerifier(trust: JwtTrust, fetchImpl: typeof fetch = fetch): TokenVerifier {
  if (!trust.issuer || trust.audience.length === 0) throw new Error('a JWT verifier needs an issuer and at least one audience');
  // One discovery per container; a failed one is retried by the next request rather than cached.
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keySet = () =>
    (keys ??= discoverKeys(trust.issuer, fetchImpl).catch((e: unknown) => {
      keys = undefined;
      throw e;
    }));
  return async (token) => {
    const { payload } = await jwtVerify(token, await keySet(), { issuer: trust.issuer, algorithms: ALGORITHMS });
    const audiences = payload.aud === undefined ? [payload.client_id] : [payload.aud].flat();
    if (!audiences.some((a) => typeof a === 'string' && trust.audience.includes(a))) throw new Error('the token was not issued for this API (aud or client_id)');
    return payload;
  };
}

async function discoverKeys(issuer: string, fetchImpl: typeof fetch) {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const res = await fetchImpl(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`the issuer's discovery document answered ${res.status}`);
  const { jwks_uri: jwksUri } = (await res.json()) as { jwks_uri?: unknown };
  // Keys over plain HTTP only from an issuer that is itself plain HTTP (a test's); deployed issuers are https.
  const allowed = new Set(['https:', new URL(issuer).protocol]);
  if (typeof jwksUri !== 'string' || !URL.canParse(jwksUri) || !allowed.has(new URL(jwksUri).protocol)) {
    throw new Error("the issuer's discovery document has no usable jwks_uri");
  }
  return createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: DISCOVERY_TIMEOUT_MS });
}
