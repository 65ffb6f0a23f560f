import { loadStoredResolver } from '../resolve/index.js';
import type { RecordBatch, Store } from '../store/index.js';
import { GraphFeed, type FeedResult } from './feed.js';
import type { Graph } from './graph.js';
import { ExactKeyResolver, identityResolver, type PartyResolution, type Resolver } from './resolver.js';

export const RESOLUTIONS = ['identity', 'exact', 'resolved'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export interface StoreGraphOptions {
  /**
   * "identity" (default): every stored entity is its own node. "exact": ingestion's identity rule
   * applied to FtM entities too (see ExactKeyResolver); "resolved": the store's entity
   * resolution clusters (`chokepoint resolve`); or pass a resolver of your own.
   */
  readonly resolution?: Resolution | Resolver;
  /** Include open alerts as flags (default true). */
  readonly alerts?: boolean;
  /** Account numbers standing for no real account (default CASH, UNKNOWN). */
  readonly pseudoAccounts?: readonly string[];
  /** Called every 100,000 records with the count so far. */
  readonly onProgress?: (records: number) => void;
}

const ALERT_PAGE = 10_000_000;

async function resolverFor(store: Store, resolution: Resolution | Resolver | undefined): Promise<PartyResolution> {
  if (typeof resolution === 'function') return { resolve: resolution };
  // "resolved": the clusters `chokepoint resolve` recorded in the store (issue 5).
  if (resolution === 'resolved') return { resolve: await loadStoredResolver(store) };
  if (resolution !== 'exact') return { resolve: identityResolver };
  const exact = new ExactKeyResolver();
  for await (const e of store.iterateEntities()) exact.add(e);
  return exact;
}

/** Builds the whole network from the store: entities, shipments, payments and open alerts. */
export async function buildGraphFromStore(store: Store, options: StoreGraphOptions = {}): Promise<FeedResult> {
  const { resolve, resolveParty, ambiguous } = await resolverFor(store, options.resolution);
  const feed = new GraphFeed({
    resolve,
    ...(resolveParty === undefined ? {} : { resolveParty }),
    ...(ambiguous === undefined ? {} : { ambiguous }),
    ...(options.pseudoAccounts === undefined ? {} : { pseudoAccounts: options.pseudoAccounts }),
  });
  let records = 0;
  const tick = (): void => {
    if (++records % 100_000 === 0) options.onProgress?.(records);
  };
  for await (const e of store.iterateEntities()) {
    feed.addEntity(e);
    tick();
  }
  for await (const s of store.iterateShipments()) {
    feed.addShipment(s);
    tick();
  }
  for await (const t of store.iterateTransactions()) {
    feed.addTransaction(t);
    tick();
  }
  if (options.alerts !== false) for (const a of await store.listAlerts({ limit: ALERT_PAGE })) feed.addAlert(a);
  return feed.build();
}

/**
 * Incremental rebuild after an ingest: the records of the new batches are appended to the graph
 * built before; records it already holds are skipped. Changed records (same id, new content)
 * need a full rebuild, as does a change of resolution.
 */
export function extendGraph(
  base: Graph,
  batches: Iterable<RecordBatch>,
  resolution: Resolver | PartyResolution = identityResolver,
): FeedResult {
  const { resolve, resolveParty, ambiguous } = typeof resolution === 'function' ? { resolve: resolution } : resolution;
  const feed = new GraphFeed({
    base,
    resolve,
    ...(resolveParty === undefined ? {} : { resolveParty }),
    ...(ambiguous === undefined ? {} : { ambiguous }),
  });
  for (const batch of batches) {
    for (const r of batch.entities) feed.addEntity(r.entity);
    for (const r of batch.shipments) feed.addShipment(r.shipment);
    for (const r of batch.transactions) feed.addTransaction(r.transaction);
  }
  return feed.build();
}
