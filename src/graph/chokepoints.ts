import { articulationPoints } from './articulation.js';
import { BACKWARD, FORWARD, START } from './betweenness.js';
import { EDGE_TYPE_CODE, FLAG, FLOW_TYPES, type EdgeType, type Graph } from './graph.js';
import { EDGE_FLAG } from './feed.js';
import { minVertexCut } from './min-cut.js';
import { personalisedPageRank, type Seeds } from './exposure.js';
import { purchases } from './purchases.js';
import { tracedBetweenness } from './flow-tracing.js';

export interface ChokepointWeights {
  /** Flow-traced betweenness on the risky flow (its square root: in the flow's units, as throughput). */
  readonly betweenness: number;
  /** Risky flow passing through: per goods and money, the smaller of risky inflow and outflow (purchases are no outflow). */
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
  /** Each component before weighting, normalised to the largest of any ranked node (0..1), and the raw figures. */
  readonly betweenness: number;
  readonly throughput: number;
  readonly riskyInflowUsd: number;
  readonly riskyOutflowUsd: number;
  /** Of the risky outflow, the payments for goods the node's party receives (see purchases): not passed through. */
  readonly purchasesUsd: number;
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

const GOODS = 0 as const;
const MONEY = 1 as const;

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
 * network each node is scored by flow-traced betweenness from sources to destinations (the flow
 * shared along the edges it takes, see flow-tracing; its square root), the risky flow passing
 * through it, whether it is an articulation point, and whether it is in the minimum vertex cut
 * between the suppliers (risky outflow, no risky inflow) and destinations (the reverse).
 * Betweenness and pass-through follow goods and money apart, and a buyer's purchases (see
 * purchases) carry on none of the flow that reached it. Every component is returned, with the
 * edges that carry the flow.
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
  /** The two flows apart (GOODS, MONEY): betweenness follows one of them at a time. */
  const walk = [new Uint8Array(graph.edgeCount), new Uint8Array(graph.edgeCount)] as const;
  const inUsd = new Float64Array(n);
  const outUsd = new Float64Array(n);
  const purchaseUsd = new Float64Array(n);
  // Log dollars per flow: a pattern of many parcels weighs as much as one large wire.
  const inLog = [new Float64Array(n), new Float64Array(n)] as const;
  const outLog = [new Float64Array(n), new Float64Array(n)] as const;
  const purchaseLog = new Float64Array(n);
  const inNetwork = new Uint8Array(n);
  /** Risky flow from placeholders (cash deposits) into each node. */
  const entryLog = new Float64Array(n);
  let riskyEdges = 0;
  const risky = riskyFlows(graph, { edgeFlags: options.edgeFlags, exposed, memberFlows: options.memberFlows ?? false });
  const purchase = purchases(graph, risky);
  for (let e = 0; e < graph.edgeCount; e++) {
    if (risky[e] === 0) continue;
    const a = graph.source[e] as number;
    const b = graph.target[e] as number;
    const flow = graph.type[e] === EDGE_TYPE_CODE['ships-to'] ? GOODS : MONEY;
    allowed[e] = FORWARD;
    walk[flow][e] = purchase[e] === 1 ? FORWARD | START : FORWARD;
    riskyEdges++;
    inNetwork[a] = 1;
    inNetwork[b] = 1;
    const usd = dollars(graph, e);
    const log = Math.log1p(usd);
    outUsd[a] = (outUsd[a] as number) + usd;
    inUsd[b] = (inUsd[b] as number) + usd;
    outLog[flow][a] = (outLog[flow][a] as number) + log;
    inLog[flow][b] = (inLog[flow][b] as number) + log;
    if (purchase[e] === 1) {
      purchaseUsd[a] = (purchaseUsd[a] as number) + usd;
      purchaseLog[a] = (purchaseLog[a] as number) + log;
    }
    if ((graph.flags[a] as number) & FLAG.pseudo) entryLog[b] = (entryLog[b] as number) + log;
  }
  // Account-holder links join a party's accounts: walkable both ways, between nodes already in the
  // network. Money stays money: a walk never turns from an account's money into its holder's goods
  // or back, for money in and goods out is a sale and goods in and money out a purchase, neither a
  // pass-through. (The articulation points and the cut still see one network, holders joining both.)
  for (let e = 0; e < graph.edgeCount; e++)
    if (graph.type[e] === EDGE_TYPE_CODE.holds && inNetwork[graph.target[e] as number] === 1)
      allowed[e] = walk[MONEY][e] = FORWARD | BACKWARD;

  const suppliers: number[] = [];
  const destinations: number[] = [];
  // A placeholder (CASH) is no party: as one source it would join every cash deposit in the
  // data into one flow and credit whatever lies downstream of any of them. Each deposit enters
  // where it lands instead (entryWeight: the account is its source and first intermediary).
  const party = (v: number): boolean => inNetwork[v] === 1 && ((graph.flags[v] as number) & FLAG.pseudo) === 0;
  for (let v = 0; v < n; v++) {
    if (!party(v)) continue;
    const out = (outLog[GOODS][v] as number) + (outLog[MONEY][v] as number);
    const into = (inLog[GOODS][v] as number) + (inLog[MONEY][v] as number);
    if (out > 0 && into === 0) suppliers.push(v);
    if (into > 0 && out === 0) destinations.push(v);
  }
  // Betweenness of each flow from its own sources to its own destinations, added up (both in log
  // dollars), traced along the edges the flow takes: each edge carries its log-dollar share of what
  // leaves its source. Holder links record no flow, so they carry none: money moves along payments.
  const share = new Float64Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) if (risky[e] !== 0) share[e] = Math.log1p(dollars(graph, e));
  const between = new Float64Array(n);
  let sampledSources = false;
  for (const flow of [GOODS, MONEY] as const) {
    const only = (a: Float64Array): Float64Array => a.map((x, v) => (party(v) ? x : 0));
    const run = tracedBetweenness(graph, {
      allowed: walk[flow],
      share,
      sourceWeight: only(outLog[flow]),
      targetWeight: only(inLog[flow]),
      noTransit: (v) => ((graph.flags[v] as number) & (FLAG.pseudo | FLAG.ambiguous)) !== 0,
      ...(flow === MONEY ? { entryWeight: entryLog } : {}),
      ...(options.maxSources === undefined ? {} : { maxSources: options.maxSources }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    });
    for (let v = 0; v < n; v++) between[v] = (between[v] as number) + (run.score[v] as number);
    sampledSources ||= run.sampled;
  }
  // Each pair counts the product of two flows, so betweenness grows with the square of the flow a
  // node carries, throughput with the flow: the square root puts the two on one scale (twice the
  // flow on every side scores twice on each, not four times on one).
  for (let v = 0; v < n; v++) between[v] = Math.sqrt(between[v] as number);
  // Passing through: the smaller of in and out, goods and money apart; a purchase passes nothing on.
  const throughput = new Float64Array(n);
  for (let v = 0; v < n; v++)
    throughput[v] =
      Math.min(inLog[GOODS][v] as number, outLog[GOODS][v] as number) +
      Math.max(0, Math.min(inLog[MONEY][v] as number, (outLog[MONEY][v] as number) - (purchaseLog[v] as number)));
  const articulation = new Map(articulationPoints(graph, allowed).map((a) => [a.node, a.splits]));
  const cut = minVertexCut(graph, { allowed, suppliers, destinations });
  const inCut = new Set(cut.cut);
  // Normalised to the largest of the nodes that can be ranked: the placeholder CASH takes in every
  // withdrawal and pays out every deposit, and as the yardstick it shrank every real party's part.
  const rankable = (v: number): boolean =>
    inNetwork[v] === 1 && ((graph.flags[v] as number) & (FLAG.pseudo | FLAG.ambiguous)) === 0;
  const maxOf = (a: Float64Array): number => a.reduce((m, x, v) => (rankable(v) ? Math.max(m, x) : m), 0) || 1;
  const maxBetween = maxOf(between);
  const maxThrough = maxOf(throughput);
  const ranked: Chokepoint[] = [];
  for (let v = 0; v < n; v++) {
    if (!rankable(v)) continue;
    const b = (between[v] as number) / maxBetween;
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
      purchasesUsd: purchaseUsd[v] as number,
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
    sampledSources,
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
