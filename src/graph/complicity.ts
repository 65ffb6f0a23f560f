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
      if (graph.type[e] === EDGE_TYPE_CODE.holds) out.push({ holder: graph.source[e] as number, edge: e });
    }
    return out;
  };
  const found: ComplicityIndicator[] = [];
  for (let official = 0; official < graph.nodeCount; official++) {
    if (((graph.flags[official] as number) & FLAG.official) === 0) continue;
    const control = new Set<number>();
    const payments = new Map<number, { edges: number[]; usd: number }>();
    incident(graph, official, (e, other) => {
      const t = graph.type[e] as number;
      if (CONTROL.has(t) && risky(other) && !control.has(other)) {
        control.add(other);
        found.push({ official, counterparty: other, tie: 'control', edges: [e], usd: 0 });
      }
      if (t !== EDGE_TYPE_CODE.holds || graph.source[e] !== official) return;
      // Money in or out of the official's account, from or to a risky party's account.
      incident(graph, other, (payment, counterAccount) => {
        if (graph.type[payment] !== EDGE_TYPE_CODE.pays) return;
        const parties = risky(counterAccount)
          ? [{ holder: counterAccount, edge: -1 }]
          : holders(counterAccount).filter((h) => risky(h.holder));
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
