import { ALL_TYPES, typeMask, type EdgeType, type Graph } from './graph.js';

export type Direction = 'out' | 'in' | 'both';

/** Which edges a traversal may use. Undated links (ownership, shared addresses) pass time filters. */
export interface EdgeFilter {
  /** Edge types to follow (default: all). */
  readonly types?: readonly EdgeType[];
  /** Only edges at or after this time (ms since the epoch). */
  readonly from?: number;
  /** Only edges before this time (ms since the epoch). */
  readonly to?: number;
  /** Follow edges forwards, backwards or both ways (default both). */
  readonly direction?: Direction;
}

/** A compiled filter: a type mask and a time window, checked per edge without allocation. */
export interface CompiledFilter {
  readonly mask: number;
  readonly from: number;
  readonly to: number;
  readonly out: boolean;
  readonly in: boolean;
}

export function compileFilter(filter: EdgeFilter = {}): CompiledFilter {
  const direction = filter.direction ?? 'both';
  return {
    mask: filter.types === undefined ? ALL_TYPES : typeMask(filter.types),
    from: filter.from ?? Number.NEGATIVE_INFINITY,
    to: filter.to ?? Number.POSITIVE_INFINITY,
    out: direction !== 'in',
    in: direction !== 'out',
  };
}

export function passes(graph: Graph, f: CompiledFilter, edge: number): boolean {
  if (((1 << (graph.type[edge] as number)) & f.mask) === 0) return false;
  const t = graph.time[edge] as number;
  return Number.isNaN(t) || (t >= f.from && t < f.to);
}

/**
 * Calls `visit(edge, neighbour)` for each edge of `node` the filter allows, out-edges first.
 * The one place adjacency is walked, so every algorithm honours direction, types and time alike.
 */
export function forEachNeighbour(
  graph: Graph,
  f: CompiledFilter,
  node: number,
  visit: (edge: number, neighbour: number) => void,
): void {
  if (f.out) {
    const end = graph.outOffsets[node + 1] as number;
    for (let i = graph.outOffsets[node] as number; i < end; i++) {
      const e = graph.outEdges[i] as number;
      if (passes(graph, f, e)) visit(e, graph.target[e] as number);
    }
  }
  if (f.in) {
    const end = graph.inOffsets[node + 1] as number;
    for (let i = graph.inOffsets[node] as number; i < end; i++) {
      const e = graph.inEdges[i] as number;
      if (passes(graph, f, e)) visit(e, graph.source[e] as number);
    }
  }
}

/** Per-graph scratch marks with an epoch, so a BFS never clears or allocates an array of all nodes. */
const scratch = new WeakMap<Graph, { marks: Uint32Array; epoch: number }>();

/**
 * Fresh marks for one traversal: `epoch` (and, with `count` > 1, the values up to
 * epoch + count - 1) mark nothing yet. A later call never reuses them.
 */
export function freshMarks(graph: Graph, count = 1): { marks: Uint32Array; epoch: number } {
  let s = scratch.get(graph);
  if (s === undefined) {
    s = { marks: new Uint32Array(graph.nodeCount), epoch: 0 };
    scratch.set(graph, s);
  }
  if (s.epoch + count >= 0xffffffff) {
    s.marks.fill(0);
    s.epoch = 0;
  }
  const epoch = s.epoch + 1;
  s.epoch += count;
  return { marks: s.marks, epoch };
}
