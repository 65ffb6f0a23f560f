import type { Store } from '../store/index.js';
import { chokepoints } from './chokepoints.js';
import { hopsToRisk, pathToRisk, personalisedPageRank, riskSeeds } from './exposure.js';
import type { FeedResult } from './feed.js';
import { fiftyPercentRule } from './fifty-percent.js';
import { buildGraphFromStore, type Resolution } from './from-store.js';
import { edgeView, EDGE_TYPES, FLAG, nodeView, type EdgeType, type EdgeView, type Graph, type NodeView } from './graph.js';
import { membersOf } from './network-alerts.js';
import { neighbourhood } from './neighbourhood.js';
import { shortestPath, strongestPath } from './paths.js';
import type { NetworkPolicy } from './policy.js';
import type { EdgeFilter } from './traverse.js';

/**
 * The questions an analyst asks of the network, as functions returning plain data (node and edge
 * views with ids and records), shared by the CLI and, later, the server.
 */

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export interface LoadedNetwork extends FeedResult {
  readonly policy: NetworkPolicy;
}

export async function loadNetwork(store: Store, policy: NetworkPolicy, resolution?: Resolution): Promise<LoadedNetwork> {
  const feed = await buildGraphFromStore(store, {
    resolution: resolution ?? policy.data.resolution,
    pseudoAccounts: policy.data.pseudoAccounts,
  });
  return { ...feed, policy };
}

/** A node by entity id (any id merged into it) or, failing that, by its exact name when one node has it. */
export function findNode(graph: Graph, query: string): number {
  const byId = graph.index.get(query);
  if (byId !== undefined) return byId;
  const folded = query.trim().toLowerCase();
  const matches: number[] = [];
  for (let n = 0; n < graph.nodeCount && matches.length < 2; n++) if (graph.labels[n]?.toLowerCase() === folded) matches.push(n);
  if (matches.length === 1) return matches[0] as number;
  if (matches.length > 1) throw new NotFoundError(`"${query}" names more than one node; give an entity id`);
  throw new NotFoundError(`no entity "${query}" in the network (give an entity id or an exact name)`);
}

