import type { Entity } from '../model/index.js';
import {
  loadMatchingPolicy,
  Matcher,
  ScreenerBuilder,
  type MatchingPolicy,
  type Screener,
  type ScreenHit,
} from '../screening/index.js';
import type { Store } from '../store/index.js';

/** A screener over every current dataset of a store, with what alerts need about each listed entity. */
export interface StoreScreener {
  readonly screener: Screener;
  readonly datasets: readonly { readonly name: string; readonly version: number }[];
  /** Programmes of each listed entity (FtM `program`). */
  readonly programmes: ReadonlyMap<string, readonly string[]>;
  /** Caption (first name) of each listed entity. */
  readonly captions: ReadonlyMap<string, string>;
  /** Addresses of each listed entity that has any (FtM `address`). */
  readonly addresses: ReadonlyMap<string, readonly string[]>;
}

/** The datasets a store holds now, each at its current version. */
export async function currentDatasets(store: Store): Promise<{ name: string; version: number }[]> {
  return (await store.listDatasets()).filter((v) => v.current).map((v) => ({ name: v.name, version: v.version }));
}

/**
 * Builds the screener over the store's watchlist datasets, or undefined when there are none.
 * Each dataset is streamed with `iterateDataset` (its own statements only, no per-entity query).
 */
export async function buildStoreScreener(
  store: Store,
  policy: MatchingPolicy = loadMatchingPolicy(),
): Promise<StoreScreener | undefined> {
  const datasets = await currentDatasets(store);
  if (datasets.length === 0) return undefined;
  const builder = new ScreenerBuilder(new Matcher(policy));
  const programmes = new Map<string, readonly string[]>();
  const captions = new Map<string, string>();
  const addresses = new Map<string, readonly string[]>();
  const keep = (entity: Entity): void => {
    const address = entity.properties['address'] ?? [];
    if (address.length > 0) addresses.set(entity.id, address);
    programmes.set(entity.id, entity.properties['program'] ?? []);
    captions.set(entity.id, entity.properties['name']?.[0] ?? entity.id);
  };
  for (const d of datasets)
    for await (const entity of store.iterateDataset(d.name)) if (builder.addEntity(entity, d.name)) keep(entity);
  return { screener: builder.build(), datasets, programmes, captions, addresses };
}

/** Screens one party name (schema LegalEntity: parties of records are not typed further). */
export function screenParty(s: StoreScreener, name: string, country: string | null, threshold?: number): ScreenHit[] {
  const subject = {
    id: name,
    schema: 'LegalEntity',
    names: [name],
    countries: country === null ? [] : [country.toUpperCase()],
    nationalities: [],
    birthDates: [],
    identifiers: [],
  };
  return s.screener.screen(subject, threshold);
}

const built = new WeakMap<Store, { key: string; screener: Promise<StoreScreener | undefined> }>();

/**
 * The store's screener, built once per store, dataset versions and policy: the trade hook and
 * the watchlist detector of one `analyze` share it instead of preparing the lists twice.
 */
export async function sharedStoreScreener(store: Store, policy?: MatchingPolicy): Promise<StoreScreener | undefined> {
  const datasets = await currentDatasets(store);
  // No dataset: nothing to screen against, and no policy file is read.
  if (datasets.length === 0) return undefined;
  const chosen = policy ?? loadMatchingPolicy();
  const key = JSON.stringify([datasets, chosen.stamp]);
  const cached = built.get(store);
  if (cached !== undefined && cached.key === key) return cached.screener;
  const screener = buildStoreScreener(store, chosen);
  built.set(store, { key, screener });
  return screener;
}
