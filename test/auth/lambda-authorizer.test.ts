/**
 * The Lambda authorizer of the HTTP Basic routes against a real issuer served on a local port: its OpenID
 * discovery document and JWKS, RS256 tokens signed with its key.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authorizeRequest, type AuthorizerResult, type CredentialVerifiers } from '../../lib/auth/lambda-authorizer.js';
import { jwtVerifier, type TokenVerifier } from '../../lib/auth/jwt-verifier.js';
import { principalFromClaims, principalFromEvent } from '../../lib/auth/principal.js';

const AUDIENCE = 'serializer-client';
type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

let server: Server;
let issuer: string;
let signingKey: Key;
let otherKey: Key;
/** Answers the discovery document with this status while set (a fault of the issuer). */
let discoveryStatus: number | undefined;
let discoveries = 0;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
  server = createServer((req, res) => {
    if (req.url === '/pool/.well-known/openid-configuration') {
      discoveries++;
      if (discoveryStatus) return res.writeHead(discoveryStatus).end();
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks.json` }));
    }
    if (req.url === '/pool/jwks.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pool`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface TokenOptions {
  claims?: JWTPayload;
  key?: Key;
  alg?: string;
  issuer?: string;
  audience?: string | null;
  expiresIn?: string | number;
}
async function token(o: TokenOptions = {}): Promise<string> {
  let jwt = new SignJWT({ 'cognito:groups': ['acme:writer', 'globex:reader'], ...o.claims })
    .setProtectedHeader({ alg: o.alg ?? 'RS256', kid: 'k1' })
    .setSubject('alice')
    .setIssuer(o.issuer ?? issuer)
    .setIssuedAt()
    .setExpirationTime(o.expiresIn ?? '1h');
  if (o.audience !== null) jwt = jwt.setAudience(o.audience ?? AUDIENCE);
  return jwt.sign(o.key ?? signingKey);
}
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const refusal = (r: AuthorizerResult) => (r.isAuthorized ? 'authorized' : r.reason);
/** Tokens only: API keys are checked against their items (test/api/api-keys.test.ts). */
const tokensOnly = (token: TokenVerifier): CredentialVerifiers => ({ token, apiKey: () => Promise.reject(new Error('an API key was not expected here')) });

describe('the Lambda authorizer of the HTTP Basic routes', () => {
  let verify: CredentialVerifiers;
  beforeAll(() => {
    verify = tokensOnly(jwtVerifier({ issuer, audience: [AUDIENCE, 'console-client'] }));
  });

  it('accepts the token as a Basic password or a Bearer token, and passes on the principal the handler builds', async () => {
    const t = await token();
    for (const authorization of [basic('acme', t), `Bearer ${t}`]) {
      const result = await authorizeRequest({ headers: { authorization } }, verify);
      expect(result).toEqual({ isAuthorized: true, context: { sub: 'alice', 'cognito:groups': '[acme:writer globex:reader]' } });
      // The handler reads these at requestContext.authorizer.lambda and gets what the JWT authorizer's claims give.
      const principal = principalFromEvent({ requestContext: { authorizer: { lambda: result.isAuthorized ? result.context : {} } } });
      expect(principal).toEqual(principalFromClaims({ sub: 'alice', 'cognito:groups': ['acme:writer', 'globex:reader'] }));
      expect([...principal.roles]).toEqual([['acme', 'writer'], ['globex', 'reader']]);
    }
  });

  it('sends an API key to the key check, not to the token verifier', async () => {
    const seen: string[] = [];
    const routed: CredentialVerifiers = {
      token: () => Promise.reject(new Error('a token verifier was asked')),
      apiKey: async (key) => (seen.push(key), { sub: 'apikey:01HF7YG000A1B2C3D4E5F6G7H8', 'cognito:groups': ['acme:writer'] }),
    };
    const key = `srk_acme_01HF7YG000A1B2C3D4E5F6G7H8_${'a'.repeat(43)}`;
    expect(await authorizeRequest({ headers: { authorization: basic('acme', key) } }, routed)).toEqual({
      isAuthorized: true,
      context: { sub: 'apikey:01HF7YG000A1B2C3D4E5F6G7H8', 'cognito:groups': '[acme:writer]' },
    });
    expect(seen).toEqual([key]);
  });

  it('accepts client_id in place of a missing aud, as in Cognito access tokens', async () => {
    const t = await token({ audience: null, claims: { client_id: 'console-client', token_use: 'access' } });
    expect(refusal(await authorizeRequest({ headers: { authorization: basic('', t) } }, verify))).toBe('authorized');
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['another audience', () => token({ audience: 'someone-else' }), /not issued for this API/],
    ['a client_id not trusted', () => token({ audience: null, claims: { client_id: 'someone-else' } }), /not issued for this API/],
    ['another issuer', () => token({ issuer: 'https://evil.example.com/pool' }), /iss/],
    ['an expired token', () => token({ expiresIn: Math.floor(Date.now() / 1000) - 60 }), /exp/],
    ['a token signed with another key', () => token({ key: otherKey }), /signature/],
    ['a token with no subject', async () => new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(issuer).setAudience(AUDIENCE).setExpirationTime('1h').sign(signingKey), /no subject/],
  ])('refuses %s', async (_what, make, reason) => {
    const t = await make();
    expect(refusal(await authorizeRequest({ headers: { authorization: basic('acme', t) } }, verify))).toMatch(reason);
  });

  it('refuses a token signed with an algorithm the JWT authorizer does not accept', async () => {
    const es = (await generateKeyPair('ES256')).privateKey;
    expect(refusal(await authorizeRequest({ headers: { authorization: `Bearer ${await token({ key: es, alg: 'ES256' })}` } }, verify))).toMatch(/alg/);
  });

  it.each([
    ['no Authorization header', undefined, /missing bearer token/],
    ['Basic credentials without a password', basic('acme', ''), /no password/],
    ['a word that is no JWT', 'Bearer not-a-jwt', /Invalid Compact JWS|JWS/],
  ])('refuses %s, without echoing the header', async (_what, authorization, reason) => {
    const result = await authorizeRequest({ headers: authorization ? { authorization } : {} }, verify);
    expect(refusal(result)).toMatch(reason);
    if (authorization) expect(refusal(result)).not.toContain(authorization.split(' ')[1]);
  });

  it('retries the discovery after the issuer failed it, instead of refusing every token of the container', async () => {
    const fresh = tokensOnly(jwtVerifier({ issuer, audience: [AUDIENCE] }));
    const t = await token();
    discoveryStatus = 503;
    const before = discoveries;
    expect(refusal(await authorizeRequest({ headers: { authorization: basic('acme', t) } }, fresh))).toMatch(/discovery document answered 503/);
    discoveryStatus = undefined;
    expect(refusal(await authorizeRequest({ headers: { authorization: basic('acme', t) } }, fresh))).toBe('authorized');
    expect(refusal(await authorizeRequest({ headers: { authorization: basic('acme', t) } }, fresh))).toBe('authorized');
    expect(discoveries - before).toBe(2); // the failure, then one success cached for the container
  });

  it('takes keys over plain HTTP only from a plain-HTTP issuer', async () => {
    const https = 'https://issuer.example.com/pool';
    const discovery = async () => new Response(JSON.stringify({ issuer: https, jwks_uri: `${issuer}/jwks.json` }), { status: 200 });
    const v = tokensOnly(jwtVerifier({ issuer: https, audience: [AUDIENCE] }, discovery as typeof fetch));
    expect(refusal(await authorizeRequest({ headers: { authorization: `Bearer ${await token({ issuer: https })}` } }, v))).toMatch(/no usable jwks_uri/);
  });

  it('is the deployed handler: configured from JWT_ISSUER and JWT_AUDIENCE, answering only isAuthorized on a refusal', async () => {
    vi.stubEnv('JWT_ISSUER', issuer);
    vi.stubEnv('JWT_AUDIENCE', `other, ${AUDIENCE}`);
    try {
      const { handler } = await import('../../functions/authorizer.js');
      const call = (authorization: string) => handler({ headers: { authorization } }, {} as never);
      expect(await call(basic('acme', await token()))).toMatchObject({ isAuthorized: true, context: { sub: 'alice' } });
      expect(await call(basic('acme', await token({ audience: 'x' })))).toEqual({ isAuthorized: false });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
