/** Payload index entries and backfill progress: the Puts and Deletes written with payloads, and the field query. */
import type { Page, Table, TransactItem } from '../dynamo/table.js';
import { payloadIndexEntryKeys, type PayloadIndexBackfillItem, type PayloadIndexEntryItem } from '../generated/table.js';

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
    return this.table.put('payload_index_entry', entry);
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
  async find(m: FieldMatch, limit: number, cursor?: string): Promise<Page<PayloadIndexEntryItem>> {
    const query = (await this.table.entities()).payload_index_entry.query.payload_index_entries_by_value({ workspace_id: m.workspace_id, schema_name: m.schema_name, field: m.field });
    return this.table.page(
      'querying payloads by field',
      // Encoded values hold no "#", so "VALUE#{value}#" matches that value exactly.
      () => query.begins({ value: m.prefix ? m.value : `${m.value}#` }).go({ limit, cursor: cursor ?? null, consistent: true }),
      (e: PayloadIndexEntryItem) => e,
    );
  }

  async backfill(key: Pick<PayloadIndexBackfillItem, 'workspace_id' | 'schema_name' | 'schema_ref'>): Promise<PayloadIndexBackfillItem | undefined> {
    return this.table.read('payload_index_backfill', key, { consistent: true });
  }

  async saveBackfill(item: PayloadIndexBackfillItem): Promise<void> {
    await this.table.putItem(this.table.put('payload_index_backfill', item));
  }
}
