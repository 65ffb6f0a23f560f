import type { Graph } from './graph.js';

/** Per-edge traversal bits for the flow algorithms. */
export const FORWARD = 1;
export const BACKWARD = 2;
/**
 * With FORWARD: the edge may only begin a path, at its source. Flow that arrives at its source
 * from elsewhere does not go on along it (a buyer's purchase: the money it received ends there,
 * and the purchase starts a route of its own).
 */
export const START = 4;

export interface FlowBetweennessInput {
  /** Per edge: FORWARD and/or BACKWARD when the walk may use it that way (START: only from the source); 0 excludes it. */
  readonly allowed: Uint8Array;
  /** How much flow starts at each node (0: not a source). */
  readonly sourceWeight: Float64Array;
  /** How much flow ends at each node (0: not a destination). */
  readonly targetWeight: Float64Array;
  /** At most this many sources (default 2,000): beyond it sources are sampled by weight. */
  readonly maxSources?: number;
  readonly seed?: number;
  /** Nodes that paths may end at but not pass through (placeholder counterparties such as CASH). */
  readonly noTransit?: (node: number) => boolean;
  /**
   * Flow that enters the network at a node from outside it (cash deposited from a placeholder):
   * the node is a source of that much more, and, being the first intermediary of that flow, is
   * credited with it times everything it reaches.
   */
  readonly entryWeight?: Float64Array;
}

export interface FlowBetweenness {
  /** Flow-weighted betweenness per node (sum over source-target pairs of weight times path share). */
  readonly score: Float64Array;
  readonly sources: number;
  readonly sampled: boolean;
}

/** The sources of a flow walk: every node of positive weight, or beyond `max` a seeded weighted sample. */
export function pickSources(
  weights: Float64Array,
  max: number,
  seed: number,
): { nodes: number[]; scale: number[]; sampled: boolean } {
  const nodes: number[] = [];
  for (let n = 0; n < weights.length; n++) if ((weights[n] as number) > 0) nodes.push(n);
  if (nodes.length <= max) return { nodes, scale: nodes.map(() => 1), sampled: false };
  // Weighted sampling without replacement (Efraimidis-Spirakis keys), seeded for reproducibility.
  let s = seed >>> 0 || 1;
  const random = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 1) / 0x100000001;
  };
  const keyed = nodes.map((n) => ({ n, key: Math.log(random()) / (weights[n] as number) }));
  keyed.sort((a, b) => b.key - a.key);
  const total = nodes.reduce((sum, n) => sum + (weights[n] as number), 0);
  const chosen = keyed.slice(0, max).map((k) => k.n);
  const chosenTotal = chosen.reduce((sum, n) => sum + (weights[n] as number), 0);
  // Rescale so the sampled sources stand for all of the flow.
  return { nodes: chosen, scale: chosen.map(() => total / chosenTotal), sampled: true };
}

/**
 * Flow-weighted betweenness (Brandes' accumulation with weighted sources and targets): for each
 * source s and destination t, the flow weight(s) x weight(t) is shared among the shortest
 * s-t paths, and each node in between is credited with its share. A node that every supplier-to-
 * destination route passes through scores the whole flow: that is a chokepoint.
 */
export function flowBetweenness(graph: Graph, input: FlowBetweennessInput): FlowBetweenness {
  const n = graph.nodeCount;
  const score = new Float64Array(n);
  const entry = input.entryWeight;
  const startWeight = entry === undefined ? input.sourceWeight : input.sourceWeight.map((w, v) => w + (entry[v] as number));
  const { nodes: sources, scale, sampled } = pickSources(startWeight, input.maxSources ?? 2000, input.seed ?? 1);
  const sigma = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const delta = new Float64Array(n);
  const order: number[] = [];
  const { allowed } = input;
  /** Whether a path from s may take edge e forward out of v. */
  const forward = (e: number, v: number, s: number): boolean => {
    const bits = allowed[e] as number;
    return (bits & FORWARD) !== 0 && ((bits & START) === 0 || v === s);
  };
  const neighbours = (v: number, s: number, visit: (w: number) => void): void => {
    for (let i = graph.outOffsets[v] as number; i < (graph.outOffsets[v + 1] as number); i++) {
      const e = graph.outEdges[i] as number;
      if (forward(e, v, s)) visit(graph.target[e] as number);
    }
    for (let i = graph.inOffsets[v] as number; i < (graph.inOffsets[v + 1] as number); i++) {
      const e = graph.inEdges[i] as number;
      if ((allowed[e] as number) & BACKWARD) visit(graph.source[e] as number);
    }
  };
  sources.forEach((s, k) => {
    order.length = 0;
    dist[s] = 0;
    sigma[s] = 1;
    order.push(s);
    for (let head = 0; head < order.length; head++) {
      const v = order[head] as number;
      const dv = dist[v] as number;
      if (v !== s && input.noTransit?.(v) === true) continue;
      neighbours(v, s, (w) => {
        if (dist[w] === -1) {
          dist[w] = dv + 1;
          order.push(w);
        }
        if (dist[w] === dv + 1) sigma[w] = (sigma[w] as number) + (sigma[v] as number);
      });
    }
    const weight = (startWeight[s] as number) * (scale[k] as number);
    for (let i = order.length - 1; i >= 0; i--) {
      const w = order[i] as number;
      // Predecessors of w are the neighbours one hop closer; walk w's edges in reverse roles.
      const dw = dist[w] as number;
      const coefficient = ((w === s ? 0 : (input.targetWeight[w] as number)) + (delta[w] as number)) / (sigma[w] as number);
      for (let j = graph.inOffsets[w] as number; j < (graph.inOffsets[w + 1] as number); j++) {
        const e = graph.inEdges[j] as number;
        const v = graph.source[e] as number;
        if (dist[v] === dw - 1 && forward(e, v, s)) delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
      }
      for (let j = graph.outOffsets[w] as number; j < (graph.outOffsets[w + 1] as number); j++) {
        const e = graph.outEdges[j] as number;
        const v = graph.target[e] as number;
        if ((allowed[e] as number) & BACKWARD && dist[v] === dw - 1)
          delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
      }
      if (w !== s) score[w] = (score[w] as number) + weight * (delta[w] as number);
    }
    // The entering flow passes through s to everything s reaches (delta[s]: their target weight).
    if (entry !== undefined) score[s] = (score[s] as number) + (entry[s] as number) * (scale[k] as number) * (delta[s] as number);
    for (const v of order) {
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  });
  return { score, sources: sources.length, sampled };
}
