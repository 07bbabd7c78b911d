/**
 * Token buckets in DynamoDB, in the seed's composite-bucket layout: one item per principal and resource,
 * each limit a family of attributes `b_{limit}_tk` (tokens left), `b_{limit}_cp` (capacity) and
 * `b_{limit}_rf` (refill per hour), all in millitokens so refills stay integers, refilled lazily from
 * `last_refill_ms`. A take is a read and one conditional write; a lost race re-reads.
 */
import { TooManyRequestsError } from '../errors.js';
import type { Clock } from '../dynamo/table.js';
import { type RateLimitBucketItem } from '../generated/table.js';
import { rateLimitBucketFamilies } from '../generated/records/rate_limit_bucket.js';
import type { BucketStore } from '../store/rate-limit.js';

export interface Limit {
  /** Family name, e.g. `hour`. */
  name: string;
  /** Burst: tokens available at once. */
  capacity: number;
  /** Tokens added per hour. */
  refillPerHour: number;
}

export const MILLI = 1000;
const HOUR_MS = 3_600_000;
const MAX_ATTEMPTS = 10;

/** The bucket after refilling to `nowMs` and taking one token from every limit, or how long to wait first. */
export type TakeOutcome = { next: RateLimitBucketItem; waitMs: 0 } | { next?: undefined; waitMs: number };

/**
 * Refills each limit for the time since `last_refill_ms` and takes one token (pure: no clock, no I/O).
 * A stored refill time later than `nowMs` (another container's clock, or a write that landed after this
 * one read its clock) counts as no time passed: the refill time never moves backwards and no token is lost.
 */
export function takeOne(stored: RateLimitBucketItem | undefined, id: Pick<RateLimitBucketItem, 'principal' | 'resource'>, limits: Limit[], nowMs: number): TakeOutcome {
  const last = stored?.last_refill_ms;
  const at = last === undefined ? nowMs : Math.max(nowMs, last);
  const next: RateLimitBucketItem = { principal: id.principal, resource: id.resource, last_refill_ms: at };
  let waitMs = 0;
  for (const limit of limits) {
    const tk = rateLimitBucketFamilies['b_{limit}_tk'](limit.name) as `b_${string}_tk`;
    const cp = limit.capacity * MILLI;
    const rf = limit.refillPerHour * MILLI;
    const left = stored?.[tk];
    const refilled = last === undefined || typeof left !== 'number' ? cp : Math.min(cp, left + Math.floor(((at - last) * rf) / HOUR_MS));
    if (refilled < MILLI) waitMs = Math.max(waitMs, Math.ceil(((MILLI - refilled) * HOUR_MS) / rf));
    next[tk] = refilled - MILLI;
    next[rateLimitBucketFamilies['b_{limit}_cp'](limit.name) as `b_${string}_cp`] = cp;
    next[rateLimitBucketFamilies['b_{limit}_rf'](limit.name) as `b_${string}_rf`] = rf;
  }
  return waitMs > 0 ? { waitMs } : { next, waitMs: 0 };
}

export class TokenBucket {
  constructor(
    private readonly store: BucketStore,
    private readonly clock: Clock,
  ) {}

  /** Takes one token from every limit, or throws 429 with Retry-After when one is empty. */
  async take(principal: string, resource: string, limits: Limit[]): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.store.get({ principal, resource });
      // The clock is read after the item: read before, a write landing in between would make time run backwards.
      const outcome = takeOne(stored, { principal, resource }, limits, this.clock.now().getTime());
      if (!outcome.next) {
        const seconds = Math.max(1, Math.ceil(outcome.waitMs / 1000));
        throw new TooManyRequestsError(`rate limit for ${resource} reached; retry in ${seconds} s`, { headers: { 'Retry-After': String(seconds) } });
      }
      if (await this.store.replace(outcome.next, stored)) return;
    }
    throw new TooManyRequestsError(`rate limit for ${resource} is contended; retry`, { headers: { 'Retry-After': '1' } });
  }
}
