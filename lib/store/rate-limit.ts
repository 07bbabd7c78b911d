/**
 * Token-bucket items (rate_limit_bucket): read whole, attribute families included, and replaced with a
 * conditional Put built by the generated entity, so keys and entity identifiers come from schema.yaml.
 */
import type { Table } from '../dynamo/table.js';
import { type RateLimitBucketItem } from '../generated/table.js';
import { rateLimitBucketKeys } from '../generated/records/rate_limit_bucket.js';
import { rateLimitBucketRules } from '../generated/records/rate_limit_bucket.js';

export type BucketId = Pick<RateLimitBucketItem, 'principal' | 'resource'>;

/** What a token bucket needs from its storage: a read, and a write that fails when another write landed first. */
export interface BucketStore {
  get(id: BucketId): Promise<RateLimitBucketItem | undefined>;
  /** Writes `next` unless the stored item is no longer `previous` (compared by `last_refill_ms`); false when it was. */
  replace(next: RateLimitBucketItem, previous: RateLimitBucketItem | undefined): Promise<boolean>;
}

export class RateLimitStore implements BucketStore {
  constructor(private readonly table: Table) {}

  async get(id: BucketId): Promise<RateLimitBucketItem | undefined> {
    return (await this.table.getItem(rateLimitBucketKeys.all(id))) as RateLimitBucketItem | undefined;
  }

  async replace(next: RateLimitBucketItem, previous: RateLimitBucketItem | undefined): Promise<boolean> {
    const { principal, resource, last_refill_ms, ...families } = next;
    const put = this.table.put(
      rateLimitBucketRules,
      { principal, resource, last_refill_ms },
      previous === undefined ? { expression: 'attribute_not_exists(PK)' } : { expression: 'last_refill_ms = :last', values: { ':last': previous.last_refill_ms } },
    );
    // The entity knows the fixed attributes; the per-limit families are added to the item it built.
    Object.assign(put.Put!.Item!, families);
    return this.table.putItemIf(put);
  }
}
