import { EDGE_TYPE_CODE, FLAG, type Graph } from './graph.js';

export interface ComplicityIndicator {
  /** The official (a person with a public position). */
  readonly official: number;
  /** The risky party the official is tied to. */
  readonly counterparty: number;
  /** "payment" (money between their accounts) or "control" (ownership, directorship, family, link). */
  readonly tie: 'payment' | 'control';
  /** The edges that make the tie: the official's account link, the counterparty's, then the payments. */
  readonly edges: readonly number[];
  readonly usd: number;
}

const CONTROL = new Set([EDGE_TYPE_CODE.owns, EDGE_TYPE_CODE.directs, EDGE_TYPE_CODE.family, EDGE_TYPE_CODE.linked]);
const RISKY = FLAG.designated | FLAG.flagged | FLAG.criminal;

function incident(graph: Graph, v: number, visit: (edge: number, other: number) => void): void {
  for (let i = graph.outOffsets[v] as number; i < (graph.outOffsets[v + 1] as number); i++) {
    const e = graph.outEdges[i] as number;
    visit(e, graph.target[e] as number);
  }
  for (let i = graph.inOffsets[v] as number; i < (graph.inOffsets[v + 1] as number); i++) {
    const e = graph.inEdges[i] as number;
    visit(e, graph.source[e] as number);
  }
}

/**
 * Complicity indicators: officials tied by payments (between accounts they hold and accounts a
 * risky party holds, or the risky account itself) or by control links to risky parties:
 * designated, flagged, criminal, or blocked (`blocked`, e.g. from the 50% rule). An indicator,
 * not a finding: each comes with the edges to check.
 */
export function complicityIndicators(graph: Graph, blocked: ReadonlySet<number> = new Set()): ComplicityIndicator[] {
  const risky = (v: number): boolean => ((graph.flags[v] as number) & RISKY) !== 0 || blocked.has(v);
  const holders = (account: number): { holder: number; edge: number }[] => {
    const out: { holder: number; edge: number }[] = [];
    for (let i = graph.inOffsets[account] as number; i < (graph.inOffsets[account + 1] as number); i++) {
      const e = graph.inEdges[i] as number;
      // One entry per holder: a holding stated twice (the FtM file and a payment row) is one.
      if (graph.type[e] === EDGE_TYPE_CODE.holds && !out.some((h) => h.holder === graph.source[e]))
        out.push({ holder: graph.source[e] as number, edge: e });
    }
    return out;
  };
  const found: ComplicityIndicator[] = [];
  for (let official = 0; official < graph.nodeCount; official++) {
    if (((graph.flags[official] as number) & FLAG.official) === 0) continue;
    const control = new Set<number>();
    const payments = new Map<number, { edges: number[]; usd: number }>();
    const accounts = new Set<number>();
    incident(graph, official, (e, other) => {
      const t = graph.type[e] as number;
      if (CONTROL.has(t) && other !== official && risky(other) && !control.has(other)) {
        control.add(other);
        found.push({ official, counterparty: other, tie: 'control', edges: [e], usd: 0 });
      }
      if (t !== EDGE_TYPE_CODE.holds || graph.source[e] !== official || accounts.has(other)) return;
      accounts.add(other);
      // Money in or out of the official's account, from or to a risky party's account. Transfers
      // between the official's own accounts are no tie (the official is flagged for them, often).
      incident(graph, other, (payment, counterAccount) => {
        if (graph.type[payment] !== EDGE_TYPE_CODE.pays || counterAccount === other) return;
        const counterHolders = holders(counterAccount);
        if (counterHolders.some((h) => h.holder === official)) return;
        // Name the risky holder (the company behind the account) when there is one.
        const riskyHolders = counterHolders.filter((h) => risky(h.holder));
        const parties =
          riskyHolders.length > 0 ? riskyHolders : risky(counterAccount) ? [{ holder: counterAccount, edge: -1 }] : [];
        const w = graph.weight[payment] as number;
        for (const p of parties) {
          const tie = payments.get(p.holder) ?? { edges: p.edge === -1 ? [e] : [e, p.edge], usd: 0 };
          tie.edges.push(payment);
          tie.usd += Number.isNaN(w) ? 0 : w;
          payments.set(p.holder, tie);
        }
      });
    });
    for (const [counterparty, tie] of payments) found.push({ official, counterparty, tie: 'payment', ...tie });
  }
  return found.sort((a, b) => b.usd - a.usd || a.official - b.official);
}
