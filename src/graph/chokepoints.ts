import { articulationPoints } from './articulation.js';
import { BACKWARD, FORWARD, flowBetweenness } from './betweenness.js';
import { EDGE_TYPE_CODE, FLAG, FLOW_TYPES, type EdgeType, type Graph } from './graph.js';
import { EDGE_FLAG } from './feed.js';
import { minVertexCut } from './min-cut.js';
import { personalisedPageRank, type Seeds } from './exposure.js';

export interface ChokepointWeights {
  /** Flow-weighted betweenness on the risky flow. */
  readonly betweenness: number;
  /** Risky flow passing through: the smaller of risky inflow and outflow. */
  readonly throughput: number;
  /** Bonus for an articulation point of the risky network. */
  readonly articulation: number;
  /** Bonus for membership of the minimum supplier-destination vertex cut. */
  readonly cut: number;
}

export interface ChokepointOptions {
  readonly seeds: Seeds;
  /** Per edge EDGE_FLAG bits (alerted records), from the feed. */
  readonly edgeFlags?: Uint8Array;
  /**
   * Flows between this many most exposed nodes (personalised PageRank from the seeds) count as
   * risky too. Default 0: on the simulated worlds, exposure reaches the hubs of legitimate trade
   * within two hops and their flow drowns the schemes (precision@20 fell from 0.95 to 0.4).
   */
  readonly exposedNodes?: number;
  /**
   * Also count as risky every flow between two parties the risky flow already touches (an
   * account and its holder are one party here). Default false. The alerts see one record at a
   * time: the importer's wire to a broker whose own wires to a chemical supplier were alerted
   * is part of the same trade even when nothing in that wire alone looks wrong.
   */
  readonly memberFlows?: boolean;
  readonly weights?: Partial<ChokepointWeights>;
  /** Edge-type weights of the PageRank behind `exposedNodes` (default DEFAULT_TYPE_WEIGHTS). */
  readonly typeWeights?: Readonly<Partial<Record<EdgeType, number>>>;
  readonly maxSources?: number;
  readonly top?: number;
  readonly seed?: number;
}

export const DEFAULT_CHOKEPOINT_WEIGHTS: ChokepointWeights = { betweenness: 1, throughput: 1, articulation: 0.25, cut: 0.25 };

export interface Chokepoint {
  readonly node: number;
  readonly score: number;
  /** Each component before weighting, normalised to the largest (0..1), and the raw figures. */
  readonly betweenness: number;
  readonly throughput: number;
  readonly riskyInflowUsd: number;
  readonly riskyOutflowUsd: number;
  readonly articulationSplits: readonly number[];
  readonly inMinCut: boolean;
  /** The largest risky edges in and out (edge indices): the flow the node carries. */
  readonly inEdges: readonly number[];
  readonly outEdges: readonly number[];
}

export interface ChokepointResult {
  readonly chokepoints: readonly Chokepoint[];
  readonly riskyEdges: number;
  /** Per edge: non-zero when it is part of the risky network (flows FORWARD, holder links both ways). */
  readonly risky: Uint8Array;
  readonly suppliers: number;
  readonly destinations: number;
  readonly minCut: readonly number[];
  readonly sampledSources: boolean;
}

function topK(scores: Float64Array, k: number): Set<number> {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if ((scores[i] as number) > 0) idx.push(i);
  idx.sort((a, b) => (scores[b] as number) - (scores[a] as number));
  return new Set(idx.slice(0, k));
}

const isFlow = (graph: Graph, e: number): boolean => ((1 << (graph.type[e] as number)) & FLOW_TYPES) !== 0;

interface RiskyFlowInput {
  readonly edgeFlags: Uint8Array | undefined;
  readonly exposed: ReadonlySet<number>;
  readonly memberFlows: boolean;
}

/**
 * Per edge, 1 when the flow is risky: on an alerted record, to or from a designated party, or
 * between two of the most exposed nodes; with `memberFlows`, also between two parties those
 * flows touch. Membership crosses account-holder links (a holder and its accounts are one party),
 * but never reaches placeholders or ambiguous namesakes, and the closure takes one step: a flow
 * it adds makes no new members, so the risky network cannot spread through the legitimate trade.
 */
