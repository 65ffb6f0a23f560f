import { EDGE_TYPE_CODE, EDGE_TYPES, FLAG, type EdgeType, type Graph } from './graph.js';
import { compileFilter, forEachNeighbour, passes, type EdgeFilter } from './traverse.js';

/** The seeds of risk: designated nodes and flagged nodes, with how strongly each counts. */
export interface Seeds {
  readonly nodes: readonly number[];
  readonly strength: readonly number[];
}

export interface SeedOptions {
  /** Weight of a designated node (default 1). */
  readonly designated?: number;
  /** Weight of a node that is the subject of an open alert (default 0.5). */
  readonly flagged?: number;
  /** Weight of each end of an alerted record (shipment, payment), default 0.25. */
  readonly flaggedRecordParty?: number;
}

/** Designated and flagged nodes (and the parties of alerted records, given their edge flags). */
export function riskSeeds(graph: Graph, edgeFlags?: Uint8Array, options: SeedOptions = {}): Seeds {
  const { designated = 1, flagged = 0.5, flaggedRecordParty = 0.25 } = options;
  const strength = new Float64Array(graph.nodeCount);
  for (let n = 0; n < graph.nodeCount; n++) {
    const fl = graph.flags[n] as number;
    if (fl & FLAG.designated) strength[n] = designated;
    else if (fl & FLAG.flagged) strength[n] = flagged;
  }
  if (edgeFlags !== undefined)
    for (let e = 0; e < graph.edgeCount; e++) {
      if (edgeFlags[e] === 0) continue;
      for (const n of [graph.source[e] as number, graph.target[e] as number])
        strength[n] = Math.max(strength[n] as number, flaggedRecordParty);
    }
  const nodes: number[] = [];
  const out: number[] = [];
  strength.forEach((s, n) => {
    // A placeholder (CASH) on an alerted payment is no risky party: it is on everyone's deposits.
    if (s > 0 && ((graph.flags[n] as number) & FLAG.pseudo) === 0) {
      nodes.push(n);
      out.push(s);
    }
  });
  return { nodes, strength: out };
}

export interface HopsToRisk {
  /** Hops to the nearest seed per node; Infinity when none is reachable within maxHops. */
  readonly hops: Float64Array;
  /** The nearest seed per node (-1 never stored: read only where hops is finite). */
  readonly nearest: Int32Array;
  /** The edge towards the nearest seed per node. */
  readonly via: Int32Array;
}

/** Placeholders and ambiguous namesakes: risk does not travel through them (they are not one party). */
const NOT_ONE_PARTY = FLAG.pseudo | FLAG.ambiguous;

/** Multi-source breadth-first search from the seeds: "hops to risk" for every node. */
export function hopsToRisk(graph: Graph, seeds: readonly number[], options: EdgeFilter & { maxHops?: number } = {}): HopsToRisk {
  const f = compileFilter(options);
  const maxHops = options.maxHops ?? 6;
  const hops = new Float64Array(graph.nodeCount).fill(Infinity);
  const nearest = new Int32Array(graph.nodeCount);
  const via = new Int32Array(graph.nodeCount).fill(-1);
  let frontier: number[] = [];
  for (const s of seeds) {
    if (hops[s] === 0) continue;
    hops[s] = 0;
    nearest[s] = s;
    frontier.push(s);
  }
  for (let depth = 1; depth <= maxHops && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const n of frontier)
      forEachNeighbour(graph, f, n, (edge, m) => {
        if (hops[m] !== Infinity || ((graph.flags[m] as number) & NOT_ONE_PARTY) !== 0) return;
        hops[m] = depth;
        nearest[m] = nearest[n] as number;
        via[m] = edge;
        next.push(m);
      });
    frontier = next;
  }
  return { hops, nearest, via };
}

/** The path from a node to its nearest seed, as edge indices (node first). */
export function pathToRisk(graph: Graph, h: HopsToRisk, node: number): number[] {
  const edges: number[] = [];
  let n = node;
  while (h.hops[n] !== 0 && Number.isFinite(h.hops[n])) {
    const e = h.via[n] as number;
    edges.push(e);
    n = graph.source[e] === n ? (graph.target[e] as number) : (graph.source[e] as number);
  }
  return edges;
}

/** How much risk each edge type carries, relative to the others. */
export const DEFAULT_TYPE_WEIGHTS: Readonly<Record<EdgeType, number>> = {
  'ships-to': 1,
  pays: 1,
  owns: 1,
  holds: 1,
  directs: 0.8,
  family: 0.6,
  'shares-address': 0.5,
  'shares-contact': 0.7,
  'official-of': 0.2,
  'designated-by': 0,
  linked: 0.4,
};

