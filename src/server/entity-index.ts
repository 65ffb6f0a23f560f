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
import type { Entity } from '../model/index.js';
import { AnswerCache, type AnswerCacheStats } from './answer-cache.js';
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

/** Listed entities kept for `/match` answers, and how long before one is read again. */
const ENTITY_CACHE = { capacity: 20_000, ttlMs: 30_000, spread: 0.5 };
/** Answers kept by default, and how long: a screening client re-asks within seconds or minutes. */
export const DEFAULT_ANSWER_CACHE = 10_000;
/** The generation of watchlist responses while no watchlist is loaded. */
const NO_WATCHLISTS = {};
const ANSWER_TTL_MS = 30_000;

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
  /**
   * Listed entities as `/match` returns them, per watchlist screener: reading one from the store
   * costs more than scoring the query, and clients ask about the same listed entities again.
   */
  private readonly listedEntities = new AnswerCache<{ readonly entity: Entity | undefined }>(ENTITY_CACHE);
  /**
   * Responses of `/match` and `/search`, serialized, per watchlist screener (capacity 0: off):
   * a repeated query costs a lookup and a write, not a screening, a walk over the listed
   * entities and a serialization of their properties.
   */
  private readonly watchlistResponses: AnswerCache<string>;
  /** Responses of the entity search, serialized, per entity index (capacity 0: off). */
  private readonly searchResponses: AnswerCache<string>;

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
    options: { readonly policy?: MatchingPolicy; readonly answerCacheSize?: number } = {},
  ) {
    this.policy = options.policy ?? loadMatchingPolicy();
    const answers = { capacity: options.answerCacheSize ?? DEFAULT_ANSWER_CACHE, ttlMs: ANSWER_TTL_MS, spread: 0.5 };
    this.watchlistResponses = new AnswerCache(answers);
    this.searchResponses = new AnswerCache(answers);
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
    this.listedEntities.clear();
    this.watchlistResponses.clear();
    this.searchResponses.clear();
  }

  /** Hits of a name search, best first. */
  async search(q: NameQuery, threshold: number): Promise<ScreenHit[]> {
    return (await this.screener()).screen(subjectOf(q), threshold);
  }

  /**
   * The serialized response of an entity search request: answered again while the index that
   * computed it is current (and within the TTL), or computed by `respond`. `key` must hold every
   * request field the response depends on.
   */
  async searchResponse(key: string, respond: (screener: Screener) => string): Promise<string> {
    const screener = await this.screener();
    const cached = this.searchResponses.get(screener, key);
    if (cached !== undefined) return cached;
    const response = respond(screener);
    this.searchResponses.set(screener, key, response);
    return response;
  }

  /**
   * The serialized response of a watchlist request (`/match` query, `/search`), as searchResponse
   * but over the watchlist screener. `respond` returns undefined for an unknown dataset (not kept).
   */
  async watchlistResponse(
    key: string,
    respond: (screener: StoreScreener | undefined) => Promise<string | undefined>,
  ): Promise<string | undefined> {
    const screener = await this.watchlists();
    const generation = screener ?? NO_WATCHLISTS;
    const cached = this.watchlistResponses.get(generation, key);
    if (cached !== undefined) return cached;
    const response = await respond(screener);
    if (response !== undefined) this.watchlistResponses.set(generation, key, response);
    return response;
  }

  /** A listed entity of the watchlist screener `generation`, as the store holds it (cached). */
  async listedEntity(generation: StoreScreener, id: string): Promise<Entity | undefined> {
    const cached = this.listedEntities.get(generation, id);
    if (cached !== undefined) return cached.entity;
    const entity = (await this.store.getEntity(id))?.entity;
    this.listedEntities.set(generation, id, { entity });
    return entity;
  }

  /** How often the caches answered (printed by `serve` when it stops). */
  cacheStats(): Record<'listedEntities' | 'watchlistResponses' | 'searchResponses', AnswerCacheStats> {
    return {
      listedEntities: this.listedEntities.stats(),
      watchlistResponses: this.watchlistResponses.stats(),
      searchResponses: this.searchResponses.stats(),
    };
  }

  /** The watchlist screener; which datasets are current is re-read at most every few seconds. */
  watchlists(now = Date.now()): Promise<StoreScreener | undefined> {
    if (this.watchlistCache === undefined || now - this.watchlistCache.at > 5000)
      this.watchlistCache = { at: now, value: sharedStoreScreener(this.store, this.policy) };
    return this.watchlistCache.value;
  }
}
