/**
 * Schema versions by id, kept in memory after the first read, so a warm payload write makes no read.
 * A version's definition never changes, so that part never goes stale; its state (active, deprecated,
 * disabled) can, so an entry is re-read once it is older than `stateTtlMs`: a state change reaches every
 * warm container within that time. Bounded, so a long-lived container cannot grow without limit.
 */
import { LruCache } from '../util/lru.js';
import type { SchemaVersionItem } from '../generated/table.js';
import type { SchemaStore } from '../store/schemas.js';

/** How stale a cached version's state may be. */
export const DEFAULT_STATE_TTL_MS = 10_000;

export class SchemaVersionCache {
  readonly #cache: LruCache<string, { item: SchemaVersionItem; readAt: number }>;
  constructor(
    private readonly repo: SchemaStore,
    private readonly now: () => Date,
    private readonly stateTtlMs = DEFAULT_STATE_TTL_MS,
    size = 1000,
  ) {
    this.#cache = new LruCache(size);
  }

  async get(id: string): Promise<SchemaVersionItem | undefined> {
    const at = this.now().getTime();
    const hit = this.#cache.get(id);
    if (hit && at - hit.readAt < this.stateTtlMs) return hit.item;
    const item = await this.repo.versionById(id);
    if (item) this.#cache.set(id, { item, readAt: at });
    return item;
  }
}
