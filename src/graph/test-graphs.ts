import { GraphBuilder } from './builder.js';
import { chokepoints, type ChokepointResult } from './chokepoints.js';
import { riskSeeds } from './exposure.js';
import { EDGE_FLAG } from './feed.js';
import type { EdgeType, Graph, NodeKind } from './graph.js';

/** A hand-built edge for tests: [source, target, type, weight?, ISO date?]. */
export type TestEdge = readonly [string, string, EdgeType, number?, string?];

/**
 * Builds a small graph from edge tuples (nodes are created on first mention, as companies unless
 * `kinds` says otherwise; `flags` sets node flags). Test support for the algorithms' known answers.
 */
export function testGraph(
  edges: readonly TestEdge[],
  options: { kinds?: Record<string, NodeKind>; flags?: Record<string, number> } = {},
): Graph {
  const b = new GraphBuilder();
  const node = (id: string): number =>
    b.node(id, options.kinds?.[id] ?? 'company', { label: id, specific: true, flags: options.flags?.[id] ?? 0 });
  for (const id of Object.keys(options.flags ?? {})) node(id);
  edges.forEach(([s, t, type, weight, date], i) => {
    const ref = b.record(`r${i}`) as number;
    b.edge(node(s), node(t), { type, weight: weight ?? 1, time: date === undefined ? Number.NaN : Date.parse(date) }, ref);
  });
  return b.build();
}

export function idOf(graph: Graph, id: string): number {
  const n = graph.index.get(id);
  if (n === undefined) throw new Error(`no node ${id}`);
  return n;
}

export function names(graph: Graph, nodes: Iterable<number>): string[] {
  return [...nodes].map((n) => graph.ids[n] as string);
}

/** The chokepoints of `graph` with every edge alerted (and so every party a risk seed). */
export function chokepointsAllFlagged(graph: Graph, top: number): ChokepointResult {
  const edgeFlags = new Uint8Array(graph.edgeCount).fill(EDGE_FLAG.flagged);
  return chokepoints(graph, { seeds: riskSeeds(graph, edgeFlags), edgeFlags, top });
}
