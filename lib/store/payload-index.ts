/** Payload index entries and backfill progress: the Puts and Deletes written with payloads, and the field query. */
import type { Page, Table, TransactItem } from '../dynamo/table.js';
import { type PayloadIndexBackfillItem, type PayloadIndexEntryItem } from '../generated/table.js';
import { payloadIndexEntryKeys } from '../generated/records/payload_index_entry.js';
import { payloadIndexBackfillRules } from '../generated/records/payload_index_backfill.js';
import { payloadIndexEntryRules } from '../generated/records/payload_index_entry.js';

export interface FieldMatch {
  workspace_id: string;
  schema_name: string;
  field: string;
  /** Encoded value; `prefix` matches every value starting with it. */
  value: string;
  prefix: boolean;
}

export class PayloadIndexStore {
  constructor(private readonly table: Table) {}

  /** The Put of an entry (replacing the entry of an earlier revision under the same value). */
  put(entry: PayloadIndexEntryItem): TransactItem {
    return this.table.put(payloadIndexEntryRules, entry);
  }

  remove(entry: Pick<PayloadIndexEntryItem, 'workspace_id' | 'schema_name' | 'field' | 'value' | 'id'>): TransactItem {
    const k = payloadIndexEntryKeys.all(entry);
    return this.table.remove({ PK: k.PK!, SK: k.SK! });
  }

  /** The primary key of an entry as text, to tell which entries a change keeps. */
  keyOf(entry: Pick<PayloadIndexEntryItem, 'workspace_id' | 'schema_name' | 'field' | 'value' | 'id'>): string {
    const k = payloadIndexEntryKeys.all(entry);
    return `${k.PK}\u0000${k.SK}`;
  }

  /** One page of entries matching a field's value: one Query on the primary key (strongly consistent). */
  find(m: FieldMatch, limit: number, cursor?: string): Promise<Page<PayloadIndexEntryItem>> {
    const keys = payloadIndexEntryKeys.primary;
    // Encoded values hold no "#", so the prefix of the value's whole segment matches that value exactly.
    const sortKeyPrefix = m.prefix ? keys.skPrefix({}, m.value) : keys.skPrefix({ value: m.value });
    const where = { partitionKey: keys.pk({ workspace_id: m.workspace_id, schema_name: m.schema_name, field: m.field }), sortKeyPrefix, consistent: true };
    return this.table.pageRecords(payloadIndexEntryRules, 'querying payloads by field', where, limit, cursor);
  }

  async backfill(key: Pick<PayloadIndexBackfillItem, 'workspace_id' | 'schema_name' | 'schema_ref'>): Promise<PayloadIndexBackfillItem | undefined> {
    return this.table.read(payloadIndexBackfillRules, key, { consistent: true });
  }

  async saveBackfill(item: PayloadIndexBackfillItem): Promise<void> {
    await this.table.putItem(this.table.put(payloadIndexBackfillRules, item));
  }
}
