/** Payloads: the Put of a new one, and reads by id, by schema version and by schema name. */
import { translate } from '../dynamo/errors.js';
import type { Page, Table, TransactItem } from '../dynamo/table.js';
import type { PayloadItem } from '../generated/table.js';

export class PayloadStore {
  constructor(private readonly table: Table) {}

  /** The Put of a new payload (never overwriting one), alone or for an idempotent write's transaction. */
  put(item: PayloadItem): TransactItem {
    return this.table.put('payload', item, { expression: 'attribute_not_exists(PK)' });
  }

  /** Stores a new payload in one PutItem call. */
  async create(item: PayloadItem): Promise<void> {
    try {
      await this.table.putItem(this.put(item));
    } catch (e) {
      translate(e, 'storing the payload');
    }
  }

  async byId(id: string): Promise<PayloadItem | undefined> {
    const { data } = await this.table.entities.payload.query.payload_by_id({ id }).go({ limit: 1 });
    return data[0] as PayloadItem | undefined;
  }

  bySchemaVersion(workspace_id: string, schema_ref: string, limit: number, cursor?: string): Promise<Page<PayloadItem>> {
    return this.table.page('listing payloads', () => this.table.entities.payload.query.payloads_by_schema_version({ workspace_id, schema_ref }).go({ limit, cursor: cursor ?? null }), (p: PayloadItem) => p);
  }

  bySchemaName(workspace_id: string, schema_name: string, limit: number, cursor?: string): Promise<Page<PayloadItem>> {
    return this.table.page('listing payloads', () => this.table.entities.payload.query.payloads_by_schema_name({ workspace_id, schema_name }).go({ limit, cursor: cursor ?? null }), (p: PayloadItem) => p);
  }
}
