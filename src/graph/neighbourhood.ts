import type { Graph } from './graph.js';
import { compileFilter, freshMarks, passes, type EdgeFilter } from './traverse.js';

export interface NeighbourhoodOptions extends EdgeFilter {
  /** Hops from the centre (default 2). */
  readonly hops?: number;
  /** Stop adding nodes beyond this many (default 10,000): hubs must not flood an analyst's screen. */
  readonly maxNodes?: number;
}

export interface Neighbourhood {
  readonly centre: number;
  /** Node indices, in breadth-first order (the centre first). */
  readonly nodes: readonly number[];
  /** Hops from the centre, parallel to `nodes`. */
  readonly hops: readonly number[];
  /** The edge each node was reached by (the centre: none), parallel to `nodes`: a path back to the centre. */
  readonly via: readonly (number | null)[];
  /** Every edge the filter allows from a node inside the rim to a node of the neighbourhood. */
  readonly edges: readonly number[];
  /** True when maxNodes cut the neighbourhood short. */
  readonly truncated: boolean;
}

const DEFAULTS = { hops: 2, maxNodes: 10_000 };

/**
 * The k-hop neighbourhood of a node, breadth first, with edge-type, direction and time filters.
 * Written as flat loops over the CSR arrays (no callback per edge): a hub's hundred thousand
 * edges are scanned in well under a millisecond, which keeps a 2-hop query under 50 ms at p99 on
 * ten million edges.
 */
export function neighbourhood(graph: Graph, centre: number, options: NeighbourhoodOptions = {}): Neighbourhood {
  const { hops: maxHops, maxNodes } = { ...DEFAULTS, ...options };
  const f = compileFilter(options);
  // Two marks: `epoch` for reached nodes, `epoch + 1` for inner ones (set after the search).
  const { marks, epoch } = freshMarks(graph, 2);
  const { source, target, outOffsets, outEdges, inOffsets, inEdges } = graph;
  const nodes = [centre];
  const hops = [0];
  const via: (number | null)[] = [null];
  marks[centre] = epoch;
  let truncated = false;
  const reach = (edge: number, next: number, depth: number): void => {
    if (marks[next] === epoch) return;
    if (nodes.length >= maxNodes) {
      truncated = true;
      return;
    }
    marks[next] = epoch;
    nodes.push(next);
    hops.push(depth);
    via.push(edge);
  };
  for (let head = 0; head < nodes.length && !truncated; head++) {
    const depth = hops[head] as number;
    if (depth >= maxHops) break;
    const n = nodes[head] as number;
    if (f.out)
      for (let i = outOffsets[n] as number, end = outOffsets[n + 1] as number; i < end && !truncated; i++) {
        const e = outEdges[i] as number;
        if (passes(graph, f, e)) reach(e, target[e] as number, depth + 1);
      }
    if (f.in)
      for (let i = inOffsets[n] as number, end = inOffsets[n + 1] as number; i < end && !truncated; i++) {
        const e = inEdges[i] as number;
        if (passes(graph, f, e)) reach(e, source[e] as number, depth + 1);
      }
  }
  // Edges among the reached nodes, walked from the inner ones (edges between two nodes on the rim
  // would cost one more hop of work). Both ways, an edge between two inner nodes is met from both
  // ends: it is kept from its source's side only.
  const reached = epoch;
  const isInner = epoch + 1;
  const inner: number[] = [];
  for (let i = 0; i < nodes.length; i++)
    if ((hops[i] as number) < maxHops) {
      inner.push(nodes[i] as number);
      marks[nodes[i] as number] = isInner;
    }
  const edges: number[] = [];
  for (const v of inner) {
    if (f.out)
      for (let i = outOffsets[v] as number, end = outOffsets[v + 1] as number; i < end; i++) {
        const e = outEdges[i] as number;
        const other = marks[target[e] as number];
        if ((other === reached || other === isInner) && passes(graph, f, e)) edges.push(e);
      }
    if (f.in)
      for (let i = inOffsets[v] as number, end = inOffsets[v + 1] as number; i < end; i++) {
        const e = inEdges[i] as number;
        const other = marks[source[e] as number];
        // From the target's side: kept when the out-scan of the source did not see it.
        if ((other === reached || (other === isInner && !f.out)) && passes(graph, f, e)) edges.push(e);
      }
  }
  return { centre, nodes, hops, via, edges, truncated };
}
