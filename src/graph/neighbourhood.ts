import type { Graph } from './graph.js';
import { compileFilter, forEachNeighbour, freshMarks, type EdgeFilter } from './traverse.js';

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

/** The k-hop neighbourhood of a node, breadth first, with edge-type, direction and time filters. */
export function neighbourhood(graph: Graph, centre: number, options: NeighbourhoodOptions = {}): Neighbourhood {
  const { hops: maxHops, maxNodes } = { ...DEFAULTS, ...options };
  const f = compileFilter(options);
  const { marks, epoch } = freshMarks(graph);
  const nodes = [centre];
  const hops = [0];
  const via: (number | null)[] = [null];
  marks[centre] = epoch;
  let truncated = false;
  for (let head = 0; head < nodes.length; head++) {
    const depth = hops[head] as number;
    if (depth >= maxHops) break;
    forEachNeighbour(graph, f, nodes[head] as number, (edge, next) => {
      if (marks[next] === epoch) return;
      if (nodes.length >= maxNodes) {
        truncated = true;
        return;
      }
      marks[next] = epoch;
      nodes.push(next);
      hops.push(depth + 1);
      via.push(edge);
    });
  }
  // Edges among the reached nodes, walked from the inner ones (edges between two nodes on the rim
  // would cost one more hop of work); in "both" mode an edge is met from both ends, the set keeps it once.
  const edges: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < nodes.length && (hops[i] as number) < maxHops; i++) {
    const n = nodes[i] as number;
    forEachNeighbour(graph, f, n, (edge, other) => {
      if (marks[other] !== epoch || seen.has(edge)) return;
      seen.add(edge);
      edges.push(edge);
    });
  }
  return { centre, nodes, hops, via, edges, truncated };
}
