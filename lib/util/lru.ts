/**
 * A bounded least-recently-used cache. A Map iterates in insertion order, so re-inserting an entry on
 * every hit keeps the least recently used entry first, where eviction finds it.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, V>();
  /** The most recently used entry: a hit on it needs neither a lookup nor reordering, which keeps hot loops cheap. */
  #newest: K | undefined;
  #newestValue: V | undefined;

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`LruCache size must be a positive integer, got ${maxEntries}`);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached value, marked as most recently used; undefined on a miss. */
  get(key: K): V | undefined {
    if (key === this.#newest) return this.#newestValue;
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
      this.#newest = key;
      this.#newestValue = value;
    }
    return value;
  }

  /** Stores a value, evicting the least recently used entry when the cache is full. */
  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    this.#newest = key;
    this.#newestValue = value;
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }
}
