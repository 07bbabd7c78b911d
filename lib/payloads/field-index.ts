/**
 * Queries by an indexed field, and the backfill that gives payloads stored before a version declared its
 * `x-registry-index` their entries. The backfill walks the schema's payloads a page at a time and saves
 * its cursor after each page, so a run that stops (a timeout, a fault) resumes where the last page ended;
 * entries are Puts and payloads already indexed are skipped, so redoing a page changes nothing.
 */
import { authorize, type Principal } from '../auth/principal.js';
import { cancellationCodes } from '../dynamo/errors.js';
import type { Clock, Page, Transactor } from '../dynamo/table.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import type { PayloadIndexBackfillItem, PayloadItem } from '../generated/table.js';
import type { SchemaVersionCache } from '../schemas/version-cache.js';
import type { PayloadIndexStore } from '../store/payload-index.js';
import type { PayloadStore } from '../store/payloads.js';
import { declaredFields, encodeText, indexedFields, indexWrites, payloadOfEntry, withIndexedFields } from './index-entries.js';
import { toPayload, type Payload } from './model.js';
import type { FieldCondition } from './field-condition.js';
import type { ShardCounts } from './shard.js';

/** Payloads read per backfill page. */
export const BACKFILL_PAGE = 100;
/** Pages one backfill call works through at most, so a call fits a Lambda invocation. */
export const DEFAULT_BACKFILL_PAGES = 20;
const RETRIES = 3;

export type BackfillProgress = Omit<PayloadIndexBackfillItem, 'cursor'> & { fields: string[] };

export class PayloadFieldIndex {
  constructor(
    private readonly stores: { payloads: PayloadStore; index: PayloadIndexStore },
    private readonly tx: Transactor,
    private readonly versions: SchemaVersionCache,
    private readonly clock: Clock,
    private readonly shards: ShardCounts,
  ) {}

  /** A page of a schema's payloads whose `field` equals (or starts with) `value`: one Query. */
  async query(principal: Principal, workspaceId: string, schemaName: string, c: FieldCondition, limit: number, cursor?: string): Promise<Page<Payload>> {
    authorize(principal, workspaceId, 'reader', 'workspace');
    if (!c.prefix && c.value === '') throw new BadRequestError(`where[${c.field}] needs a value: empty strings are not indexed`);
    const page = await this.stores.index.find({ workspace_id: workspaceId, schema_name: schemaName, field: c.field, value: encodeText(c.value), prefix: c.prefix }, limit, cursor);
    return { items: page.items.map((e) => toPayload(payloadOfEntry(e))), next_cursor: page.next_cursor };
  }

  /** Works through up to `maxPages` pages of the backfill of version `versionId`'s indexes; answers the progress. */
  async backfill(principal: Principal, versionId: string, maxPages = DEFAULT_BACKFILL_PAGES): Promise<BackfillProgress> {
    const version = await this.versions.get(versionId);
    if (!version) throw new NotFoundError(`schema version ${versionId} not found`);
    authorize(principal, version.workspace_id, 'admin', `schema version ${versionId}`);
    const fields = declaredFields(version);
    const key = { workspace_id: version.workspace_id, schema_name: version.name, schema_ref: version.id };
    const at = () => this.clock.now().toISOString();
    let job: PayloadIndexBackfillItem = (await this.stores.index.backfill(key)) ?? { ...key, status: 'running', scanned: 0, indexed: 0, started_at: at(), updated_at: at(), started_by: principal.id };
    for (let pages = 0; job.status === 'running' && pages < maxPages; pages++) {
      const page: Page<PayloadItem> = fields.length ? await this.stores.payloads.list({ workspace_id: key.workspace_id, schema_name: key.schema_name }, await this.shards.forRead(key.workspace_id, key.schema_name), BACKFILL_PAGE, job.cursor) : { items: [], next_cursor: null };
      let indexed = 0;
      for (const item of page.items) if (await this.indexOne(item, fields)) indexed++;
      const { cursor: _done, ...rest } = job;
      job = { ...rest, scanned: job.scanned + page.items.length, indexed: job.indexed + indexed, updated_at: at(), ...(page.next_cursor ? { cursor: page.next_cursor } : { status: 'done' }) };
      await this.stores.index.saveBackfill(job);
    }
    return this.progress(job, fields);
  }

  /** The progress of version `versionId`'s backfill, 404 before it started. */
  async status(principal: Principal, versionId: string): Promise<BackfillProgress> {
    const version = await this.versions.get(versionId);
    if (!version) throw new NotFoundError(`schema version ${versionId} not found`);
    authorize(principal, version.workspace_id, 'reader', `schema version ${versionId}`);
    const job = await this.stores.index.backfill({ workspace_id: version.workspace_id, schema_name: version.name, schema_ref: version.id });
    if (!job) throw new NotFoundError(`no index backfill was started for schema version ${versionId}`);
    return this.progress(job, declaredFields(version));
  }

  private progress(job: PayloadIndexBackfillItem, fields: readonly string[]): BackfillProgress {
    const { cursor: _c, ...rest } = job;
    return { ...rest, fields: [...fields] };
  }

  /**
   * Gives one payload entries for `fields` it lacks, conditional on its revision: a payload changed
   * meanwhile is read again (consistently) and retried; one deleted meanwhile is skipped.
   */
  private async indexOne(listed: PayloadItem, fields: readonly string[]): Promise<boolean> {
    let item: PayloadItem | undefined = listed;
    for (let attempt = 0; item && attempt < RETRIES; attempt++) {
      const have = indexedFields(item);
      if (fields.every((f) => have.includes(f))) return false;
      const next = withIndexedFields(item, [...new Set([...have, ...fields])]);
      try {
        await this.tx.transact([this.stores.payloads.replace(next, item), ...indexWrites(this.stores.index, item, next)]);
        return true;
      } catch (e) {
        if (cancellationCodes(e)?.[0] !== 'ConditionalCheckFailed') throw e;
        item = (await this.stores.payloads.find([item.workspace_id], item.id)).payload;
      }
    }
    return false;
  }
}