export interface PageRankOptions extends EdgeFilter {
  /** Probability of following an edge rather than jumping back to a seed (default 0.85). */
  readonly alpha?: number;
  readonly typeWeights?: Readonly<Partial<Record<EdgeType, number>>>;
  /** Stop when the L1 change is below this (default 1e-6). */
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

export class ConvergenceError extends Error {
  constructor(iterations: number, change: number) {
    super(`personalised PageRank did not converge in ${iterations} iterations (last L1 change ${change.toExponential(2)})`);
    this.name = 'ConvergenceError';
  }
}

export interface PageRankResult {
  readonly scores: Float64Array;
  readonly iterations: number;
}

/**
 * Personalised PageRank from the seeds over the undirected graph: risk flows both ways along
 * an edge (paying a designated party and being paid by one both expose). Edge weights are the
 * type's weight times log(1 + dollars) for flows, so one large payment does not drown a pattern
 * of many. Mass that reaches a node with no usable edge returns to the seeds. Edges of placeholders
 * (CASH) and ambiguous namesakes carry nothing: everyone deposits cash, and a shared name is not
 * a tie.
 */
export function personalisedPageRank(graph: Graph, seeds: Seeds, options: PageRankOptions = {}): PageRankResult {
  const alpha = options.alpha ?? 0.85;
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 200;
  const f = compileFilter(options);
  const typeWeight = new Float64Array(EDGE_TYPES.length);
  EDGE_TYPES.forEach((t, i) => (typeWeight[i] = options.typeWeights?.[t] ?? DEFAULT_TYPE_WEIGHTS[t]));
  const flow = (1 << EDGE_TYPE_CODE['ships-to']) | (1 << EDGE_TYPE_CODE.pays);
  const n = graph.nodeCount;
  const m = graph.edgeCount;
  // Effective weight per edge (0: not followed), and the total at each node.
  const w = new Float32Array(m);
  const total = new Float64Array(n);
  for (let e = 0; e < m; e++) {
    if (!passes(graph, f, e)) continue;
    if (((graph.flags[graph.source[e] as number] as number) | (graph.flags[graph.target[e] as number] as number)) & NOT_ONE_PARTY)
      continue;
    const t = graph.type[e] as number;
    let x = typeWeight[t] as number;
    if (x === 0) continue;
    if ((1 << t) & flow) {
      const dollars = graph.weight[e] as number;
      x *= Number.isNaN(dollars) || dollars <= 0 ? 1 : Math.log1p(dollars);
    }
    w[e] = x;
    if (f.out) total[graph.source[e] as number]! += x;
    if (f.in) total[graph.target[e] as number]! += x;
  }
  const personal = new Float64Array(n);
  let seedSum = 0;
  seeds.nodes.forEach((s, i) => {
    personal[s] = (personal[s] as number) + (seeds.strength[i] as number);
    seedSum += seeds.strength[i] as number;
  });
  if (seedSum === 0) return { scores: new Float64Array(n), iterations: 0 };
  for (let i = 0; i < n; i++) personal[i] = (personal[i] as number) / seedSum;
  const { offsets, from, weight } = gatherLists(graph, w, f.out, f.in);
  // Each round every node pulls share x weight from its lists: one sequential pass over the lists
  // and one random read per entry (pushing along edges costs two random accesses per edge).
  let x = Float64Array.from(personal);
  let next = new Float64Array(n);
  const share = new Float64Array(n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      const t = total[i] as number;
      if (t > 0) share[i] = (x[i] as number) / t;
      else {
        share[i] = 0;
        dangling += x[i] as number;
      }
    }
    let change = 0;
    const restart = 1 - alpha + alpha * dangling;
    for (let v = 0; v < n; v++) {
      let acc = 0;
      const end = offsets[v + 1] as number;
      for (let j = offsets[v] as number; j < end; j++) acc += (share[from[j] as number] as number) * (weight[j] as number);
      const value = alpha * acc + restart * (personal[v] as number);
      change += Math.abs(value - (x[v] as number));
      next[v] = value;
    }
    [x, next] = [next, x];
    if (change < tolerance) return { scores: x, iterations: iteration };
    if (iteration === maxIterations) throw new ConvergenceError(iteration, change);
  }
  return { scores: x, iterations: maxIterations };
}

/**
 * Per node, the nodes its mass comes from and the weight of each: the sources of its in-edges
 * when mass flows forward, the targets of its out-edges when it flows backward. Edges of weight 0
 * are left out.
 */
function gatherLists(
  graph: Graph,
  w: Float32Array,
  forward: boolean,
  backward: boolean,
): { offsets: Uint32Array; from: Uint32Array; weight: Float32Array } {
  const n = graph.nodeCount;
  const offsets = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) {
    let count = 0;
    if (forward)
      for (let i = graph.inOffsets[v] as number; i < (graph.inOffsets[v + 1] as number); i++)
        if ((w[graph.inEdges[i] as number] as number) > 0) count++;
    if (backward)
      for (let i = graph.outOffsets[v] as number; i < (graph.outOffsets[v + 1] as number); i++)
        if ((w[graph.outEdges[i] as number] as number) > 0) count++;
    offsets[v + 1] = (offsets[v] as number) + count;
  }
  const from = new Uint32Array(offsets[n] as number);
  const weight = new Float32Array(offsets[n] as number);
  let j = 0;
  for (let v = 0; v < n; v++) {
    if (forward)
      for (let i = graph.inOffsets[v] as number; i < (graph.inOffsets[v + 1] as number); i++) {
        const e = graph.inEdges[i] as number;
        const x = w[e] as number;
        if (x <= 0) continue;
        from[j] = graph.source[e] as number;
        weight[j++] = x;
      }
    if (backward)
      for (let i = graph.outOffsets[v] as number; i < (graph.outOffsets[v + 1] as number); i++) {
        const e = graph.outEdges[i] as number;
        const x = w[e] as number;
        if (x <= 0) continue;
        from[j] = graph.target[e] as number;
        weight[j++] = x;
      }
  }
  return { offsets, from, weight };
}
