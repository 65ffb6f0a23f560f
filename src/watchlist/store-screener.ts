import type { Entity } from '../model/index.js';
import {
  decodeScreener,
  encodeScreener,
  IndexCodecError,
  loadMatchingPolicy,
  screeningCodeFingerprint,
  Matcher,
  ScreenerBuilder,
  type ListLoadReport,
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
  /** Whether the index was read back from the store's persisted payload or built now. */
  readonly indexSource?: 'store' | 'built';
}

/** The datasets a store holds now, each at its current version. */
export async function currentDatasets(store: Store): Promise<{ name: string; version: number }[]> {
  return (await store.listDatasets()).filter((v) => v.current).map((v) => ({ name: v.name, version: v.version }));
}

/** The key, dataset versions and policy hash a persisted screener of these datasets is stored under. */
export function storeIndexKey(
  datasets: readonly { readonly name: string; readonly version: number }[],
  policy: MatchingPolicy,
  subset = false,
): { key: string; datasetVersions: string; policyHash: string } {
  const sorted = [...datasets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    // One key for the store's screener (every current dataset): a new set of datasets replaces the
    // payload, never piles up. A chosen subset (`screen names --list A --list B`) has a key of its
    // own, replaced in the same way when one of its versions changes.
    key: !subset ? 'store-watchlists' : `store-watchlists:${sorted.map((d) => d.name).join(',')}`,
    datasetVersions: sorted.map((d) => `${d.name}@${d.version}`).join(','),
    policyHash: `${policy.stamp}+code:${screeningCodeFingerprint()}`,
  };
}

const EXTRA = { programmes: 'programmes', captions: 'captions', addresses: 'addresses' } as const;

/** A screener over the store's datasets read back from its persisted payload, or undefined. */
async function loadStoredScreener(
  store: Store,
  datasets: readonly { name: string; version: number }[],
  policy: MatchingPolicy,
  subset: boolean,
): Promise<StoreScreener | undefined> {
  const want = storeIndexKey(datasets, policy, subset);
  const stored = await store.getScreeningIndex(want.key);
  if (stored === undefined || stored.datasetVersions !== want.datasetVersions || stored.policyHash !== want.policyHash)
    return undefined;
  let decoded;
  try {
    decoded = decodeScreener(stored.payload, new Matcher(policy));
  } catch (error) {
    // A damaged payload costs a rebuild (which replaces it), not a failed screening.
    if (error instanceof IndexCodecError) return undefined;
    throw error;
  }
  const { screener, extras } = decoded;
  const programmes = new Map<string, readonly string[]>();
  const captions = new Map<string, string>();
  const addresses = new Map<string, readonly string[]>();
  screener.listedEntities.forEach((l, i) => {
    const id = l.subject.id;
    programmes.set(id, extras.get(EXTRA.programmes)?.[i] ?? []);
    captions.set(id, extras.get(EXTRA.captions)?.[i]?.[0] ?? id);
    const address = extras.get(EXTRA.addresses)?.[i] ?? [];
    if (address.length > 0) addresses.set(id, address);
  });
  return { screener, datasets, programmes, captions, addresses, indexSource: 'store' };
}

/**
 * Builds the screener over the store's watchlist datasets (every current one, or those named in
 * `only`), or undefined when there are none. A payload persisted for the same dataset versions,
 * policy and screening code is read back instead of preparing and indexing every name again;
 * otherwise each dataset is streamed with `iterateDataset` (its own statements only, no
 * per-entity query), and the built screener is persisted, replacing any stale payload.
 * `persist: false` neither reads nor writes payloads.
 */
export async function buildStoreScreener(
  store: Store,
  policy: MatchingPolicy = loadMatchingPolicy(),
  options: { readonly persist?: boolean; readonly only?: readonly string[] } = {},
): Promise<StoreScreener | undefined> {
  const { only } = options;
  const current = await currentDatasets(store);
  const datasets = current.filter((d) => only === undefined || only.includes(d.name));
  if (datasets.length === 0) return undefined;
  const subset = datasets.length < current.length;
  const persist = options.persist ?? true;
  if (persist) {
    const stored = await loadStoredScreener(store, datasets, policy, subset);
    if (stored !== undefined) return stored;
  }
  const builder = new ScreenerBuilder(new Matcher(policy));
  const programmes = new Map<string, readonly string[]>();
  const captions = new Map<string, string>();
  const addresses = new Map<string, readonly string[]>();
  // Per listed entry (in index order), for the payload: an entity id may sit in two datasets.
  const rows: Record<'programmes' | 'captions' | 'addresses', (readonly string[])[]> = {
    programmes: [],
    captions: [],
    addresses: [],
  };
  const keep = (entity: Entity): void => {
    const address = entity.properties['address'] ?? [];
    const caption = entity.properties['name']?.[0] ?? entity.id;
    const programme = entity.properties['program'] ?? [];
    if (address.length > 0) addresses.set(entity.id, address);
    programmes.set(entity.id, programme);
    captions.set(entity.id, caption);
    rows.programmes.push(programme);
    rows.captions.push([caption]);
    rows.addresses.push(address);
  };
  for (const d of datasets)
    for await (const entity of store.iterateDataset(d.name)) if (builder.addEntity(entity, d.name)) keep(entity);
  const screener = builder.build();
  if (persist) {
    const key = storeIndexKey(datasets, policy, subset);
    const payload = encodeScreener(
      screener,
      new Map([
        [EXTRA.programmes, rows.programmes],
        [EXTRA.captions, rows.captions],
        [EXTRA.addresses, rows.addresses],
      ]),
    );
    await store.putScreeningIndex({ ...key, createdAt: new Date().toISOString(), payload });
  }
  return { screener, datasets, programmes, captions, addresses, indexSource: 'built' };
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

/**
 * `screen names --list A --list B` when every list is a watchlist dataset of the store: the
 * persisted index of those datasets serves them (built and stored on first use). Undefined when
 * any list is not a current dataset, so the caller streams them the slower way.
 */
export async function storeListsScreener(
  store: Store,
  lists: readonly string[],
  policy: MatchingPolicy,
): Promise<{ screener: Screener; reports: ListLoadReport[] } | undefined> {
  const current = (await store.listDatasets()).filter((v) => v.current);
  if (lists.length === 0 || !lists.every((l) => current.some((v) => v.name === l))) return undefined;
  const built = await buildStoreScreener(store, policy, { only: lists });
  if (built === undefined) return undefined;
  const screenable = new Map<string, number>();
  for (const l of built.screener.listedEntities) screenable.set(l.dataset, (screenable.get(l.dataset) ?? 0) + 1);
  const reports = [...new Set(lists)].map((list): ListLoadReport => {
    const entities = screenable.get(list) ?? 0;
    const stored = current.find((v) => v.name === list)?.entities ?? entities;
    return {
      list,
      dataset: list,
      source: 'store-dataset',
      entities,
      skipped: Math.max(0, stored - entities),
      rejected: [],
      index: built.indexSource ?? 'built',
    };
  });
  return { screener: built.screener, reports };
}
