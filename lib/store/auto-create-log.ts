/** The auto-create log: one entry per request the worker created, skipped or failed to create. */
import type { Page, Table } from '../dynamo/table.js';
import type { AutoCreateLogEntryItem } from '../generated/table.js';
import { autoCreateLogEntryRules } from '../generated/records/auto_create_log_entry.js';

export type AutoCreateInput = Omit<AutoCreateLogEntryItem, 'id' | 'created_at' | 'details'> & { details: unknown };

export class AutoCreateLogStore {
  constructor(private readonly table: Table) {}

  /** Writes one entry (one PutItem: the log records what happened, it changes nothing else); id and time from the table's clock. */
  async append(input: AutoCreateInput): Promise<void> {
    const item: AutoCreateLogEntryItem = { ...input, details: JSON.stringify(input.details), id: this.table.clock.newId(), created_at: this.table.clock.now().toISOString() };
    await this.table.putItem(this.table.put(autoCreateLogEntryRules, item, { expression: 'attribute_not_exists(PK)' }));
  }

  /** A workspace's entries, newest first. */
  list(workspace_id: string, limit: number, cursor?: string): Promise<Page<AutoCreateLogEntryItem>> {
    return this.table.page(
      'listing the auto-create log',
      async () => (await this.table.entities()).auto_create_log_entry.query.auto_create_log_by_workspace({ workspace_id }).go({ limit, cursor: cursor ?? null, order: 'desc' }),
      (i: AutoCreateLogEntryItem) => i,
    );
  }
}
