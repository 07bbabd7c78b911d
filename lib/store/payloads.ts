/**
 * Payloads: the Put of a new one, strongly consistent reads by workspace and id, the conditional writes
 * of updates and deletes with the revisions they replace, and the sharded listings by schema name and version.
 */
import { translate } from '../dynamo/errors.js';
import { listPayloads, type ListingOf } from './payload-listing.js';
import type { Page, Table, TransactItem } from '../dynamo/table.js';
import { type PayloadDeletionItem, type PayloadItem, type PayloadRevisionItem } from '../generated/table.js';
import { payloadKeys } from '../generated/records/payload.js';
import { payloadDeletionKeys } from '../generated/records/payload_deletion.js';
import { payloadRevisionKeys } from '../generated/records/payload_revision.js';
import { payloadRules } from '../generated/records/payload.js';
import { payloadDeletionRules } from '../generated/records/payload_deletion.js';
import { payloadRevisionRules } from '../generated/records/payload_revision.js';

/** What is stored under one payload id in one workspace: the payload, or the marker of its deletion. */
export interface StoredPayload {
  payload?: PayloadItem;
  deletion?: PayloadDeletionItem;
}

/**
 * The condition that the stored payload is still the one `read`: at its revision, and with the index entries
 * it had. A backfill adds entries without making a revision, and a writer working from the older read would
 * leave the added entries behind. Payloads written before revisions existed have no attribute and are revision 1.
 */
function asRead(read: Pick<PayloadItem, 'revision' | 'indexed_fields'>) {
  const revision = read.revision ?? 1;
  const atRevision = revision === 1 ? 'attribute_exists(PK) AND (attribute_not_exists(revision) OR revision = :rev)' : 'revision = :rev';
  const sameEntries = read.indexed_fields === undefined ? 'attribute_not_exists(indexed_fields)' : 'indexed_fields = :indexed';
  return { expression: `${atRevision} AND ${sameEntries}`, values: { ':rev': revision, ...(read.indexed_fields === undefined ? {} : { ':indexed': read.indexed_fields }) } };
}

const primaryKey = (keys: Record<string, string>) => ({ PK: keys.PK!, SK: keys.SK! });

export class PayloadStore {
  constructor(private readonly table: Table) {}

  /** The Put of a new payload (never overwriting one), alone or for an idempotent write's transaction. */
  put(item: PayloadItem): TransactItem {
    return this.table.put(payloadRules, item, { expression: 'attribute_not_exists(PK)' });
  }

  /** Stores a new payload: one PutItem call, or one transaction with the items written `alongside` it (its index entries). */
  async create(item: PayloadItem, alongside: TransactItem[] = []): Promise<void> {
    try {
      await (alongside.length ? this.table.transact([this.put(item), ...alongside]) : this.table.putItem(this.put(item)));
    } catch (e) {
      translate(e, 'storing the payload');
    }
  }

  /**
   * The payload `id` in whichever of `workspaces` holds it (ids are unique, so at most one does), read
   * strongly consistently on the primary key: one GetItem for one workspace, else one BatchGetItem.
   * `withDeletion` also reads the deletion marker.
   */
  async find(workspaces: readonly string[], id: string, withDeletion = false): Promise<StoredPayload & { workspace_id?: string }> {
    const keys = workspaces.flatMap((workspace_id) => [
      { PK: payloadKeys.primary.pk({ workspace_id, id }), SK: payloadKeys.primary.sk() },
      ...(withDeletion ? [primaryKey(payloadDeletionKeys.all({ workspace_id, id }))] : []),
    ]);
    if (keys.length === 0) return {};
    const items = keys.length === 1 ? [await this.table.getItem(keys[0]!)].filter((i) => i !== undefined) : await this.table.batchGet(keys, { consistent: true });
    const payload = items.find((i) => i.SK === 'PAYLOAD') as PayloadItem | undefined;
    const deletion = items.find((i) => i.SK === 'DELETED') as PayloadDeletionItem | undefined;
    return { ...(payload ? { payload } : {}), ...(deletion ? { deletion } : {}) };
  }

  /** The Put replacing a payload, conditional on it still being the one `read`. */
  replace(item: PayloadItem, read: PayloadItem): TransactItem {
    return this.table.put(payloadRules, item, asRead(read));
  }

  /** The Delete of a payload, conditional on it still being as it was read. */
  remove(read: PayloadItem): TransactItem {
    return this.table.remove(primaryKey(payloadKeys.all(read)), asRead(read));
  }

  /** The Put of a replaced revision (each revision number is kept once). */
  keepRevision(item: PayloadRevisionItem): TransactItem {
    return this.table.put(payloadRevisionRules, item, { expression: 'attribute_not_exists(PK)' });
  }

  /** The Put of a deletion marker, or of its erased form over it. */
  markDeleted(item: PayloadDeletionItem, erasing = false): TransactItem {
    return this.table.put(payloadDeletionRules, item, { expression: erasing ? 'attribute_exists(PK)' : 'attribute_not_exists(PK)' });
  }

  /** One page of a payload's kept revisions, oldest first. */
  revisions(workspace_id: string, id: string, limit: number, cursor?: string): Promise<Page<PayloadRevisionItem>> {
    const where = { partitionKey: payloadRevisionKeys.primary.pk({ workspace_id, id }), sortKeyPrefix: payloadRevisionKeys.primary.skPrefix() };
    return this.table.pageRecords(payloadRevisionRules, 'listing revisions', where, limit, cursor);
  }

  /** The Delete of a kept revision (erasure). */
  eraseRevision(item: Pick<PayloadRevisionItem, 'workspace_id' | 'id' | 'revision'>): TransactItem {
    return this.table.remove(primaryKey(payloadRevisionKeys.all(item)));
  }

  /** One page of a schema's payloads (or of one version's, with `schema_ref`), oldest first, merged over its `shards`. */
  list(of: ListingOf, shards: number, limit: number, cursor?: string): Promise<Page<PayloadItem>> {
    return listPayloads(this.table, of, shards, limit, cursor);
  }
}
