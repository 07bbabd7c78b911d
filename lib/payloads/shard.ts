/**
 * Hot schemas: a schema's payload listing is spread over `payload_shards` partitions (schema.yaml,
 * payloads_by_schema_name), so no one GSI partition takes every write. A payload's shard is a pure
 * function of its id, the same in every language: CRC-32 (IEEE, as zlib computes it) of the id's ASCII
 * bytes modulo the shard count in force when it was written.
 */
import { crc32 } from 'node:zlib';
import { LruCache } from '../util/lru.js';
import type { SchemaItem } from '../generated/table.js';

/** The most shards one schema's listing may have: each is one Query per page, so readers pay per shard. */
export const MAX_PAYLOAD_SHARDS = 64;
/** How stale a writer's shard count may be; readers never cache it. */
export const SHARD_COUNT_TTL_MS = 10_000;

export function payloadShard(id: string, shards: number): number {
  return crc32(id) % shards;
}

/** The shard count of a schema head (absent before any raise: one shard). */
export const shardsOf = (head: Pick<SchemaItem, 'payload_shards'> | undefined): number => head?.payload_shards ?? 1;

/**
 * The shard counts writers and readers use. A raise is safe without downtime because readers read the
 * count strongly consistently on every listing, while a writer only starts using the new shards once it
 * has read the raised count itself: no payload lands in a shard a reader does not query.
 */
export class ShardCounts {
  readonly #cache = new LruCache<string, { shards: number; readAt: number }>(1000);
  constructor(
    private readonly heads: { head(workspace_id: string, name: string): Promise<SchemaItem | undefined> },
    private readonly now: () => Date,
  ) {}

  /** For a listing: read from the table every time. */
  async forRead(workspace_id: string, name: string): Promise<number> {
    return shardsOf(await this.heads.head(workspace_id, name));
  }

  /** For a write: kept in memory for SHARD_COUNT_TTL_MS, so a warm write makes no extra read. */
  async forWrite(workspace_id: string, name: string): Promise<number> {
    const key = `${workspace_id}/${name}`;
    const at = this.now().getTime();
    const hit = this.#cache.get(key);
    if (hit && at - hit.readAt < SHARD_COUNT_TTL_MS) return hit.shards;
    const shards = await this.forRead(workspace_id, name);
    this.#cache.set(key, { shards, readAt: at });
    return shards;
  }
}
