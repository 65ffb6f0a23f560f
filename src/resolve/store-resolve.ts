import { contentId, type Entity } from '../model/index.js';
import { nameClassOf, subjectFromEntity, type Matcher } from '../screening/index.js';
import type { ClusterLink, ClusterMember, ResolutionDecision, Store } from '../store/index.js';
import type { RecordDecisions } from './cluster.js';
import { FIELD_COUNT } from './compare.js';
import { pairEvidence } from './explain.js';
import type { ResolutionPolicy } from './policy.js';
import { RecordTableBuilder, type RecordInput } from './record-table.js';
import { resolveRecords, type Resolution, type ResolveStats } from './resolve.js';
import { normaliseAddress, parseCountry, parseDate, parseEmail, parsePhone } from './values.js';

/** Schemata that name a party: what resolution clusters (links, accounts and documents are not parties). */
export const PARTY_SCHEMATA: ReadonlySet<string> = new Set(['Person', 'Company', 'Organization', 'LegalEntity', 'PublicBody']);
/** Records from the store all come from one source: the entity id is the record id. */
export const STORE_SOURCE = 'store';

/** Every value that parses, the rest dropped: stored entities were validated when they came in. */
function parsed<T>(values: readonly string[] | undefined, parse: (v: string) => { ok: true; value: T } | { ok: false }): T[] {
  const out: T[] = [];
  for (const v of values ?? []) {
    const r = parse(v);
    if (r.ok) out.push(r.value);
  }
  return out;
}

/** A stored party as a record: its names and aliases, address, dates, identifiers and contacts. */
export function recordFromEntity(entity: Entity, policy: ResolutionPolicy): RecordInput {
  const p = entity.properties;
  const subject = subjectFromEntity(entity);
  return {
    source: STORE_SOURCE,
    id: entity.id,
    nameClass: nameClassOf(entity.schema),
    names: subject.names,
    addresses: (p['address'] ?? []).map((a) => normaliseAddress(a, policy.data.addressWords)).filter((a) => a.length > 0),
    dates: parsed([...(p['birthDate'] ?? []), ...(p['incorporationDate'] ?? [])], parseDate),
    identifiers: subject.identifiers.map((i) => i.value),
    countries: parsed([...(p['country'] ?? []), ...(p['jurisdiction'] ?? []), ...(p['nationality'] ?? [])], parseCountry),
    phones: parsed(p['phone'], parsePhone),
    emails: parsed(p['email'], parseEmail),
  };
}

/**
 * Analyst decisions folded per pair, latest first: a later decision on the same pair replaces an
 * earlier one (split after merge undoes the merge). Pairs naming an entity no longer stored are
 * returned apart so the caller can report them.
 */
export function foldDecisions(
  decisions: readonly ResolutionDecision[],
  indexOf: (entityId: string) => number | undefined,
): { decisions: RecordDecisions; stale: ResolutionDecision[] } {
  const latest = new Map<string, ResolutionDecision>();
  for (const d of [...decisions].sort((x, y) => x.decidedAt.localeCompare(y.decidedAt) || x.id.localeCompare(y.id))) {
    const key = d.leftId < d.rightId ? `${d.leftId}\u0000${d.rightId}` : `${d.rightId}\u0000${d.leftId}`;
    latest.set(key, d);
  }
  const merges: [number, number][] = [];
  const splits: [number, number][] = [];
  const stale: ResolutionDecision[] = [];
  for (const d of latest.values()) {
    const x = indexOf(d.leftId);
    const y = indexOf(d.rightId);
    if (x === undefined || y === undefined) {
      stale.push(d);
      continue;
    }
    (d.kind === 'merge' ? merges : splits).push([x, y]);
  }
  return { decisions: { merges, splits }, stale };
}

export interface StoreResolveSummary {
  readonly location: string;
  readonly runId: string;
  readonly policy: string;
  readonly threshold: number;
  readonly entities: number;
  readonly clusters: number;
  readonly entitiesInClusters: number;
  readonly decisions: { readonly merges: number; readonly splits: number; readonly stale: number; readonly overridden: number };
  readonly stats: ResolveStats;
  readonly seconds: number;
}

/**
 * Clusters the store's parties (shipment parties, account holders, registry companies, watchlist
 * entities) and records the clusters, with every link's evidence, replacing the previous run.
 * Analyst decisions are read first and respected: merges hold, splits never re-merge.
 */
