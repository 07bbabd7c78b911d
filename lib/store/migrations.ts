/** Migration attempts: the Put written with each apply or rollback, and a sink's attempts in time order. */
import type { Table, TransactItem } from '../dynamo/table.js';
import type { MigrationAttemptItem } from '../generated/table.js';
import { migrationAttemptRules } from '../generated/records/migration_attempt.js';

export type AttemptInput = Omit<MigrationAttemptItem, 'id' | 'at'>;

export class MigrationAttemptStore {
  constructor(private readonly table: Table) {}

  /** The Put of one attempt, for the transaction of the request's status change; id and time from the table's clock. */
  put(input: AttemptInput): { item: MigrationAttemptItem; put: TransactItem } {
    const item: MigrationAttemptItem = { ...input, id: this.table.clock.newId(), at: this.table.clock.now().toISOString() };
    return { item, put: this.table.put(migrationAttemptRules, item, { expression: 'attribute_not_exists(PK)' }) };
  }

  /** Every attempt on one sink, oldest first (the registry's side of the sink's status). */
  async bySink(workspace_id: string, sink: string): Promise<MigrationAttemptItem[]> {
    const { data } = await (await this.table.entities()).migration_attempt.query.migration_attempts_by_sink({ workspace_id, sink }).go({ pages: 'all' });
    return data as MigrationAttemptItem[];
  }
}
