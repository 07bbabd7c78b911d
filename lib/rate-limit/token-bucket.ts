/**
 * Token buckets in DynamoDB, in the seed's composite-bucket layout: one item per principal and resource,
 * each limit a family of attributes `b_{limit}_tk` (tokens left), `b_{limit}_cp` (capacity) and
 * `b_{limit}_rf` (refill per hour), all in millitokens so refills stay integers, refilled lazily from
 * `last_refill_ms`. A take is a read and one conditional write; a lost race re-reads.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TooManyRequestsError } from '../errors.js';
import { isConditionFailure } from '../dynamo/errors.js';
import type { Table } from '../dynamo/table.js';
import { rateLimitBucketFamilies, rateLimitBucketKeys, TABLE_DESIGN } from '../generated/table.js';

export interface Limit {
  /** Family name, e.g. `hour`. */
  name: string;
  /** Burst: tokens available at once. */
  capacity: number;
  /** Tokens added per hour. */
  refillPerHour: number;
}

const MILLI = 1000;
const HOUR_MS = 3_600_000;

export class TokenBucket {
  constructor(private readonly table: Table) {}

  /** Takes one token from every limit, or throws 429 with Retry-After when one is empty. */
  async take(principal: string, resource: string, limits: Limit[]): Promise<void> {
    const key = { PK: rateLimitBucketKeys.primary.pk({ principal }), SK: rateLimitBucketKeys.primary.sk({ resource }) };
    for (let attempt = 0; attempt < 10; attempt++) {
      const nowMs = this.table.deps.now().getTime();
      const { Item } = await this.table.deps.dynamo.doc.send(new GetCommand({ TableName: this.table.name, Key: key, ConsistentRead: true }));
      const last = typeof Item?.last_refill_ms === 'number' ? Item.last_refill_ms : undefined;
      const next: Record<string, unknown> = {
        ...key,
        principal,
        resource,
        last_refill_ms: nowMs,
        [TABLE_DESIGN.entityIdentifiers.entity]: 'rate_limit_bucket',
        [TABLE_DESIGN.entityIdentifiers.version]: '1',
      };
      let waitMs = 0;
      for (const limit of limits) {
        const tk = rateLimitBucketFamilies['b_{limit}_tk'](limit.name);
        const cp = limit.capacity * MILLI;
        const rf = limit.refillPerHour * MILLI;
        const stored = typeof Item?.[tk] === 'number' ? (Item[tk] as number) : cp;
        const refilled = last === undefined ? cp : Math.min(cp, stored + Math.floor(((nowMs - last) * rf) / HOUR_MS));
        if (refilled < MILLI) waitMs = Math.max(waitMs, Math.ceil(((MILLI - refilled) * HOUR_MS) / rf));
        next[tk] = refilled - MILLI;
        next[rateLimitBucketFamilies['b_{limit}_cp'](limit.name)] = cp;
        next[rateLimitBucketFamilies['b_{limit}_rf'](limit.name)] = rf;
      }
      if (waitMs > 0) {
        const seconds = Math.max(1, Math.ceil(waitMs / 1000));
        throw new TooManyRequestsError(`rate limit for ${resource} reached; retry in ${seconds} s`, { headers: { 'Retry-After': String(seconds) } });
      }
      try {
        await this.table.deps.dynamo.doc.send(
          new PutCommand({
            TableName: this.table.name,
            Item: next,
            ConditionExpression: last === undefined ? 'attribute_not_exists(PK)' : 'last_refill_ms = :last',
            ...(last === undefined ? {} : { ExpressionAttributeValues: { ':last': last } }),
          }),
        );
        return;
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
      }
    }
    throw new TooManyRequestsError(`rate limit for ${resource} is contended; retry`, { headers: { 'Retry-After': '1' } });
  }
}