export function riskyFlows(graph: Graph, input: RiskyFlowInput): Uint8Array {
  const risky = new Uint8Array(graph.edgeCount);
  const member = new Uint8Array(graph.nodeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    if (!isFlow(graph, e)) continue;
    const a = graph.source[e] as number;
    const b = graph.target[e] as number;
    const flagged = ((input.edgeFlags?.[e] ?? 0) & EDGE_FLAG.flagged) !== 0;
    const designated = ((graph.flags[a] as number) | (graph.flags[b] as number)) & FLAG.designated;
    if (!flagged && designated === 0 && !(input.exposed.has(a) && input.exposed.has(b))) continue;
    risky[e] = 1;
    member[a] = 1;
    member[b] = 1;
  }
  if (!input.memberFlows) return risky;
  const party = member.slice();
  for (let e = 0; e < graph.edgeCount; e++) {
    if (graph.type[e] !== EDGE_TYPE_CODE.holds) continue;
    const a = graph.source[e] as number;
    const b = graph.target[e] as number;
    if (member[a] === 1 || member[b] === 1) party[a] = party[b] = 1;
  }
  const apart = (v: number): boolean => ((graph.flags[v] as number) & (FLAG.pseudo | FLAG.ambiguous)) !== 0;
  for (let e = 0; e < graph.edgeCount; e++) {
    if (risky[e] === 1 || !isFlow(graph, e)) continue;
    const a = graph.source[e] as number;
    const b = graph.target[e] as number;
    if (a !== b && party[a] === 1 && party[b] === 1 && !apart(a) && !apart(b)) risky[e] = 1;
  }
  return risky;
}

function dollars(graph: Graph, e: number): number {
  const w = graph.weight[e] as number;
  return Number.isNaN(w) || w <= 0 ? 0 : w;
}

/**
 * Chokepoints: the entities whose removal would cut the most illicit flow. The illicit flow is
 * the goods and money on alerted records and to or from designated parties (optionally also the
 * flows among the most exposed nodes, and with `memberFlows` the flows between parties those
 * already touch: see riskyFlows); account holders join their accounts' money to their goods. On that
 * network each node is scored by flow-weighted betweenness from suppliers to destinations, the
 * risky flow passing through it, whether it is an articulation point, and whether it is in the
 * minimum vertex cut between the suppliers (risky outflow, no risky inflow) and destinations
 * (the reverse). Every component is returned, with the edges that carry the flow.
 */