export function parseTypes(list: string | undefined): EdgeType[] | undefined {
  if (list === undefined) return undefined;
  const types = list.split(',').map((t) => t.trim());
  const unknown = types.filter((t) => !(EDGE_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) throw new RangeError(`unknown edge type ${unknown.join(', ')} (expected ${EDGE_TYPES.join(', ')})`);
  return types as EdgeType[];
}

export interface NodeWithMembers extends NodeView {
  /** Every entity id resolved into this node. */
  readonly members: readonly string[];
}

function withMembers(graph: Graph, members: (n: number) => readonly string[], n: number): NodeWithMembers {
  return { ...nodeView(graph, n), members: members(n) };
}

export interface NetworkAnswer {
  readonly centre: NodeWithMembers;
  readonly nodes: readonly (NodeWithMembers & { readonly hops: number; readonly via: number | null })[];
  readonly edges: readonly EdgeView[];
  readonly truncated: boolean;
}

export function networkQuery(
  graph: Graph,
  centre: number,
  options: EdgeFilter & { hops?: number; maxNodes?: number },
): NetworkAnswer {
  const members = membersOf(graph);
  const n = neighbourhood(graph, centre, options);
  return {
    centre: withMembers(graph, members, centre),
    nodes: n.nodes.map((v, i) => ({ ...withMembers(graph, members, v), hops: n.hops[i] as number, via: n.via[i] ?? null })),
    edges: n.edges.map((e) => edgeView(graph, e)),
    truncated: n.truncated,
  };
}

export interface PathAnswer {
  readonly from: NodeView;
  readonly to: NodeView;
  readonly shortest: { readonly nodes: readonly NodeView[]; readonly edges: readonly EdgeView[] } | null;
  readonly strongest: {
    readonly nodes: readonly NodeView[];
    readonly edges: readonly EdgeView[];
    readonly strength: number;
  } | null;
}

export function pathQuery(graph: Graph, from: number, to: number, options: EdgeFilter & { maxHops?: number }): PathAnswer {
  const view = (nodes: readonly number[], edges: readonly number[]) => ({
    nodes: nodes.map((n) => nodeView(graph, n)),
    edges: edges.map((e) => edgeView(graph, e)),
  });
  const short = shortestPath(graph, from, to, options);
  const strong = strongestPath(graph, from, to, options);
  return {
    from: nodeView(graph, from),
    to: nodeView(graph, to),
    shortest: short.found ? view(short.nodes, short.edges) : null,
    strongest: strong.found ? { ...view(strong.nodes, strong.edges), strength: strong.strength ?? 0 } : null,
  };
}

export interface ChokepointAnswer {
  readonly riskyEdges: number;
  readonly suppliers: number;
  readonly destinations: number;
  readonly sampledSources: boolean;
  readonly chokepoints: readonly {
    readonly rank: number;
    readonly node: NodeWithMembers;
    readonly score: number;
    readonly betweenness: number;
    readonly throughput: number;
    readonly riskyInflowUsd: number;
    readonly riskyOutflowUsd: number;
    /** Of the risky outflow, payments for goods the node's party receives (not passed through). */
    readonly purchasesUsd: number;
    readonly articulationSplits: readonly number[];
    readonly inMinCut: boolean;
    readonly inEdges: readonly EdgeView[];
    readonly outEdges: readonly EdgeView[];
  }[];
}

export function chokepointsQuery(network: LoadedNetwork, top: number): ChokepointAnswer {
  const { graph, edgeFlags, policy } = network;
  const p = policy.data;
  const members = membersOf(graph);
  const result = chokepoints(graph, {
    seeds: riskSeeds(graph, edgeFlags, p.seeds),
    edgeFlags,
    weights: p.chokepoints.weights,
    exposedNodes: p.chokepoints.exposedNodes,
    memberFlows: p.chokepoints.memberFlows,
    maxSources: p.chokepoints.maxSources,
    typeWeights: p.exposureTypeWeights,
    top,
  });
  return {
    riskyEdges: result.riskyEdges,
    suppliers: result.suppliers,
    destinations: result.destinations,
    sampledSources: result.sampledSources,
    chokepoints: result.chokepoints.map((c, i) => ({
      rank: i + 1,
      node: withMembers(graph, members, c.node),
      score: c.score,
      betweenness: c.betweenness,
      throughput: c.throughput,
      riskyInflowUsd: c.riskyInflowUsd,
      riskyOutflowUsd: c.riskyOutflowUsd,
      purchasesUsd: c.purchasesUsd,
      articulationSplits: c.articulationSplits,
      inMinCut: c.inMinCut,
      inEdges: c.inEdges.map((e) => edgeView(graph, e)),
      outEdges: c.outEdges.map((e) => edgeView(graph, e)),
    })),
  };
}

export interface ExposureAnswer {
  readonly seeds: number;
  readonly iterations: number;
  readonly exposed: readonly {
    readonly rank: number;
    readonly node: NodeWithMembers;
    readonly score: number;
    /** Hops to the nearest seed, or null beyond the search. */
    readonly hopsToRisk: number | null;
    readonly nearestSeed: NodeView | null;
    /** The edges from the node to its nearest seed. */
    readonly path: readonly EdgeView[];
    /** Blocked by the 50% rule: the aggregate share of blocked owners. */
    readonly blockedShare: number | null;
  }[];
}

/** The most exposed parties (not the seeds themselves), by personalised PageRank from the seeds. */
export function exposureQuery(network: LoadedNetwork, top: number): ExposureAnswer {
  const { graph, edgeFlags, policy } = network;
  const members = membersOf(graph);
  const seeds = riskSeeds(graph, edgeFlags, policy.data.seeds);
  const { scores, iterations } = personalisedPageRank(graph, seeds, { typeWeights: policy.data.exposureTypeWeights });
  const hops = hopsToRisk(graph, seeds.nodes, { maxHops: 6, types: EDGE_TYPES.filter((t) => t !== 'designated-by') });
  const designated = seeds.nodes.filter((n) => ((graph.flags[n] as number) & FLAG.designated) !== 0);
  const fifty = fiftyPercentRule(graph, designated, { threshold: policy.data.fiftyPercentThreshold });
  const seedSet = new Set(seeds.nodes);
  const ranked: number[] = [];
  for (let n = 0; n < graph.nodeCount; n++) {
    const kind = nodeView(graph, n).kind;
    if (seedSet.has(n) || (scores[n] as number) <= 0 || (graph.flags[n] as number) & FLAG.pseudo) continue;
    if (kind === 'company' || kind === 'person' || kind === 'account') ranked.push(n);
  }
  ranked.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return {
    seeds: seeds.nodes.length,
    iterations,
    exposed: ranked.slice(0, top).map((n, i) => {
      const h = hops.hops[n] as number;
      const reason = fifty.reason.get(n);
      return {
        rank: i + 1,
        node: withMembers(graph, members, n),
        score: scores[n] as number,
        hopsToRisk: Number.isFinite(h) ? h : null,
        nearestSeed: Number.isFinite(h) ? nodeView(graph, hops.nearest[n] as number) : null,
        path: Number.isFinite(h) ? pathToRisk(graph, hops, n).map((e) => edgeView(graph, e)) : [],
        blockedShare: reason === undefined || reason === 'designated' ? null : reason.share,
      };
    }),
  };
}
