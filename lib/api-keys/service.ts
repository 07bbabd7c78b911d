/**
 * API keys: long-lived credentials of one role in one workspace for the clients of the Confluent-compatible
 * API that send a static secret (a Kafka serializer's HTTP Basic or static bearer token), which an ID token
 * expiring within the hour would stop. Admins create, list and revoke them; lib/api-keys/verify.ts checks
 * them; the format is lib/api-keys/key.ts's.
 */
import { randomBytes } from 'node:crypto';
import { authorize, type Principal } from '../auth/principal.js';
import type { Role } from '../auth/roles.js';
import type { Clock, IdGenerator, Transactor } from '../dynamo/table.js';
import { NotFoundError } from '../errors.js';
import type { ApiKeyItem } from '../generated/table.js';
import type { ApiKeyStore } from '../store/api-keys.js';
import type { AuditStore } from '../store/audit.js';
import { formatApiKey, parseApiKey, secretHash, SECRET_BYTES, stateOf, type ApiKeyState } from './key.js';

const DAY_MS = 86_400_000;

export interface ApiKeyView {
  id: string;
  workspace_id: string;
  name: string;
  role: Role;
  state: ApiKeyState;
  valid_until?: string;
  created_at: string;
  created_by: string;
  revoked_at?: string;
  revoked_by?: string;
}

export interface ApiKeyInput {
  name: string;
  role: Role;
  valid_days?: number;
}

export class ApiKeyService {
  constructor(
    private readonly deps: {
      stores: { apiKeys: ApiKeyStore; audit: AuditStore };
      tx: Transactor;
      clock: Clock & IdGenerator;
      /** The secret part of a new key. @default 32 random bytes, base64url */
      newSecret?: () => string;
    },
  ) {}

  /** Creates a key and answers it whole, the only time its secret is shown. */
  async create(principal: Principal, workspaceId: string, input: ApiKeyInput): Promise<ApiKeyView & { key: string }> {
    authorize(principal, workspaceId, 'admin', 'workspace');
    const now = this.deps.clock.now();
    const secret = this.deps.newSecret?.() ?? randomBytes(SECRET_BYTES).toString('base64url');
    const item: ApiKeyItem = {
      workspace_id: workspaceId,
      id: this.deps.clock.newId(),
      name: input.name,
      role: input.role,
      secret_sha256: secretHash(secret).toString('hex'),
      ...(input.valid_days ? { valid_until: new Date(now.getTime() + input.valid_days * DAY_MS).toISOString() } : {}),
      created_at: now.toISOString(),
      created_by: principal.id,
    };
    const key = formatApiKey(workspaceId, item.id, secret);
    if (!parseApiKey(key)) throw new Error('a new API key does not read back as one; check the id generator and the secret');
    const view = this.view(item);
    await this.deps.tx.transact([this.deps.stores.apiKeys.create(item), this.audit(principal, item, 'api_key.created', undefined, view)]);
    return { ...view, key };
  }

  async list(principal: Principal, workspaceId: string): Promise<ApiKeyView[]> {
    authorize(principal, workspaceId, 'admin', 'workspace');
    return (await this.deps.stores.apiKeys.list(workspaceId)).map((i) => this.view(i));
  }

  /** Revokes a key for good: every later request presenting it is refused. */
  async revoke(principal: Principal, workspaceId: string, id: string): Promise<ApiKeyView> {
    authorize(principal, workspaceId, 'admin', 'workspace');
    const current = await this.deps.stores.apiKeys.get(workspaceId, id, { consistent: true });
    if (!current) throw new NotFoundError(`workspace ${workspaceId} has no API key ${id}`);
    if (current.revoked_at) return this.view(current);
    const revoked = { ...current, revoked_at: this.deps.clock.now().toISOString(), revoked_by: principal.id };
    await this.deps.tx.transactOrConflict(
      [this.deps.stores.apiKeys.revoke(revoked), this.audit(principal, current, 'api_key.revoked', this.view(current), this.view(revoked))],
      'the API key was revoked concurrently',
    );
    return this.view(revoked);
  }

  private view(item: ApiKeyItem): ApiKeyView {
    const { secret_sha256: _hash, ...shown } = item;
    return { ...shown, state: stateOf(item, this.deps.clock.now()) };
  }

  private audit(principal: Principal, item: ApiKeyItem, action: string, before: ApiKeyView | undefined, after: ApiKeyView) {
    return this.deps.stores.audit.put({ workspace_id: item.workspace_id, actor: principal.id, action, entity_type: 'api_key', entity_id: item.id, ...(before ? { before } : {}), after });
  }
}
