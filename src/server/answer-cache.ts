export interface AnswerCacheOptions {
  /** Entries kept at most (0: the cache is off); the least recently used goes first. */
  readonly capacity: number;
  /** An entry older than this is computed again. */
  readonly ttlMs: number;
  /**
   * Share of the TTL by which each entry's life is shortened at random (0..1, default 0): entries
   * made together (a client's batch, a warm-up) would otherwise all expire in the same moment and
   * be computed again at once. Under load that burst was the p99 of the run.
   */
  readonly spread?: number;
  /** The random source of `spread` (tests pass their own). */
  readonly random?: () => number;
}

export interface AnswerCacheStats {
  readonly size: number;
  readonly hits: number;
  readonly misses: number;
}

/**
 * A bounded cache of answers computed from one index (`generation`: the screener object they
 * came from). When the generation changes (a watchlist was loaded or replaced, the entity index
 * was rebuilt or invalidated) every entry goes, so an answer never outlives the data it was
 * computed from; entries also expire after `ttlMs`, which bounds how long data changed by other
 * means (another process writing to the store) takes to show. Least recently used first out.
 */
export class AnswerCache<V> {
  /** Each entry with the moment it expires. */
  private readonly entries = new Map<string, { readonly value: V; readonly until: number }>();
  private generation: object | undefined;
  private hits = 0;
  private misses = 0;

  constructor(private readonly options: AnswerCacheOptions) {}

  /** The answer for `key` computed from `generation`, or undefined (a miss). */
  get(generation: object, key: string, now = Date.now()): V | undefined {
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    const cached = this.entries.get(key);
    if (cached === undefined || now > cached.until) {
      this.misses++;
      return undefined;
    }
    // Map order is insertion order: moving the entry to the end keeps the least recently used first.
    this.entries.delete(key);
    this.entries.set(key, cached);
    this.hits++;
    return cached.value;
  }

  /** Keeps an answer computed from `generation` (dropped when the generation changed meanwhile). */
  set(generation: object, key: string, value: V, now = Date.now()): void {
    if (this.options.capacity <= 0 || generation !== this.generation) return;
    this.entries.delete(key);
    if (this.entries.size >= this.options.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    const life = this.options.ttlMs * (1 - (this.options.spread ?? 0) * (this.options.random ?? Math.random)());
    this.entries.set(key, { value, until: now + life });
  }

  clear(): void {
    this.entries.clear();
    this.generation = undefined;
  }

  stats(): AnswerCacheStats {
    return { size: this.entries.size, hits: this.hits, misses: this.misses };
  }
}
