/** API keys: one item per key of a workspace, read by id on every request that presents it, listed, revoked. */
import type { Table, TransactItem } from '../dynamo/table.js';
import type { ApiKeyItem } from '../generated/table.js';
import { apiKeyRules } from '../generated/records/api_key.js';

export class ApiKeyStore {
  constructor(private readonly table: Table) {}

  /** The key, revoked or not; eventually consistent: a key is used well after it is created. */
  async get(workspace_id: string, id: string, { consistent = false } = {}): Promise<ApiKeyItem | undefined> {
    return this.table.read(apiKeyRules, { workspace_id, id }, { consistent });
  }

  /** Every key of a workspace, oldest first, revoked ones included (a workspace has a handful). */
  async list(workspace_id: string): Promise<ApiKeyItem[]> {
    const { data } = await (await this.table.entities()).api_key.query.api_keys_by_workspace({ workspace_id }).go({ pages: 'all' });
    return data as ApiKeyItem[];
  }

  /** The Put of a new key; its id is new, so it never replaces one. */
  create(item: ApiKeyItem): TransactItem {
    return this.table.put(apiKeyRules, item, { expression: 'attribute_not_exists(PK)' });
  }

  /** The Put of a key's tombstone (the key with revoked_at set), conditional on it not being revoked already. */
  revoke(revoked: ApiKeyItem): TransactItem {
    return this.table.put(apiKeyRules, revoked, { expression: 'attribute_exists(PK) AND attribute_not_exists(revoked_at)' });
  }
}
