import type { Graph } from './graph.js';

export interface ArticulationPoint {
  readonly node: number;
  /** Sizes of the parts its removal separates from the rest of its component, largest first. */
  readonly splits: readonly number[];
}

/**
 * Articulation points of the undirected graph formed by the allowed edges (per-edge flag, any
 * non-zero value): nodes whose removal disconnects their component. Iterative Tarjan (lowpoint),
 * so deep chains do not overflow the stack.
 */
export function articulationPoints(graph: Graph, allowed: Uint8Array): ArticulationPoint[] {
  const n = graph.nodeCount;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const size = new Int32Array(n);
  const parentEdge = new Int32Array(n).fill(-1);
  const splits = new Map<number, number[]>();
  // Iterator state per node: position in out-edges then in-edges.
  const cursor = new Int32Array(n);
  let time = 0;
  const stack: number[] = [];
  const degree = (v: number): number =>
    (graph.outOffsets[v + 1] as number) -
    (graph.outOffsets[v] as number) +
    (graph.inOffsets[v + 1] as number) -
    (graph.inOffsets[v] as number);
  const edgeAt = (v: number, k: number): number => {
    const outDeg = (graph.outOffsets[v + 1] as number) - (graph.outOffsets[v] as number);
    return k < outDeg
      ? (graph.outEdges[(graph.outOffsets[v] as number) + k] as number)
      : (graph.inEdges[(graph.inOffsets[v] as number) + k - outDeg] as number);
  };
  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1) continue;
    let hasEdge = false;
    for (let k = 0; k < degree(root) && !hasEdge; k++) hasEdge = (allowed[edgeAt(root, k)] as number) !== 0;
    if (!hasEdge) continue;
    disc[root] = low[root] = time++;
    size[root] = 1;
    stack.push(root);
    let rootChildren = 0;
    while (stack.length > 0) {
      const v = stack[stack.length - 1] as number;
      if ((cursor[v] as number) < degree(v)) {
        const e = edgeAt(v, cursor[v]!++);
        if ((allowed[e] as number) === 0 || e === parentEdge[v]) continue;
        const w = graph.source[e] === v ? (graph.target[e] as number) : (graph.source[e] as number);
        if (w === v) continue;
        if (disc[w] === -1) {
          disc[w] = low[w] = time++;
          size[w] = 1;
          parentEdge[w] = e;
          stack.push(w);
          if (v === root) rootChildren++;
        } else low[v] = Math.min(low[v] as number, disc[w] as number);
        continue;
      }
      stack.pop();
      const pe = parentEdge[v] as number;
      if (pe === -1) continue;
      const p = graph.source[pe] === v ? (graph.target[pe] as number) : (graph.source[pe] as number);
      low[p] = Math.min(low[p] as number, low[v] as number);
      size[p] = (size[p] as number) + (size[v] as number);
      if ((low[v] as number) >= (disc[p] as number)) {
        const list = splits.get(p) ?? [];
        list.push(size[v] as number);
        splits.set(p, list);
      }
    }
    // The root separates its DFS subtrees only when it has two or more of them.
    if (rootChildren < 2) splits.delete(root);
  }
  return [...splits].map(([node, s]) => ({ node, splits: s.sort((a, b) => b - a) }));
}
