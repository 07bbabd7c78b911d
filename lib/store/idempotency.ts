/**
 * Idempotency records: a write and the record of its first answer, committed together, so a retry with
 * the same key finds the answer instead of writing twice.
 */
import { cancellationCodes, translate } from '../dynamo/errors.js';
import type { Table, TransactItem } from '../dynamo/table.js';
import type { IdempotencyRecordItem } from '../generated/table.js';
import { idempotencyRecordRules } from '../generated/records/idempotency_record.js';

export type IdempotencyKey = Pick<IdempotencyRecordItem, 'workspace_id' | 'principal' | 'idempotency_key'>;

export class IdempotencyStore {
  constructor(private readonly table: Table) {}

  /**
   * Commits `change` (one item or several) with `record` in one transaction: true when both were written, false when the key is
   * already taken by an unexpired record (the change is then not made). `context` names the change in errors.
   */
  async commitOnce(change: TransactItem | TransactItem[], record: IdempotencyRecordItem, nowSeconds: number, context: string): Promise<boolean> {
    const changes = Array.isArray(change) ? change : [change];
    try {
      await this.table.transact([...changes, this.recordPut(record, nowSeconds)]);
      return true;
    } catch (e) {
      if (cancellationCodes(e)?.[changes.length] !== 'ConditionalCheckFailed') translate(e, context);
      return false;
    }
  }

  /** The Put of a record, for a transaction that tells its own condition failures apart (a publish's race). */
  recordPut(record: IdempotencyRecordItem, nowSeconds: number): TransactItem {
    // TTL deletes lazily, so an expired record still present must not block a new request.
    return this.table.put(idempotencyRecordRules, record, { expression: 'attribute_not_exists(PK) OR expires_at < :now', values: { ':now': nowSeconds } });
  }

  async get(key: IdempotencyKey): Promise<IdempotencyRecordItem | undefined> {
    return this.table.read(idempotencyRecordRules, key, { consistent: true });
  }
}
