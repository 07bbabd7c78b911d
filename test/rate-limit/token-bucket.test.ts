/** The token bucket's arithmetic and its read-then-write, on an in-memory store (no DynamoDB). */
import { describe, expect, it } from 'vitest';
import { TooManyRequestsError } from '../../lib/errors.js';
import type { RateLimitBucketItem } from '../../lib/generated/table.js';
import { MILLI, takeOne, TokenBucket, type Limit } from '../../lib/rate-limit/token-bucket.js';
import type { BucketId, BucketStore } from '../../lib/store/rate-limit.js';

const id = { principal: 'ada', resource: 'schema_request.create' };
const hourly: Limit[] = [{ name: 'hour', capacity: 5, refillPerHour: 60 }];
const HOUR = 3_600_000;

/** One bucket in memory, with the store's compare-and-set on last_refill_ms; `beforeGet` runs between a take's steps. */
class MemoryBuckets implements BucketStore {
  item: RateLimitBucketItem | undefined;
  beforeGet: (() => void) | undefined;
  async get(_id: BucketId) {
    this.beforeGet?.();
    return this.item && { ...this.item };
  }
  async replace(next: RateLimitBucketItem, previous: RateLimitBucketItem | undefined) {
    if (this.item?.last_refill_ms !== previous?.last_refill_ms) return false;
    this.item = { ...next };
    return true;
  }
}

describe('takeOne (refill arithmetic)', () => {
  it('starts a new bucket full and takes one token', () => {
    const { next } = takeOne(undefined, id, hourly, 1_000);
    expect(next).toMatchObject({ last_refill_ms: 1_000, b_hour_tk: 4 * MILLI, b_hour_cp: 5 * MILLI, b_hour_rf: 60 * MILLI });
  });

  it('refills in proportion to the time passed, in whole millitokens', () => {
    const stored = { ...id, last_refill_ms: 0, b_hour_tk: 0 };
    // 60 tokens an hour is one a minute: 30 s refills 500 millitokens, not enough for a token.
    expect(takeOne(stored, id, hourly, 30_000)).toEqual({ waitMs: 30_000 });
    // 90 s refills 1,500: one taken, 500 left.
    expect(takeOne(stored, id, hourly, 90_000).next?.b_hour_tk).toBe(500);
    // 1 ms refills 60 * 1000 / 3,600,000 = 0.0167 millitokens: floored to 0.
    expect(takeOne({ ...stored, b_hour_tk: MILLI }, id, hourly, 1).next?.b_hour_tk).toBe(0);
  });

  it('never refills beyond the capacity', () => {
    const { next } = takeOne({ ...id, last_refill_ms: 0, b_hour_tk: 0 }, id, hourly, 10 * HOUR);
    expect(next?.b_hour_tk).toBe(4 * MILLI);
  });

  it('answers the wait of the emptiest limit when several are empty', () => {
    const limits: Limit[] = [...hourly, { name: 'day', capacity: 1, refillPerHour: 1 }];
    const stored = { ...id, last_refill_ms: 0, b_hour_tk: 0, b_day_tk: 0 };
    expect(takeOne(stored, id, limits, 0)).toEqual({ waitMs: HOUR });
  });

  it('treats a stored refill time later than now as no time passed: nothing lost, time never backwards', () => {
    const { next } = takeOne({ ...id, last_refill_ms: 5_000, b_hour_tk: 2 * MILLI }, id, hourly, 4_000);
    expect(next).toMatchObject({ last_refill_ms: 5_000, b_hour_tk: MILLI });
  });
});

describe('TokenBucket.take', () => {
  it('grants a whole burst when another take writes between reading the clock and reading the bucket', async () => {
    const buckets = new MemoryBuckets();
    let now = 1_000;
    const bucket = new TokenBucket(buckets, { now: () => new Date(now) });
    // Once: a concurrent request takes a token 1 ms later, after this one started.
    buckets.beforeGet = () => {
      buckets.beforeGet = undefined;
      now += 1;
      buckets.item = takeOne(buckets.item, id, hourly, now).next;
    };
    for (let i = 0; i < 4; i++) await bucket.take(id.principal, id.resource, hourly);
    // Five granted in all (the concurrent one included), with no millitoken lost, and the sixth refused.
    expect(buckets.item).toMatchObject({ last_refill_ms: 1_001, b_hour_tk: 0 });
    await expect(bucket.take(id.principal, id.resource, hourly)).rejects.toThrow(TooManyRequestsError);
  });

  it('never moves last_refill_ms backwards when the clock read comes before a concurrent write', async () => {
    const buckets = new MemoryBuckets();
    const clock = { now: () => new Date(1_000) };
    const bucket = new TokenBucket(buckets, clock);
    await bucket.take(id.principal, id.resource, hourly);
    // Another container (or a write racing this one) stored a later refill time.
    buckets.item = { ...buckets.item!, last_refill_ms: 1_500, b_hour_tk: 4 * MILLI };
    await bucket.take(id.principal, id.resource, hourly);
    expect(buckets.item).toMatchObject({ last_refill_ms: 1_500, b_hour_tk: 3 * MILLI });
  });

  it('retries a lost compare-and-set on a fresh read and answers 429 with Retry-After when empty', async () => {
    const buckets = new MemoryBuckets();
    const bucket = new TokenBucket(buckets, { now: () => new Date(0) });
    for (let i = 0; i < 5; i++) await bucket.take(id.principal, id.resource, hourly);
    const refused = await bucket.take(id.principal, id.resource, hourly).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect((refused as TooManyRequestsError).headers).toEqual({ 'Retry-After': '60' });
  });
});
