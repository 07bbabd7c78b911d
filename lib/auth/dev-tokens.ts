/**
 * Tokens for local development: an ES256 key kept under .data/ (created on first use), used by
 * `npm run token` to sign and by the local server to verify, with the claims Cognito would put in an ID
 * token. Never used when deployed: there the API Gateway JWT authorizer verifies Cognito's tokens.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { Role } from './roles.js';

export const DEV_KEY_PATH = fileURLToPath(new URL('../../.data/dev-jwk.json', import.meta.url));
export const DEV_ISSUER = 'schema-registry-local';
export const DEV_AUDIENCE = 'schema-registry';
const ALG = 'ES256';

/** Loads the local signing key, creating it on first use. */
export async function devKey(path = DEV_KEY_PATH): Promise<JWK> {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: ALG, kid: `local-${Date.now()}` };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

export interface MintOptions {
  user: string;
  /** `{workspace}:{role}` memberships. */
  memberships: { workspace: string; role: Role }[];
  expiresIn?: string;
}

export async function mintToken(jwk: JWK, options: MintOptions): Promise<string> {
  const key = await importJWK(jwk, ALG);
  return new SignJWT({ 'cognito:groups': options.memberships.map((m) => `${m.workspace}:${m.role}`), token_use: 'id' })
    .setProtectedHeader({ alg: ALG, ...(jwk.kid ? { kid: jwk.kid } : {}) })
    .setSubject(options.user)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h')
    .sign(key);
}

/** A verifier for the local server: signature, issuer, audience and expiry, as the JWT authorizer checks. */
export async function devVerifier(jwk: JWK): Promise<(token: string) => Promise<JWTPayload>> {
  const { d: _private, ...publicJwk } = jwk;
  const key = await importJWK(publicJwk, ALG);
  return async (token) => (await jwtVerify(token, key, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: [ALG] })).payload;
}
