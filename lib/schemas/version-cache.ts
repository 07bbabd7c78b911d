/**
 * Schema versions by id, kept in memory after the first read. A version's definition never changes, so
 * an entry never goes stale; the cache is bounded so a long-lived container cannot grow without limit.
 */
import { LruCache } from '../util/lru.js';
import type { SchemaVersionItem } from '../generated/table.js';
import type { SchemaRepository } from './repository.js';

export class SchemaVersionCache {
  readonly #cache: LruCache<string, SchemaVersionItem>;
  constructor(
    private readonly repo: SchemaRepository,
    size = 1000,
  ) {
    this.#cache = new LruCache(size);
  }

  async get(id: string): Promise<SchemaVersionItem | undefined> {
    const hit = this.#cache.get(id);
    if (hit) return hit;
    const item = await this.repo.versionById(id);
    if (item) this.#cache.set(id, item);
    return item;
  }
}
