/**
 * The API key format, `srk_{workspace}_{id}_{secret}`: it names its own item (workspace and id), so one
 * GetItem finds it; only the secret's SHA-256 is stored. Neither a workspace id nor a ULID holds "_", so
 * the first three split it unambiguously (the base64url secret may hold more).
 */
import { createHash } from 'node:crypto';
import type { ApiKeyItem } from '../generated/table.js';

const PREFIX = 'srk_';
export const SECRET_BYTES = 32;
const KEY = /^srk_([a-z0-9][a-z0-9-]{0,62})_([0-9A-HJKMNP-TV-Z]{26})_([A-Za-z0-9_-]{43})$/;

/** Whether a presented token is an API key rather than a JWT (whose first segment never starts so). */
export const isApiKey = (token: string) => token.startsWith(PREFIX);

export const formatApiKey = (workspaceId: string, id: string, secret: string) => `${PREFIX}${workspaceId}_${id}_${secret}`;

export function parseApiKey(key: string): { workspaceId: string; id: string; secret: string } | undefined {
  const m = KEY.exec(key);
  return m ? { workspaceId: m[1]!, id: m[2]!, secret: m[3]! } : undefined;
}

export const secretHash = (secret: string) => createHash('sha256').update(secret).digest();

export type ApiKeyState = 'active' | 'expired' | 'revoked';

export function stateOf(item: ApiKeyItem, now: Date): ApiKeyState {
  if (item.revoked_at) return 'revoked';
  return item.valid_until && item.valid_until <= now.toISOString() ? 'expired' : 'active';
}
