import { EDGE_TYPE_CODE, type Graph } from './graph.js';

/** One owner's stake that counts towards an asset's blocked share. */
export interface BlockedStake {
  readonly owner: number;
  /** The ownership edge. */
  readonly edge: number;
  /** Fraction 0..1 of the asset this owner holds. */
  readonly share: number;
}

export interface BlockedByOwnership {
  readonly node: number;
  /** Aggregate share held by blocked owners, capped at 1. */
  readonly share: number;
  readonly blocked: boolean;
  /** The stakes of blocked owners that make up the share. */
  readonly stakes: readonly BlockedStake[];
  /** Stakes of blocked owners whose size the data does not say (not counted). */
  readonly unknownStakes: readonly number[];
}

export interface FiftyPercentResult {
  /** Every node blocked by the rule (not the designated ones themselves), in the order found. */
  readonly blocked: readonly BlockedByOwnership[];
  /** Nodes owned in part by blocked owners but under the threshold, for review. */
  readonly partial: readonly BlockedByOwnership[];
  /** Why each blocked node is blocked: "designated" or its result. */
  readonly reason: ReadonlyMap<number, 'designated' | BlockedByOwnership>;
}

export interface FiftyPercentOptions {
  /** Default 0.5: OFAC's threshold, "50 percent or more". */
  readonly threshold?: number;
}

/**
 * OFAC's 50 percent rule: an entity owned 50% or more, directly or indirectly, individually or
 * in aggregate, by blocked persons is itself blocked. Computed as a fixpoint: start from the
 * designated nodes, add every entity whose stakes held by blocked owners sum to the threshold or
 * more, and repeat from the newly blocked ones. Indirect ownership counts only through entities
 * that are themselves blocked (OFAC's guidance does not multiply shares down a chain), which is
 * exactly what the fixpoint does. Ownership cycles terminate: a node is blocked at most once and
 * the blocked set only grows.
 */
export function fiftyPercentRule(
  graph: Graph,
  designated: readonly number[],
  options: FiftyPercentOptions = {},
): FiftyPercentResult {
  const threshold = options.threshold ?? 0.5;
  const owns = EDGE_TYPE_CODE.owns;
  const reason = new Map<number, 'designated' | BlockedByOwnership>();
  for (const d of designated) reason.set(d, 'designated');
  const blocked: BlockedByOwnership[] = [];
  const touched = new Set<number>();
  let queue = [...new Set(designated)];
  while (queue.length > 0) {
    const assets = new Set<number>();
    for (const owner of queue) {
      const end = graph.outOffsets[owner + 1] as number;
      for (let i = graph.outOffsets[owner] as number; i < end; i++) {
        const e = graph.outEdges[i] as number;
        if (graph.type[e] === owns && !reason.has(graph.target[e] as number)) assets.add(graph.target[e] as number);
      }
    }
    const next: number[] = [];
    for (const asset of assets) {
      const result = blockedShare(graph, asset, reason, threshold);
      touched.add(asset);
      if (result.blocked) {
        reason.set(asset, result);
        blocked.push(result);
        next.push(asset);
      }
    }
    queue = next;
  }
  const partial: BlockedByOwnership[] = [];
  for (const asset of touched) {
    if (reason.has(asset)) continue;
    const result = blockedShare(graph, asset, reason, threshold);
    if (result.share > 0 || result.unknownStakes.length > 0) partial.push(result);
  }
  return { blocked, partial, reason };
}

function blockedShare(
  graph: Graph,
  asset: number,
  blockedReason: ReadonlyMap<number, unknown>,
  threshold: number,
): BlockedByOwnership {
  const stakes: BlockedStake[] = [];
  const unknownStakes: number[] = [];
  let share = 0;
  const end = graph.inOffsets[asset + 1] as number;
  for (let i = graph.inOffsets[asset] as number; i < end; i++) {
    const e = graph.inEdges[i] as number;
    if (graph.type[e] !== EDGE_TYPE_CODE.owns) continue;
    const owner = graph.source[e] as number;
    if (!blockedReason.has(owner)) continue;
    const w = graph.weight[e] as number;
    if (Number.isNaN(w)) {
      unknownStakes.push(e);
      continue;
    }
    stakes.push({ owner, edge: e, share: w });
    share += w;
  }
  share = Math.min(1, share);
  // A tolerance for shares written as thirds ("33.33" three times is 99.99%, not under 100).
  return { node: asset, share, blocked: share >= threshold - 1e-9, stakes, unknownStakes };
}
