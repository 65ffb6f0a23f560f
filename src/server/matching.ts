import type { Entity } from '../model/index.js';
import { subjectFromEntity, type MatchSubject, type ScreenHit } from '../screening/index.js';
import type { Store } from '../store/index.js';
import type { EntityIndex } from './entity-index.js';

/** "default" (and "all") mean every current watchlist dataset, as in yente. */
export const ALL_DATASETS = new Set(['default', 'all']);

export interface MatchedEntity {
  readonly entity: Entity;
  readonly dataset: string;
  readonly hit: ScreenHit;
}

/**
 * Screens one subject against the watchlists of a dataset scope and loads the full entity of
 * each of the best hits. Returns undefined when the dataset does not exist.
 */
export async function matchWatchlists(
  index: EntityIndex,
  store: Store,
  dataset: string,
  subject: MatchSubject,
  options: { threshold: number; limit: number },
): Promise<{ total: number; results: MatchedEntity[] } | undefined> {
  const screener = await index.watchlists();
  const scope = ALL_DATASETS.has(dataset) ? undefined : dataset;
  if (scope !== undefined && !(screener?.datasets.some((d) => d.name === scope) ?? false)) return undefined;
  if (screener === undefined) return { total: 0, results: [] };
  const hits = screener.screener.screen(subject, options.threshold).filter((h) => scope === undefined || h.dataset === scope);
  const results: MatchedEntity[] = [];
  for (const hit of hits.slice(0, options.limit)) {
    const stored = await store.getEntity(hit.entityId);
    if (stored !== undefined) results.push({ entity: stored.entity, dataset: hit.dataset, hit });
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