export async function resolveStore(
  store: Store,
  options: { readonly policy: ResolutionPolicy; readonly matcher: Matcher; readonly threshold?: number },
): Promise<{ summary: StoreResolveSummary; resolution: Resolution }> {
  const started = performance.now();
  const builder = new RecordTableBuilder(options.matcher);
  const index = new Map<string, number>();
  for await (const entity of store.iterateEntities()) {
    if (!PARTY_SCHEMATA.has(entity.schema)) continue;
    index.set(entity.id, builder.add(recordFromEntity(entity, options.policy)));
  }
  const folded = foldDecisions(await store.listResolutionDecisions(), (id) => index.get(id));
  const resolution = resolveRecords(builder.build(), {
    policy: options.policy,
    matcher: options.matcher,
    decisions: folded.decisions,
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
  });
  const t = resolution.table;
  const size = new Map<string, number>();
  for (const c of resolution.clusterIds) size.set(c, (size.get(c) ?? 0) + 1);
  const members: ClusterMember[] = [];
  for (let r = 0; r < t.size; r++) {
    const clusterId = resolution.clusterIds[r] ?? '';
    if ((size.get(clusterId) ?? 0) > 1) members.push({ entityId: t.recordIds[r] ?? '', clusterId });
  }
  const links: ClusterLink[] = [];
  const { a, b, levels, nameAdjust, weight } = resolution.pairs;
  for (let k = 0; k < a.length; k++) {
    if (resolution.clustering.outcome[k] !== 1) continue;
    const x = a[k] ?? 0;
    const y = b[k] ?? 0;
    links.push({
      clusterId: resolution.clusterIds[x] ?? '',
      leftId: t.recordIds[x] ?? '',
      rightId: t.recordIds[y] ?? '',
      weight: Math.round((weight[k] ?? 0) * 100) / 100,
      evidence: JSON.stringify(pairEvidence(resolution.weights, levels, k * FIELD_COUNT, nameAdjust[k] ?? 0)),
    });
  }
  for (const [x, y] of folded.decisions.merges)
    links.push({
      clusterId: resolution.clusterIds[x] ?? '',
      leftId: t.recordIds[x] ?? '',
      rightId: t.recordIds[y] ?? '',
      weight: 0,
      evidence: JSON.stringify([{ field: 'analyst', level: 'merge', weight: 0 }]),
    });
  const createdAt = new Date().toISOString();
  const runId = contentId('resolution', options.policy.stamp, createdAt);
  await store.replaceResolution({
    run: {
      id: runId,
      policy: options.policy.stamp,
      threshold: resolution.threshold,
      records: t.size,
      clusters: resolution.stats.clusters,
      links: links.length,
      model: JSON.stringify({
        prior: resolution.model.prior,
        m: resolution.model.m,
        u: resolution.model.u,
        stats: resolution.stats,
      }),
      createdAt,
    },
    members,
    links,
  });
  return {
    resolution,
    summary: {
      location: store.location,
      runId,
      policy: options.policy.stamp,
      threshold: resolution.threshold,
      entities: t.size,
      clusters: resolution.stats.clusters,
      entitiesInClusters: members.length,
      decisions: {
        merges: folded.decisions.merges.length,
        splits: folded.decisions.splits.length,
        stale: folded.stale.length,
        overridden: resolution.clustering.overriddenSplits.length,
      },
      stats: resolution.stats,
      seconds: (performance.now() - started) / 1000,
    },
  };
}

/**
 * The graph's resolver over the stored clustering: entity id → cluster id, and an entity in no
 * cluster of two or more is itself.
 */
export async function loadStoredResolver(store: Store): Promise<(entityId: string) => string> {
  const clusters = new Map<string, string>();
  for await (const m of store.iterateClusterMembers()) clusters.set(m.entityId, m.clusterId);
  return (id) => clusters.get(id) ?? id;
}

export class DecisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionError';
  }
}

async function requireParty(store: Store, id: string): Promise<void> {
  const found = await store.getEntity(id);
  if (found === undefined) throw new DecisionError(`no entity "${id}" in ${store.location}`);
  if (!PARTY_SCHEMATA.has(found.entity.schema))
    throw new DecisionError(
      `entity "${id}" is a ${found.entity.schema}, not a party (Person, Company, Organization, LegalEntity)`,
    );
}

function decision(kind: 'merge' | 'split', leftId: string, rightId: string, reason: string): ResolutionDecision {
  const decidedAt = new Date().toISOString();
  return { id: contentId('decision', kind, leftId, rightId, decidedAt), kind, leftId, rightId, reason, decidedAt };
}

/** Records that two entities are one: every later clustering keeps them together. */
export async function recordMerge(store: Store, left: string, right: string, reason: string): Promise<ResolutionDecision[]> {
  if (left === right) throw new DecisionError('merge needs two different entities');
  if (reason.trim().length === 0) throw new DecisionError('a decision needs a --reason');
  await requireParty(store, left);
  await requireParty(store, right);
  const d = decision('merge', left, right, reason.trim());
  await store.addResolutionDecision(d);
  return [d];
}

/**
 * Records that entities are not one. With two ids, that pair; with one, the entity against every
 * other member of its current cluster (it leaves the cluster and never rejoins those members).
 */
export async function recordSplit(
  store: Store,
  id: string,
  other: string | undefined,
  reason: string,
): Promise<ResolutionDecision[]> {
  if (reason.trim().length === 0) throw new DecisionError('a decision needs a --reason');
  await requireParty(store, id);
  let others: string[];
  if (other !== undefined) {
    if (other === id) throw new DecisionError('split needs two different entities');
    await requireParty(store, other);
    others = [other];
  } else {
    let cluster: string | undefined;
    const byCluster = new Map<string, string[]>();
    for await (const m of store.iterateClusterMembers()) {
      if (m.entityId === id) cluster = m.clusterId;
      byCluster.set(m.clusterId, [...(byCluster.get(m.clusterId) ?? []), m.entityId]);
    }
    if (cluster === undefined)
      throw new DecisionError(`entity "${id}" is in no cluster of the last resolution: nothing to split`);
    others = (byCluster.get(cluster) ?? []).filter((e) => e !== id);
  }
  const out = others.map((o) => decision('split', id, o, reason.trim()));
  for (const d of out) await store.addResolutionDecision(d);
  return out;
}
