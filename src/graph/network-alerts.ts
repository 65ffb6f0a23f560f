import { contentId, levelForScore, type Alert, type AlertReason } from '../model/index.js';
import { chokepoints } from './chokepoints.js';
import { complicityIndicators, type ComplicityIndicator } from './complicity.js';
import { hopsToRisk, pathToRisk, riskSeeds } from './exposure.js';
import { fiftyPercentRule } from './fifty-percent.js';
import { flowRise } from './flow-rise.js';
import { frontClusters } from './front-clusters.js';
import { FLAG, NO_REF, NODE_KIND_CODE, type Graph } from './graph.js';
import type { NetworkPolicy } from './policy.js';

export const NETWORK_DETECTOR_ID = 'network';
export const NETWORK_DETECTOR_VERSION = '1.3.0';

const DAY_MS = 86_400_000;

const SUBJECT_KINDS = new Set([NODE_KIND_CODE.company, NODE_KIND_CODE.person, NODE_KIND_CODE.account]);

/** Every entity id merged into each node, the node's own id first: alerts name stored entities. */
export function membersOf(graph: Graph): (node: number) => readonly string[] {
  const members = new Map<number, string[]>();
  for (const [id, n] of graph.index) {
    if (id === graph.ids[n]) continue;
    const list = members.get(n) ?? [];
    list.push(id);
    members.set(n, list);
  }
  return (n) => [graph.ids[n] as string, ...(members.get(n) ?? [])];
}

/** Evidence for a set of nodes and edges: entity ids and the records behind the edges. */
function evidence(graph: Graph, nodes: readonly number[], edges: readonly number[]): string[] {
  const out = new Set<string>();
  for (const n of nodes) out.add(graph.ids[n] as string);
  for (const e of edges) {
    const r = graph.ref[e] as number;
    if (r !== NO_REF) out.add(graph.refs[r] as string);
  }
  return [...out];
}

/**
 * The network alerts, pure over a built graph: parties within N hops of designated ones, companies
 * blocked by the 50% rule but not designated, front-company clusters, the top chokepoints, a rise
 * in a chokepoint's risky flow, and officials tied to risky parties. Each reason's evidence lists
 * the node ids and record ids of the subgraph that explains it.
 */