export function chokepoints(graph: Graph, options: ChokepointOptions): ChokepointResult {
  const weights = { ...DEFAULT_CHOKEPOINT_WEIGHTS, ...options.weights };
  const n = graph.nodeCount;
  const exposedCount = options.exposedNodes ?? 0;
  const exposed =
    exposedCount > 0
      ? topK(
          personalisedPageRank(
            graph,
            options.seeds,
            options.typeWeights === undefined ? {} : { typeWeights: options.typeWeights },
          ).scores,
          exposedCount,
        )
      : new Set<number>();
  const allowed = new Uint8Array(graph.edgeCount);
  const inUsd = new Float64Array(n);
  const outUsd = new Float64Array(n);
  const inLog = new Float64Array(n);
  const outLog = new Float64Array(n);
  const inNetwork = new Uint8Array(n);
  /** Risky flow from placeholders (cash deposits) into each node. */
  const entryLog = new Float64Array(n);
  let riskyEdges = 0;
  const risky = riskyFlows(graph, { edgeFlags: options.edgeFlags, exposed, memberFlows: options.memberFlows ?? false });
  for (let e = 0; e < graph.edgeCount; e++) {
    if (risky[e] === 0) continue;
    const a = graph.source[e] as number;
    const b = graph.target[e] as number;
    allowed[e] = FORWARD;
    riskyEdges++;
    inNetwork[a] = 1;
    inNetwork[b] = 1;
    const usd = dollars(graph, e);
    outUsd[a] = (outUsd[a] as number) + usd;
    inUsd[b] = (inUsd[b] as number) + usd;
    // Log dollars: a pattern of many parcels weighs as much as one large wire.
    outLog[a] = (outLog[a] as number) + Math.log1p(usd);
    inLog[b] = (inLog[b] as number) + Math.log1p(usd);
    if ((graph.flags[a] as number) & FLAG.pseudo) entryLog[b] = (entryLog[b] as number) + Math.log1p(usd);
  }
  // Account-holder links join money and goods: walkable both ways, between nodes already in the network.
  for (let e = 0; e < graph.edgeCount; e++)
    if (graph.type[e] === EDGE_TYPE_CODE.holds && inNetwork[graph.target[e] as number] === 1) allowed[e] = FORWARD | BACKWARD;

  const sourceWeight = new Float64Array(n);
  const targetWeight = new Float64Array(n);
  const suppliers: number[] = [];
  const destinations: number[] = [];
  for (let v = 0; v < n; v++) {
    // A placeholder (CASH) is no party: as one source it would join every cash deposit in the
    // data into one flow and credit whatever lies downstream of any of them. Each deposit enters
    // where it lands instead (entryWeight: the account is its source and first intermediary).
    if (inNetwork[v] === 0 || (graph.flags[v] as number) & FLAG.pseudo) continue;
    sourceWeight[v] = outLog[v] as number;
    targetWeight[v] = inLog[v] as number;
    if ((outLog[v] as number) > 0 && inLog[v] === 0) suppliers.push(v);
    if ((inLog[v] as number) > 0 && outLog[v] === 0) destinations.push(v);
  }
  const between = flowBetweenness(graph, {
    allowed,
    sourceWeight,
    targetWeight,
    noTransit: (v) => ((graph.flags[v] as number) & (FLAG.pseudo | FLAG.ambiguous)) !== 0,
    entryWeight: entryLog,
    ...(options.maxSources === undefined ? {} : { maxSources: options.maxSources }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const throughput = new Float64Array(n);
  for (let v = 0; v < n; v++) throughput[v] = Math.min(inLog[v] as number, outLog[v] as number);
  const articulation = new Map(articulationPoints(graph, allowed).map((a) => [a.node, a.splits]));
  const cut = minVertexCut(graph, { allowed, suppliers, destinations });
  const inCut = new Set(cut.cut);
  const maxOf = (a: Float64Array): number => a.reduce((m, x) => Math.max(m, x), 0) || 1;
  const maxBetween = maxOf(between.score);
  const maxThrough = maxOf(throughput);
  const ranked: Chokepoint[] = [];
  for (let v = 0; v < n; v++) {
    if (inNetwork[v] === 0 || (graph.flags[v] as number) & (FLAG.pseudo | FLAG.ambiguous)) continue;
    const b = (between.score[v] as number) / maxBetween;
    const t = (throughput[v] as number) / maxThrough;
    const splits = articulation.get(v) ?? [];
    const score =
      weights.betweenness * b +
      weights.throughput * t +
      (splits.length > 0 ? weights.articulation : 0) +
      (inCut.has(v) ? weights.cut : 0);
    if (score <= 0) continue;
    ranked.push({
      node: v,
      score,
      betweenness: b,
      throughput: t,
      riskyInflowUsd: inUsd[v] as number,
      riskyOutflowUsd: outUsd[v] as number,
      articulationSplits: splits,
      inMinCut: inCut.has(v),
      inEdges: [],
      outEdges: [],
    });
  }
  ranked.sort((x, y) => y.score - x.score || x.node - y.node);
  const top = ranked.slice(0, options.top ?? 20).map((c) => ({ ...c, ...carriedEdges(graph, allowed, c.node) }));
  return {
    chokepoints: top,
    riskyEdges,
    risky: allowed,
    suppliers: suppliers.length,
    destinations: destinations.length,
    minCut: cut.cut,
    sampledSources: between.sampled,
  };
}

/** The five largest risky edges into and out of a node. */
function carriedEdges(graph: Graph, allowed: Uint8Array, v: number): { inEdges: number[]; outEdges: number[] } {
  const pick = (offsets: Uint32Array, list: Uint32Array): number[] => {
    const edges: number[] = [];
    for (let i = offsets[v] as number; i < (offsets[v + 1] as number); i++) {
      const e = list[i] as number;
      if ((allowed[e] as number) & FORWARD && ((1 << (graph.type[e] as number)) & FLOW_TYPES) !== 0) edges.push(e);
    }
    return edges.sort((a, b) => dollars(graph, b) - dollars(graph, a)).slice(0, 5);
  };
  return { inEdges: pick(graph.inOffsets, graph.inEdges), outEdges: pick(graph.outOffsets, graph.outEdges) };
}
