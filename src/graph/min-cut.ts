import { BACKWARD, FORWARD } from './betweenness.js';
import type { Graph } from './graph.js';

export interface MinCutInput {
  /** Per edge: FORWARD and/or BACKWARD traversal bits (as for flowBetweenness). */
  readonly allowed: Uint8Array;
  readonly suppliers: readonly number[];
  readonly destinations: readonly number[];
  /** Cost of removing a node (default 1 each: the fewest entities). */
  readonly nodeCost?: (node: number) => number;
}

export interface MinCut {
  /** The nodes whose removal separates every supplier from every destination. */
  readonly cut: readonly number[];
  readonly cost: number;
  /** Destinations a supplier reaches by a direct edge: no intermediary can be cut between them. */
  readonly inseparable: readonly number[];
}

/**
 * Minimum vertex cut between a supplier set and a destination set on the directed flow graph
 * (Edmonds-Karp max flow on the node-split graph: each node an in/out pair joined by an arc of
 * its removal cost, edges uncuttable). By max-flow/min-cut, no cheaper set of intermediaries
 * stops every route; suppliers and destinations themselves are never cut.
 */
export function minVertexCut(graph: Graph, input: MinCutInput): MinCut {
  const { allowed } = input;
  const supplierSet = new Set(input.suppliers);
  const inseparable = new Set<number>();
  const destinationSet = new Set(input.destinations.filter((d) => !supplierSet.has(d)));
  // Local ids for the nodes the allowed edges touch.
  const local = new Map<number, number>();
  const nodes: number[] = [];
  const id = (v: number): number => {
    let i = local.get(v);
    if (i === undefined) {
      i = nodes.length;
      local.set(v, i);
      nodes.push(v);
    }
    return i;
  };
  const arcs: [number, number][] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    const bits = allowed[e] as number;
    if (bits === 0) continue;
    const a = graph.source[e] as number;
    const b = graph.target[e] as number;
    if (a === b) continue;
    const pairs: [number, number][] = [];
    if (bits & FORWARD) pairs.push([a, b]);
    if (bits & BACKWARD) pairs.push([b, a]);
    for (const [from, to] of pairs) {
      if (supplierSet.has(from) && destinationSet.has(to)) {
        inseparable.add(to);
        continue;
      }
      arcs.push([id(from), id(to)]);
    }
  }
  for (const d of inseparable) destinationSet.delete(d);
  for (const s of supplierSet) id(s);
  for (const d of destinationSet) id(d);
  const k = nodes.length;
  // Vertices: 2i (in), 2i+1 (out), 2k source, 2k+1 sink. Adjacency as arrays of arc indices.
  const source = 2 * k;
  const sink = 2 * k + 1;
  const to: number[] = [];
  const cap: number[] = [];
  const adjacency: number[][] = Array.from({ length: 2 * k + 2 }, () => []);
  const addArc = (u: number, v: number, c: number): void => {
    (adjacency[u] as number[]).push(to.length);
    to.push(v);
    cap.push(c);
    (adjacency[v] as number[]).push(to.length);
    to.push(u);
    cap.push(0);
  };
  const cost = input.nodeCost ?? (() => 1);
  for (let i = 0; i < k; i++) {
    const v = nodes[i] as number;
    const terminal = supplierSet.has(v) || destinationSet.has(v);
    addArc(2 * i, 2 * i + 1, terminal ? Infinity : cost(v));
    if (supplierSet.has(v)) addArc(source, 2 * i, Infinity);
    if (destinationSet.has(v)) addArc(2 * i + 1, sink, Infinity);
  }
  for (const [a, b] of arcs) addArc(2 * a + 1, 2 * b, Infinity);
  let total = 0;
  const parentArc = new Int32Array(2 * k + 2);
  const reachable = (): boolean => {
    parentArc.fill(-1);
    const queue = [source];
    parentArc[source] = -2;
    for (let head = 0; head < queue.length; head++) {
      const u = queue[head] as number;
      for (const a of adjacency[u] as number[]) {
        const v = to[a] as number;
        if ((cap[a] as number) > 0 && parentArc[v] === -1) {
          parentArc[v] = a;
          if (v === sink) return true;
          queue.push(v);
        }
      }
    }
    return false;
  };
  while (reachable()) {
    let bottleneck = Infinity;
    for (let v = sink; v !== source; v = to[(parentArc[v] as number) ^ 1] as number)
      bottleneck = Math.min(bottleneck, cap[parentArc[v] as number] as number);
    // Every supplier-destination route has a cuttable node here (direct edges were set aside).
    if (!Number.isFinite(bottleneck)) break;
    for (let v = sink; v !== source; v = to[(parentArc[v] as number) ^ 1] as number) {
      const a = parentArc[v] as number;
      cap[a] = (cap[a] as number) - bottleneck;
      cap[a ^ 1] = (cap[a ^ 1] as number) + bottleneck;
    }
    total += bottleneck;
  }
  // The cut: nodes whose in-vertex the source still reaches but whose out-vertex it does not.
  reachable();
  const cut: number[] = [];
  for (let i = 0; i < k; i++) if (parentArc[2 * i] !== -1 && parentArc[2 * i + 1] === -1) cut.push(nodes[i] as number);
  return { cut, cost: total, inseparable: [...inseparable] };
}
