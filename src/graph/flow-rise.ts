import { FLOW_TYPES, type Graph } from './graph.js';

export interface FlowRise {
  readonly node: number;
  /** Risky dollars in and out of the node in the recent window, and in the window before it. */
  readonly recentUsd: number;
  readonly previousUsd: number;
  /** recent / previous; Infinity when the flow is new. */
  readonly ratio: number;
  /** The recent risky edges, largest first (at most five): the new flow to look at. */
  readonly recentEdges: readonly number[];
}

export interface FlowRiseOptions {
  /** Window length in milliseconds. */
  readonly windowMs: number;
  /** End of the recent window (ms since the epoch); default: the latest dated flow edge in the graph. */
  readonly end?: number;
}

/** The latest time of any dated flow edge (the end of the data), or NaN when none is dated. */
export function latestFlowTime(graph: Graph): number {
  let latest = Number.NaN;
  for (let e = 0; e < graph.edgeCount; e++) {
    if (((1 << (graph.type[e] as number)) & FLOW_TYPES) === 0) continue;
    const t = graph.time[e] as number;
    if (!Number.isNaN(t) && !(t <= latest)) latest = t;
  }
  return latest;
}

/**
 * How a node's risky flow (the flow edges `risky` marks, in and out) changed: dollars in the last
 * window against the window before it. A chokepoint whose flow doubles is a network growing
 * around it, worth a look before the seizures show it. Undated edges belong to no window.
 */
export function flowRise(graph: Graph, nodes: readonly number[], risky: Uint8Array, options: FlowRiseOptions): FlowRise[] {
  const end = options.end ?? latestFlowTime(graph);
  const recentStart = end - options.windowMs;
  const previousStart = recentStart - options.windowMs;
  return nodes.map((node) => {
    let recentUsd = 0;
    let previousUsd = 0;
    const recent: number[] = [];
    const visit = (e: number): void => {
      if ((risky[e] as number) === 0 || ((1 << (graph.type[e] as number)) & FLOW_TYPES) === 0) return;
      const t = graph.time[e] as number;
      const w = graph.weight[e] as number;
      const usd = Number.isNaN(w) || w < 0 ? 0 : w;
      if (t > recentStart && t <= end) {
        recentUsd += usd;
        recent.push(e);
      } else if (t > previousStart && t <= recentStart) previousUsd += usd;
    };
    for (let i = graph.outOffsets[node] as number; i < (graph.outOffsets[node + 1] as number); i++)
      visit(graph.outEdges[i] as number);
    for (let i = graph.inOffsets[node] as number; i < (graph.inOffsets[node + 1] as number); i++)
      visit(graph.inEdges[i] as number);
    const usdOf = (e: number): number => {
      const w = graph.weight[e] as number;
      return Number.isNaN(w) ? 0 : w;
    };
    recent.sort((a, b) => usdOf(b) - usdOf(a));
    return {
      node,
      recentUsd,
      previousUsd,
      ratio: previousUsd > 0 ? recentUsd / previousUsd : recentUsd > 0 ? Infinity : 0,
      recentEdges: recent.slice(0, 5),
    };
  });
}
