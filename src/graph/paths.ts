import { EDGE_TYPE_CODE, type Graph } from './graph.js';
import { MinHeap } from './heap.js';
import { compileFilter, forEachNeighbour, freshMarks, type EdgeFilter } from './traverse.js';

export type PathResult =
  | { readonly found: true; readonly nodes: readonly number[]; readonly edges: readonly number[]; readonly strength?: number }
  | { readonly found: false };

export interface PathOptions extends EdgeFilter {
  /** Give up beyond this many hops (default 8). */
  readonly maxHops?: number;
}

function walkBack(parentEdge: ReadonlyMap<number, number>, from: number, to: number, graph: Graph) {
  const nodes = [to];
  const edges: number[] = [];
  let n = to;
  while (n !== from) {
    const e = parentEdge.get(n) as number;
    edges.push(e);
    n = graph.source[e] === n ? (graph.target[e] as number) : (graph.source[e] as number);
    nodes.push(n);
  }
  return { nodes: nodes.reverse(), edges: edges.reverse() };
}

/** Fewest hops from `from` to `to` (breadth first), following the filter. */
export function shortestPath(graph: Graph, from: number, to: number, options: PathOptions = {}): PathResult {
  if (from === to) return { found: true, nodes: [from], edges: [] };
  const f = compileFilter(options);
  const maxHops = options.maxHops ?? 8;
  const { marks, epoch } = freshMarks(graph);
  const parent = new Map<number, number>();
  marks[from] = epoch;
  let frontier = [from];
  for (let depth = 0; depth < maxHops && frontier.length > 0; depth++) {
    const next: number[] = [];
    let reached = false;
    for (const n of frontier) {
      forEachNeighbour(graph, f, n, (edge, m) => {
        if (reached || marks[m] === epoch) return;
        marks[m] = epoch;
        parent.set(m, edge);
        if (m === to) reached = true;
        next.push(m);
      });
      if (reached) return { found: true, ...walkBack(parent, from, to, graph) };
    }
    frontier = next;
  }
  return { found: false };
}

/**
 * How strongly an edge ties its ends, in (0, 1]: an ownership edge by the share owned; any other
 * edge by its weight's share of all the weight of that type at the node it leaves (the fraction of
 * a shipper's value that went to this consignee). Unknown weights count as 1.
 */
function tieStrength(graph: Graph, edge: number, typeSum: Float64Array): number {
  const t = graph.type[edge] as number;
  const w = graph.weight[edge] as number;
  if (t === EDGE_TYPE_CODE.owns) return Number.isNaN(w) || w <= 0 ? 0.5 : Math.min(1, w);
  const sum = typeSum[t] as number;
  const value = Number.isNaN(w) || w <= 0 ? 1 : w;
  return sum > 0 ? Math.min(1, value / sum) : 1;
}

/**
 * The strongest path: the one whose product of tie strengths is largest (Dijkstra on -log
 * strength). Finds the trade or money relationship that actually carries weight between a US
 * consignee and a designated supplier, not merely the shortest.
 */
export function strongestPath(graph: Graph, from: number, to: number, options: PathOptions = {}): PathResult {
  const f = compileFilter(options);
  const maxHops = options.maxHops ?? 8;
  const dist = new Map<number, number>([[from, 0]]);
  const depth = new Map<number, number>([[from, 0]]);
  const parent = new Map<number, number>();
  const heap = new MinHeap();
  const typeSum = new Float64Array(32);
  const done = new Set<number>();
  heap.push(0, from);
  while (heap.size > 0) {
    const d = heap.peekKey();
    const n = heap.pop();
    if (done.has(n) || d > (dist.get(n) ?? Infinity)) continue;
    done.add(n);
    if (n === to) return { found: true, ...walkBack(parent, from, to, graph), strength: Math.exp(-d) };
    if ((depth.get(n) as number) >= maxHops) continue;
    typeSum.fill(0);
    forEachNeighbour(graph, f, n, (edge) => {
      const w = graph.weight[edge] as number;
      const t = graph.type[edge] as number;
      typeSum[t] = (typeSum[t] as number) + (Number.isNaN(w) || w <= 0 ? 1 : w);
    });
    forEachNeighbour(graph, f, n, (edge, m) => {
      if (done.has(m)) return;
      const cost = d - Math.log(tieStrength(graph, edge, typeSum));
      if (cost < (dist.get(m) ?? Infinity)) {
        dist.set(m, cost);
        depth.set(m, (depth.get(n) as number) + 1);
        parent.set(m, edge);
        heap.push(cost, m);
      }
    });
  }
  return { found: false };
}
