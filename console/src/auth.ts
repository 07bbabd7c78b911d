/**
 * Who is signed in: a bearer token kept in sessionStorage (gone when the tab closes), its claims, and the
 * two ways to get one: a pasted dev token (local), or Cognito's hosted UI with the authorization-code flow
 * and PKCE (deployed; a public client, so no secret lives in the page).
 */
import { ROLES, type Role } from './roles.js';

export type AuthConfig = { type: 'token' } | { type: 'cognito'; domain_url: string; client_id: string };

export interface Session {
  token: string;
  user: string;
  expiresAt: number;
  /** Role per workspace, from `cognito:groups` entries `{workspace}:{role}`. */
  workspaces: Record<string, Role>;
}

const TOKEN_KEY = 'registry.token';
const PKCE_KEY = 'registry.pkce';

function base64UrlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '=');
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}

function base64UrlEncode(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Reads a JWT's claims (the API verifies the signature; the page only needs to know what to show). */
export function sessionFromToken(token: string): Session {
  const parts = token.trim().split('.');
  if (parts.length !== 3) throw new Error('this is not a JWT: expected three dot-separated parts');
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(base64UrlDecode(parts[1]!)) as Record<string, unknown>;
  } catch {
    throw new Error('the token\u2019s payload is not base64url-encoded JSON');
  }
  if (typeof claims.sub !== 'string') throw new Error('the token has no sub claim');
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity;
  if (exp <= Date.now()) throw new Error('the token has expired; mint a new one with npm run token');
  const workspaces: Record<string, Role> = {};
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
  for (const g of groups) {
    const [ws, role] = String(g).split(':');
    if (!ws || !ROLES.includes(role as Role)) continue;
    const prev = workspaces[ws];
    if (!prev || ROLES.indexOf(role as Role) > ROLES.indexOf(prev)) workspaces[ws] = role as Role;
  }
  return { token: token.trim(), user: claims.sub, expiresAt: exp, workspaces };
}

export function savedSession(): Session | undefined {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return undefined;
  try {
    return sessionFromToken(token);
  } catch {
    sessionStorage.removeItem(TOKEN_KEY);
    return undefined;
  }
}

export function saveSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(TOKEN_KEY, session.token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** The page's own address without query or hash: the redirect URI registered on the Cognito app client. */
const redirectUri = () => `${location.origin}/console`;

/** Starts the hosted-UI sign-in: a fresh verifier and state, kept for the redirect back. */
export async function startCognitoSignIn(config: Extract<AuthConfig, { type: 'cognito' }>): Promise<void> {
  const verifier = base64UrlEncode(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64UrlEncode(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64UrlEncode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: config.client_id,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  location.assign(`${config.domain_url}/oauth2/authorize?${q}`);
}

/**
 * Completes the sign-in when Cognito redirected back with ?code&state: checks the state, exchanges the code
 * and verifier for tokens, and removes the code from the address bar. The ID token is the API's bearer
 * (it carries `aud` and `cognito:groups`).
 */
export async function finishCognitoSignIn(config: Extract<AuthConfig, { type: 'cognito' }>): Promise<Session | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return undefined;
  history.replaceState(null, '', redirectUri() + location.hash);
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PKCE_KEY);
  if (!saved || saved.state !== params.get('state')) throw new Error('the sign-in answer does not match a sign-in this tab started; sign in again');
  const res = await fetch(`${config.domain_url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.client_id, code, redirect_uri: redirectUri(), code_verifier: saved.verifier }),
  });
  if (!res.ok) throw new Error(`Cognito refused the sign-in code (${res.status}); sign in again`);
  const { id_token } = (await res.json()) as { id_token?: string };
  if (!id_token) throw new Error('Cognito answered without an ID token');
  return sessionFromToken(id_token);
}

export function cognitoSignOutUrl(config: Extract<AuthConfig, { type: 'cognito' }>): string {
  return `${config.domain_url}/logout?${new URLSearchParams({ client_id: config.client_id, logout_uri: redirectUri() })}`;
}
