/**
 * Clustering links into entities without giant clusters. Links are taken strongest first
 * (Kruskal's order) into a union-find, but two clusters merge only when (1) no analyst split
 * separates them, (2) the result stays within the size cap, (3) no pair across them is a conflict
 * (evidence at or below `conflictWeight`: A~B and B~C do not make A~C when A and C disagree on
 * their birth date and identifier) and (4) the pairs across them agree on average (mean evidence
 * at least `minMeanCrossWeight`). A chain of good links through one ambiguous record therefore
 * stops at the record instead of pulling two entities together. Analyst merges are applied first
 * and unconditionally.
 */

/** Why a link did or did not join two clusters: the fixed vocabulary of outcomes. */
export const LINK_OUTCOMES = [
  'below-threshold',
  'merged',
  'already-together',
  'refused-conflict',
  'refused-size',
  'refused-split',
  'refused-weak',
] as const;
export type LinkOutcome = (typeof LINK_OUTCOMES)[number];
const OUTCOME = Object.fromEntries(LINK_OUTCOMES.map((o, i) => [o, i])) as Record<LinkOutcome, number>;

export interface ClusterOptions {
  readonly maxClusterSize: number;
  readonly conflictWeight: number;
  readonly minMeanCrossWeight: number;
  readonly maxCrossPairs: number;
}

export interface Links {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  /** Match weight of each candidate pair (bits, prior included). */
  readonly weight: Float32Array;
  /** Pairs at or above this weight are links. */
  readonly threshold: number;
}

/** Analyst decisions as record-number pairs. */
export interface RecordDecisions {
  readonly merges: readonly (readonly [number, number])[];
  readonly splits: readonly (readonly [number, number])[];
}

export interface Clustering {
  /** Cluster number of every record (the root record of its cluster). */
  readonly cluster: Uint32Array;
  /** Outcome of every candidate pair, as an index into LINK_OUTCOMES. */
  readonly outcome: Uint8Array;
  /** Analyst splits that analyst merges overrode (both records ended in one cluster). */
  readonly overriddenSplits: readonly (readonly [number, number])[];
  readonly crossPairsCompared: number;
}

class UnionFind {
  readonly parent: Uint32Array;
  readonly size: Uint32Array;
  /** Members as linked lists: head and tail per root, next per record. */
  readonly next: Uint32Array;
  readonly tail: Uint32Array;
  static readonly END = 0xffffffff;

  constructor(n: number) {
    this.parent = new Uint32Array(n);
    this.size = new Uint32Array(n).fill(1);
    this.next = new Uint32Array(n).fill(UnionFind.END);
    this.tail = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      this.parent[i] = i;
      this.tail[i] = i;
    }
  }

  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r] ?? r;
    while (this.parent[x] !== r) {
      const up = this.parent[x] ?? r;
      this.parent[x] = r;
      x = up;
    }
    return r;
  }

  /** Joins two roots; the larger stays root. Returns the new root. */
  union(ra: number, rb: number): number {
    if (ra === rb) return ra;
    let big = ra;
    let small = rb;
    if ((this.size[ra] ?? 0) < (this.size[rb] ?? 0)) [big, small] = [rb, ra];
    this.parent[small] = big;
    this.size[big] = (this.size[big] ?? 0) + (this.size[small] ?? 0);
    this.next[this.tail[big] ?? big] = small;
    this.tail[big] = this.tail[small] ?? small;
    return big;
  }

  members(root: number, limit: number): number[] {
    const out: number[] = [];
    for (let x = root; x !== UnionFind.END && out.length < limit; x = this.next[x] ?? UnionFind.END) out.push(x);
    return out;
  }
}

/**
 * `crossWeight(x, y)` is the evidence (bits, no prior) between two records, computed on demand
 * for pairs the blocking never produced.
 */
export function clusterLinks(
  n: number,
  links: Links,
  crossWeight: (x: number, y: number) => number,
  decisions: RecordDecisions,
  options: ClusterOptions,
): Clustering {
  const uf = new UnionFind(n);
  const outcome = new Uint8Array(links.a.length);
  const cannot = new Map<number, number[]>();
  for (const [x, y] of decisions.splits) {
    cannot.set(x, [...(cannot.get(x) ?? []), y]);
    cannot.set(y, [...(cannot.get(y) ?? []), x]);
  }
  for (const [x, y] of decisions.merges) uf.union(uf.find(x), uf.find(y));

  const splitBetween = (ra: number, rb: number): boolean => {
    if (cannot.size === 0) return false;
    const [small, other] = (uf.size[ra] ?? 0) <= (uf.size[rb] ?? 0) ? [ra, rb] : [rb, ra];
    for (const x of uf.members(small, Number.MAX_SAFE_INTEGER))
      for (const y of cannot.get(x) ?? []) if (uf.find(y) === other) return true;
    return false;
  };

  let crossPairsCompared = 0;
  const side = Math.max(1, Math.floor(Math.sqrt(options.maxCrossPairs)));
  const crossCheck = (ra: number, rb: number, x: number, y: number): 'ok' | 'conflict' | 'weak' => {
    const sa = uf.size[ra] ?? 1;
    const sb = uf.size[rb] ?? 1;
    if (sa * sb === 1) return 'ok';
    // Small clusters are checked pair by pair; large ones through a bounded sample of each.
    const all = sa * sb <= options.maxCrossPairs;
    const ma = uf.members(ra, all ? sa : side);
    const mb = uf.members(rb, all ? sb : side);
    let sum = 0;
    let count = 0;
    for (const p of ma)
      for (const q of mb) {
        if ((p === x && q === y) || (p === y && q === x)) continue;
        const w = crossWeight(p, q);
        crossPairsCompared++;
        if (w <= options.conflictWeight) return 'conflict';
        sum += w;
        count++;
      }
    return count === 0 || sum / count >= options.minMeanCrossWeight ? 'ok' : 'weak';
  };

  const order: number[] = [];
  for (let k = 0; k < links.a.length; k++) if ((links.weight[k] ?? 0) >= links.threshold) order.push(k);
  // Strongest first; ties in pair order, so the result does not depend on the sort's stability.
  order.sort((p, q) => (links.weight[q] ?? 0) - (links.weight[p] ?? 0) || p - q);
  for (const k of order) {
    const x = links.a[k] ?? 0;
    const y = links.b[k] ?? 0;
    const ra = uf.find(x);
    const rb = uf.find(y);
    if (ra === rb) {
      outcome[k] = OUTCOME['already-together'];
      continue;
    }
    if ((uf.size[ra] ?? 0) + (uf.size[rb] ?? 0) > options.maxClusterSize) {
      outcome[k] = OUTCOME['refused-size'];
      continue;
    }
    if (splitBetween(ra, rb)) {
      outcome[k] = OUTCOME['refused-split'];
      continue;
    }
    const check = crossCheck(ra, rb, x, y);
    if (check !== 'ok') {
      outcome[k] = check === 'conflict' ? OUTCOME['refused-conflict'] : OUTCOME['refused-weak'];
      continue;
    }
    uf.union(ra, rb);
    outcome[k] = OUTCOME.merged;
  }
  const cluster = new Uint32Array(n);
  for (let i = 0; i < n; i++) cluster[i] = uf.find(i);
  const overriddenSplits = decisions.splits.filter(([x, y]) => cluster[x] === cluster[y]);
  return { cluster, outcome, overriddenSplits, crossPairsCompared };
}

export function outcomeName(code: number): LinkOutcome {
  return LINK_OUTCOMES[code] ?? 'below-threshold';
}
