import { FORWARD, START, type FlowBetweenness, type FlowBetweennessInput, pickSources } from './betweenness.js';
import type { Graph } from './graph.js';

export interface TracedBetweennessInput extends FlowBetweennessInput {
  /**
   * Per edge, how much of its source's flow it carries (log dollars, say): the flow leaving a node
   * divides among its walkable edges in proportion. An edge of share 0 (or NaN) is not walked.
   */
  readonly share: Float64Array;
}

/**
 * Flow-traced betweenness: as flowBetweenness, each source s and destination t are weighted
 * weight(s) x weight(t) and each node in between is credited with its share of the s-t flow,
 * but the shares are those of the flow as it actually moves, not of the shortest paths. From
 * each source the flow goes on along every allowed edge, each taking its share of what leaves
 * the node (Brandes' accumulation with path counts replaced by traced flow); a route never
 * returns to a node it passed (the edges closing a cycle, as a depth-first search meets them,
 * are dropped from that source's walk). BACKWARD bits are not walked: a flow has its direction.
 * Why: an importer that pays a supplier both directly and through a broker sends the broker part
 * of the money; the shortest route (the direct wire) would credit the broker with none of it.
 */
export function tracedBetweenness(graph: Graph, input: TracedBetweennessInput): FlowBetweenness {
  const n = graph.nodeCount;
  const score = new Float64Array(n);
  const { allowed, share } = input;
  const entry = input.entryWeight;
  const startWeight = entry === undefined ? input.sourceWeight : input.sourceWeight.map((w, v) => w + (entry[v] as number));
  const { nodes: sources, scale, sampled } = pickSources(startWeight, input.maxSources ?? 2000, input.seed ?? 1);
  /** Depth-first finishing number per node (0: not reached from the current source). */
  const finish = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const cursor = new Int32Array(n);
  const flow = new Float64Array(n);
  const delta = new Float64Array(n);
  /** Per node, the total share of its edges in the current source's walk. */
  const outShare = new Float64Array(n);
  /** Nodes in finishing order: successors before the nodes that reach them. */
  const order: number[] = [];
  const stack: number[] = [];
  const walks = (e: number, v: number, s: number): boolean => {
    const bits = allowed[e] as number;
    return (bits & FORWARD) !== 0 && ((bits & START) === 0 || v === s) && (share[e] as number) > 0;
  };
  const passes = (v: number, s: number): boolean => v === s || input.noTransit?.(v) !== true;
  /** Whether edge e (out of v, walkable) stays in the acyclic walk: its target finished before v. */
  const inWalk = (e: number, v: number): boolean => {
    const w = graph.target[e] as number;
    return (finish[w] as number) > 0 && (finish[w] as number) < (finish[v] as number);
  };
  sources.forEach((s, k) => {
    order.length = 0;
    // Iterative depth-first search from s over the walkable edges; a node's number is set when done.
    stack.push(s);
    onStack[s] = 1;
    cursor[s] = graph.outOffsets[s] as number;
    while (stack.length > 0) {
      const v = stack[stack.length - 1] as number;
      const end = passes(v, s) ? (graph.outOffsets[v + 1] as number) : (cursor[v] as number);
      let pushed = false;
      while ((cursor[v] as number) < end) {
        const e = graph.outEdges[cursor[v] as number] as number;
        cursor[v] = (cursor[v] as number) + 1;
        const w = graph.target[e] as number;
        if (!walks(e, v, s) || onStack[w] === 1 || (finish[w] as number) > 0) continue;
        stack.push(w);
        onStack[w] = 1;
        cursor[w] = graph.outOffsets[w] as number;
        pushed = true;
        break;
      }
      if (pushed) continue;
      stack.pop();
      onStack[v] = 0;
      order.push(v);
      finish[v] = order.length;
    }
    // What leaves each node along the walk, in shares.
    for (const v of order) {
      if (!passes(v, s)) continue;
      for (let i = graph.outOffsets[v] as number; i < (graph.outOffsets[v + 1] as number); i++) {
        const e = graph.outEdges[i] as number;
        if (!walks(e, v, s) || !inWalk(e, v)) continue;
        outShare[v] = (outShare[v] as number) + (share[e] as number);
      }
    }
    const part = (e: number, v: number): number => (share[e] as number) / (outShare[v] as number);
    // Forward: the flow of s reaching each node, in topological order (last finished first).
    flow[s] = 1;
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i] as number;
      if ((outShare[v] as number) === 0 || (flow[v] as number) === 0) continue;
      for (let j = graph.outOffsets[v] as number; j < (graph.outOffsets[v + 1] as number); j++) {
        const e = graph.outEdges[j] as number;
        if (!walks(e, v, s) || !inWalk(e, v)) continue;
        const w = graph.target[e] as number;
        flow[w] = (flow[w] as number) + (flow[v] as number) * part(e, v);
      }
    }
    // Backward: of what each node delivers to destinations, the part that came through v.
    const weight = (startWeight[s] as number) * (scale[k] as number);
    for (const v of order) {
      if ((outShare[v] as number) > 0)
        for (let j = graph.outOffsets[v] as number; j < (graph.outOffsets[v + 1] as number); j++) {
          const e = graph.outEdges[j] as number;
          if (!walks(e, v, s) || !inWalk(e, v)) continue;
          const w = graph.target[e] as number;
          if ((flow[w] as number) === 0) continue;
          const carried = ((flow[v] as number) * part(e, v)) / (flow[w] as number);
          delta[v] = (delta[v] as number) + carried * ((input.targetWeight[w] as number) + (delta[w] as number));
        }
      if (v !== s) score[v] = (score[v] as number) + weight * (delta[v] as number);
    }
    if (entry !== undefined) score[s] = (score[s] as number) + (entry[s] as number) * (scale[k] as number) * (delta[s] as number);
    for (const v of order) {
      finish[v] = 0;
      flow[v] = 0;
      delta[v] = 0;
      outShare[v] = 0;
    }
  });
  return { score, sources: sources.length, sampled };
}
