import { EDGE_TYPE_CODE, FLAG, NODE_KIND_CODE, type Graph } from './graph.js';
import { louvain } from './louvain.js';

export interface FrontCluster {
  /** Companies of the cluster. */
  readonly companies: readonly number[];
  /** Addresses, phones and e-mails at least two of them share. */
  readonly sharedContacts: readonly number[];
  /** The shares-address / shares-contact edges that tie them. */
  readonly edges: readonly number[];
  /** Members that are designated or flagged. */
  readonly risky: readonly number[];
}

const CONTACT_TYPES = new Set([EDGE_TYPE_CODE['shares-address'], EDGE_TYPE_CODE['shares-contact']]);

/**
 * Front-company clusters: Louvain communities of the graph of shared addresses, phones and
 * e-mails, kept when `minCompanies` to `maxCompanies` companies share at least
 * `minSharedContacts` contact points (FIN-2024-A002: fronts with shared addresses and phones).
 * Larger groups are what busy addresses (business centres, registered agents) look like.
 */
export function frontClusters(
  graph: Graph,
  options: { minCompanies: number; maxCompanies: number; minSharedContacts: number; seed?: number },
): FrontCluster[] {
  const communities = louvain(graph, { types: ['shares-address', 'shares-contact'], seed: options.seed ?? 1 });
  const byCommunity = new Map<number, number[]>();
  for (let v = 0; v < graph.nodeCount; v++) {
    if (graph.kinds[v] !== NODE_KIND_CODE.company) continue;
    const c = communities.community[v] as number;
    const list = byCommunity.get(c) ?? [];
    list.push(v);
    byCommunity.set(c, list);
  }
  const clusters: FrontCluster[] = [];
  for (const [c, companies] of byCommunity) {
    if (companies.length < options.minCompanies) continue;
    const sharers = new Map<number, number[]>();
    for (const v of companies)
      for (let i = graph.outOffsets[v] as number; i < (graph.outOffsets[v + 1] as number); i++) {
        const e = graph.outEdges[i] as number;
        const contact = graph.target[e] as number;
        if (!CONTACT_TYPES.has(graph.type[e] as number) || communities.community[contact] !== c) continue;
        const list = sharers.get(contact) ?? [];
        list.push(e);
        sharers.set(contact, list);
      }
    const shared = [...sharers].filter(([, edges]) => new Set(edges.map((e) => graph.source[e])).size >= 2);
    if (shared.length < options.minSharedContacts) continue;
    const tied = new Set(shared.flatMap(([, edges]) => edges.map((e) => graph.source[e] as number)));
    const members = companies.filter((v) => tied.has(v));
    if (members.length < options.minCompanies || members.length > options.maxCompanies) continue;
    clusters.push({
      companies: members,
      sharedContacts: shared.map(([contact]) => contact),
      edges: shared.flatMap(([, edges]) => edges),
      risky: members.filter((v) => ((graph.flags[v] as number) & (FLAG.designated | FLAG.flagged)) !== 0),
    });
  }
  return clusters.sort((a, b) => b.risky.length - a.risky.length || b.companies.length - a.companies.length);
}
