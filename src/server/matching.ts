import type { Entity } from '../model/index.js';
import { subjectFromEntity, type MatchSubject, type ScreenHit } from '../screening/index.js';
import type { StoreScreener } from '../watchlist/index.js';
import type { EntityIndex } from './entity-index.js';

/** "default" (and "all") mean every current watchlist dataset, as in yente. */
export const ALL_DATASETS = new Set(['default', 'all']);

export interface MatchedEntity {
  readonly entity: Entity;
  readonly dataset: string;
  readonly hit: ScreenHit;
}

/** How many hits a screening found, and the best of them with their entities. */
export interface MatchAnswer {
  readonly total: number;
  readonly results: readonly MatchedEntity[];
}

/**
 * Screens one subject against the watchlists of a dataset scope (`screener`, the index's
 * current one) and loads the full entity of each of the best hits. Returns undefined when the
 * dataset does not exist.
 */
export async function matchWatchlists(
  index: EntityIndex,
  screener: StoreScreener | undefined,
  dataset: string,
  subject: MatchSubject,
  options: { threshold: number; limit: number },
): Promise<MatchAnswer | undefined> {
  const scope = ALL_DATASETS.has(dataset) ? undefined : dataset;
  if (scope !== undefined && !(screener?.datasets.some((d) => d.name === scope) ?? false)) return undefined;
  if (screener === undefined) return { total: 0, results: [] };
  const hits = screener.screener.screen(subject, options.threshold).filter((h) => scope === undefined || h.dataset === scope);
  const results: MatchedEntity[] = [];
  for (const hit of hits.slice(0, options.limit)) {
    const entity = await index.listedEntity(screener, hit.entityId);
    if (entity !== undefined) results.push({ entity, dataset: hit.dataset, hit });
  }
  return { total: hits.length, results };
}

/** A yente query entity ({schema, properties}) as a match subject. */
export function subjectOfQuery(query: { schema: string; properties: Readonly<Record<string, readonly string[]>> }): MatchSubject {
  return subjectFromEntity({ id: 'query', schema: query.schema, properties: query.properties });
}

export function caption(entity: Entity): string {
  return entity.properties['name']?.[0] ?? entity.id;
}
