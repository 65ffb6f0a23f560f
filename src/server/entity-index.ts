import {
  loadMatchingPolicy,
  Matcher,
  ScreenerBuilder,
  type MatchingPolicy,
  type Screener,
  type ScreenHit,
  type MatchSubject,
} from '../screening/index.js';
import type { Store } from '../store/index.js';
import { sharedStoreScreener, type StoreScreener } from '../watchlist/index.js';

/** Screens one query against a prepared screener; the subject is built from search parameters. */
export interface NameQuery {
  readonly name: string;
  readonly schema?: string;
  readonly countries?: readonly string[];
  readonly birthDates?: readonly string[];
}

export function subjectOf(q: NameQuery): MatchSubject {
  return {
    id: 'query',
    schema: q.schema ?? 'LegalEntity',
    names: [q.name],
    countries: (q.countries ?? []).map((c) => c.toUpperCase()),
    nationalities: [],
    birthDates: [...(q.birthDates ?? [])],
    identifiers: [],
  };
}

/**
 * Name search over the store: every screenable entity (people, companies, vessels) in one
 * screener, the same blocking and matcher the screening uses, so a search explains its hits.
 * Built on first use and rebuilt in the background when older than the TTL; until a rebuild
 * finishes, searches use the previous index. Watchlist datasets have their own screener
 * (`watchlists`), shared with analyze's.
 */
export class EntityIndex {
  private built: { at: number; screener: Promise<Screener> } | undefined;
  private rebuilding = false;
  private watchlistCache: { at: number; value: Promise<StoreScreener | undefined> } | undefined;
  readonly policy: MatchingPolicy;

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    policy?: MatchingPolicy,
  ) {
    this.policy = policy ?? loadMatchingPolicy();
  }

  private async build(): Promise<Screener> {
    const builder = new ScreenerBuilder(new Matcher(this.policy));
    for await (const entity of this.store.iterateEntities()) builder.addEntity(entity, 'store');
    return builder.build();
  }

  async screener(now = Date.now()): Promise<Screener> {
    if (this.built === undefined) {
      this.built = { at: now, screener: this.build() };
    } else if (now - this.built.at > this.ttlMs && !this.rebuilding) {
      this.rebuilding = true;
      const next = this.build();
      next
        .then(() => (this.built = { at: Date.now(), screener: next }))
        .catch(() => undefined)
        .finally(() => (this.rebuilding = false));
    }
    return this.built.screener;
  }

  /** Forgets the index, so the next search rebuilds it (after an ingest). */
  invalidate(): void {
    this.built = undefined;
    this.watchlistCache = undefined;
  }

  async search(q: NameQuery, threshold: number): Promise<ScreenHit[]> {
    return (await this.screener()).screen(subjectOf(q), threshold);
  }

  /** The watchlist screener; which datasets are current is re-read at most every few seconds. */
  watchlists(now = Date.now()): Promise<StoreScreener | undefined> {
    if (this.watchlistCache === undefined || now - this.watchlistCache.at > 5000)
      this.watchlistCache = { at: now, value: sharedStoreScreener(this.store, this.policy) };
    return this.watchlistCache.value;
  }
}