export function networkAlerts(graph: Graph, edgeFlags: Uint8Array, policy: NetworkPolicy, now: string): Alert[] {
  const p = policy.data;
  const members = membersOf(graph);
  const subjectId = (n: number): string => {
    const ids = members(n);
    // With resolution the node id may be a cluster key; a merged entity id is what the store holds.
    return ids.length > 1 ? (ids[1] as string) : (ids[0] as string);
  };
  const alerts = new Map<string, { node: number; reasons: AlertReason[] }>();
  const add = (node: number, reason: AlertReason): void => {
    if (!SUBJECT_KINDS.has(graph.kinds[node] as number) || (graph.flags[node] as number) & FLAG.pseudo) return;
    const key = subjectId(node);
    const entry = alerts.get(key) ?? { node, reasons: [] };
    entry.reasons.push(reason);
    alerts.set(key, entry);
  };
  const label = (n: number): string => graph.labels[n] || (graph.ids[n] as string);
  const designated: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) if ((graph.flags[v] as number) & FLAG.designated) designated.push(v);

  const near = p.rules['near-designated'];
  if (near.enabled && designated.length > 0) {
    const h = hopsToRisk(graph, designated, {
      maxHops: near.maxHops,
      types: ['ships-to', 'pays', 'owns', 'holds', 'directs', 'family', 'shares-address', 'shares-contact', 'linked'],
    });
    const close: number[] = [];
    for (let v = 0; v < graph.nodeCount; v++) {
      const hops = h.hops[v] as number;
      if (hops > 0 && Number.isFinite(hops) && SUBJECT_KINDS.has(graph.kinds[v] as number)) close.push(v);
    }
    close.sort((a, b) => (h.hops[a] as number) - (h.hops[b] as number) || a - b);
    for (const v of close.slice(0, near.maxAlerts)) {
      const hops = h.hops[v] as number;
      const path = pathToRisk(graph, h, v);
      const seed = h.nearest[v] as number;
      const pathNodes = [
        v,
        ...path.map((e) => (graph.source[e] === v ? (graph.target[e] as number) : (graph.source[e] as number))),
      ];
      add(v, {
        ruleId: 'network.near-designated',
        weight: Math.max(0, near.weight - near.hopPenalty * (hops - 1)),
        text: `${hops} hop${hops === 1 ? '' : 's'} from designated "${label(seed)}"`,
        evidence: evidence(graph, [seed, ...pathNodes], path),
      });
    }
  }

  const blockedSet = new Set<number>();
  const fifty = p.rules['fifty-percent'];
  if (designated.length > 0) {
    const result = fiftyPercentRule(graph, designated, { threshold: p.fiftyPercentThreshold });
    for (const b of result.blocked) {
      blockedSet.add(b.node);
      if (!fifty.enabled) continue;
      const owners = b.stakes.map((s) => `${label(s.owner)} ${(s.share * 100).toFixed(1)}%`).join(', ');
      add(b.node, {
        ruleId: 'network.fifty-percent',
        weight: fifty.weight,
        text: `owned ${(b.share * 100).toFixed(1)}% by blocked persons (${owners}) but not designated`,
        evidence: evidence(
          graph,
          b.stakes.map((s) => s.owner),
          b.stakes.map((s) => s.edge),
        ),
      });
    }
  }

  const fronts = p.rules['front-cluster'];
  if (fronts.enabled)
    for (const cluster of frontClusters(graph, fronts)) {
      if (fronts.requireRiskyMember && cluster.risky.length === 0) continue;
      const bonus = cluster.risky.length > 0 ? fronts.riskyMemberBonus : 0;
      const text =
        `one of ${cluster.companies.length} companies sharing ${cluster.sharedContacts.length} addresses, phones or e-mails` +
        (cluster.risky.length > 0 ? ` (${cluster.risky.length} designated or flagged)` : '');
      for (const v of cluster.companies)
        add(v, {
          ruleId: 'network.front-cluster',
          weight: Math.min(100, fronts.weight + bonus),
          text,
          evidence: evidence(graph, [...cluster.companies, ...cluster.sharedContacts], cluster.edges),
        });
    }

  const choke = p.rules.chokepoint;
  const rise = p.rules['chokepoint-rise'];
  const watched = Math.max(choke.enabled ? choke.top : 0, rise.enabled ? rise.top : 0);
  const result =
    watched > 0
      ? chokepoints(graph, {
          seeds: riskSeeds(graph, edgeFlags, p.seeds),
          edgeFlags,
          weights: p.chokepoints.weights,
          exposedNodes: p.chokepoints.exposedNodes,
          memberFlows: p.chokepoints.memberFlows,
          maxSources: p.chokepoints.maxSources,
          typeWeights: p.exposureTypeWeights,
          top: watched,
        })
      : undefined;
  if (result !== undefined && choke.enabled && choke.top > 0) {
    result.chokepoints.slice(0, choke.top).forEach((c, rank) =>
      add(c.node, {
        ruleId: 'network.chokepoint',
        weight: choke.weight * (1 - rank / (2 * choke.top)),
        text:
          `chokepoint #${rank + 1} of the risky flow: betweenness ${c.betweenness.toFixed(2)}, pass-through ${c.throughput.toFixed(2)}` +
          `, $${Math.round(c.riskyInflowUsd)} in / $${Math.round(c.riskyOutflowUsd)} out` +
          (c.purchasesUsd > 0 ? ` (of which $${Math.round(c.purchasesUsd)} pays for goods it receives)` : '') +
          (c.articulationSplits.length > 0 ? ', articulation point' : '') +
          (c.inMinCut ? ', in the minimum supplier-destination cut' : ''),
        evidence: evidence(graph, [c.node], [...c.inEdges, ...c.outEdges]),
      }),
    );
  }

  if (result !== undefined && rise.enabled && rise.top > 0) {
    const ranked = result.chokepoints.slice(0, rise.top);
    const rises = flowRise(
      graph,
      ranked.map((c) => c.node),
      result.risky,
      { windowMs: rise.windowDays * DAY_MS },
    );
    rises.forEach((r, rank) => {
      if (r.recentUsd < rise.minUsd || r.ratio < rise.minRatio) return;
      add(r.node, {
        ruleId: 'network.chokepoint-rise',
        weight: rise.weight,
        text:
          `risky flow through chokepoint #${rank + 1} rose to $${Math.round(r.recentUsd)} in the last ${rise.windowDays} days` +
          (r.previousUsd > 0 ? ` from $${Math.round(r.previousUsd)} (x${r.ratio.toFixed(1)})` : ' from none before'),
        evidence: evidence(graph, [r.node], r.recentEdges),
      });
    });
  }

  const complicity = p.rules.complicity;
  if (complicity.enabled) {
    // One reason per official and kind of tie, naming the largest counterparties.
    const grouped = new Map<string, ComplicityIndicator[]>();
    for (const c of complicityIndicators(graph, blockedSet)) {
      const key = `${c.official}:${c.tie}`;
      grouped.set(key, [...(grouped.get(key) ?? []), c]);
    }
    for (const ties of grouped.values()) {
      const first = ties[0] as ComplicityIndicator;
      const names = ties
        .slice(0, 3)
        .map((c) => `"${label(c.counterparty)}"`)
        .join(', ');
      const more = ties.length > 3 ? ` and ${ties.length - 3} more` : '';
      const usd = ties.reduce((s, c) => s + c.usd, 0);
      add(first.official, {
        ruleId: 'network.complicity',
        weight: complicity.weight,
        text:
          first.tie === 'payment'
            ? `official tied by $${Math.round(usd)} of payments to ${ties.length} risky parties: ${names}${more}`
            : `official controls or is linked to ${ties.length} risky parties: ${names}${more}`,
        evidence: evidence(
          graph,
          [first.official, ...ties.map((c) => c.counterparty)],
          ties.flatMap((c) => c.edges),
        ),
      });
    }
  }

  return [...alerts].map(([id, { node, reasons }]) => {
    const score = Math.min(100, Math.round(reasons.reduce((s, r) => s + r.weight, 0)));
    return {
      id: contentId('alert', NETWORK_DETECTOR_ID, policy.sha256, id),
      detectorId: NETWORK_DETECTOR_ID,
      subjectKind: graph.kinds[node] === NODE_KIND_CODE.account ? 'account' : 'entity',
      subjectId: id,
      score,
      level: levelForScore(score, p.levels),
      reasons,
      status: 'open',
      createdAt: now,
    };
  });
}
