/** The "used by" side of references between versions, and the write that marks a version as used. */
import type { Page, Table, TransactItem } from '../dynamo/table.js';
import { type SchemaReferenceItem, type SchemaVersionItem } from '../generated/table.js';
import { schemaReferenceKeys } from '../generated/records/schema_reference.js';
import { schemaVersionKeys } from '../generated/records/schema_version.js';
import { schemaReferenceRules } from '../generated/records/schema_reference.js';

export class SchemaReferenceStore {
  constructor(private readonly table: Table) {}

  /** The Put recording that `referrer_id` uses `referenced_id` (new, in the referrer's publish). */
  put(item: SchemaReferenceItem): TransactItem {
    return this.table.put(schemaReferenceRules, item, { expression: 'attribute_not_exists(PK)' });
  }

  /** The versions that reference one version, oldest first. */
  usedBy(workspace_id: string, referenced_id: string, limit: number, cursor?: string): Promise<Page<SchemaReferenceItem>> {
    const where = { partitionKey: schemaReferenceKeys.primary.pk({ workspace_id, referenced_id }), sortKeyPrefix: schemaReferenceKeys.primary.skPrefix() };
    return this.table.pageRecords(schemaReferenceRules, 'listing references', where, limit, cursor);
  }

  /**
   * The Update that marks `version` as used by a version becoming usable (published or re-activated):
   * conditional on it not being disabled, and changing its `referrer_token`, on which disabling it is
   * conditional. Either write that comes second fails, so no active version uses a disabled one.
   */
  markUsed(version: Pick<SchemaVersionItem, 'workspace_id' | 'name' | 'version' | 'id'>, token: string): TransactItem {
    const { PK, SK } = schemaVersionKeys.all(version);
    return {
      Update: {
        TableName: this.table.name,
        Key: { PK: PK!, SK: SK! },
        UpdateExpression: 'SET #t = :t',
        ConditionExpression: 'attribute_exists(PK) AND #s <> :disabled',
        ExpressionAttributeNames: { '#t': 'referrer_token', '#s': 'state' },
        ExpressionAttributeValues: { ':t': token, ':disabled': 'disabled' },
      },
    };
  }
}
