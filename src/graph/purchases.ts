import { EDGE_TYPE_CODE, FLAG, type Graph } from './graph.js';

/**
 * Per edge, 1 when a risky payment is a purchase: its money reaches, directly or on through
 * further risky payments (a broker placing the order), a party whose risky goods reach the
 * payer's party, directly or through forwarders. The payer pays for goods it receives: it is the
 * buyer, where that money's route starts and the goods' route ends, not a party the money passes
 * through, whatever funded it. A party is an account with its holders (goods go to companies,
 * money to accounts); placeholders and namesakes are no party, so the walks stop at them.
 *
 * `risky` is the per-edge risky-flow mark (riskyFlows): only the risky goods and money count, so
 * the test cannot spread through the legitimate trade.
 */
export function purchases(graph: Graph, risky: Uint8Array): Uint8Array {
  const n = graph.nodeCount;
  const purchase = new Uint8Array(graph.edgeCount);
  const ships = EDGE_TYPE_CODE['ships-to'];
  const pays = EDGE_TYPE_CODE.pays;
  const holds = EDGE_TYPE_CODE.holds;
  const apart = (v: number): boolean => ((graph.flags[v] as number) & (FLAG.pseudo | FLAG.ambiguous)) !== 0;
  // Visit marks per walk (a generation number per node: no clearing between payers).
  const seen = new Uint32Array(n);
  let generation = 0;
  /** Nodes reached walking edges of `type` that `risky` marks, backwards (source of each in-edge), from `start`. */
  const walkBack = (start: readonly number[], type: number, keepStart: boolean): number[] => {
    generation++;
    const queue = [...start];
    for (const v of start) seen[v] = generation;
    const reached: number[] = keepStart ? [...start] : [];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head] as number;
      for (let i = graph.inOffsets[v] as number; i < (graph.inOffsets[v + 1] as number); i++) {
        const e = graph.inEdges[i] as number;
        if (risky[e] === 0 || graph.type[e] !== type) continue;
        const u = graph.source[e] as number;
        if (seen[u] === generation || apart(u)) continue;
        seen[u] = generation;
        reached.push(u);
        queue.push(u);
      }
    }
    return reached;
  };
  for (let a = 0; a < n; a++) {
    if (apart(a)) continue;
    const out: number[] = [];
    for (let i = graph.outOffsets[a] as number; i < (graph.outOffsets[a + 1] as number); i++) {
      const e = graph.outEdges[i] as number;
      if (risky[e] !== 0 && graph.type[e] === pays) out.push(e);
    }
    if (out.length === 0) continue;
    // The payer's party: the account and its holders.
    const party = [a];
    for (let i = graph.inOffsets[a] as number; i < (graph.inOffsets[a + 1] as number); i++) {
      const e = graph.inEdges[i] as number;
      if (graph.type[e] === holds) party.push(graph.source[e] as number);
    }
    // Whoever's risky goods reach the party (not the party itself)...
    const sellers = walkBack(party, ships, false);
    if (sellers.length === 0) continue;
    // ...their accounts...
    const sellerAccounts = [...sellers];
    for (const s of sellers)
      for (let i = graph.outOffsets[s] as number; i < (graph.outOffsets[s + 1] as number); i++) {
        const e = graph.outEdges[i] as number;
        if (graph.type[e] === holds && !apart(graph.target[e] as number)) sellerAccounts.push(graph.target[e] as number);
      }
    // ...and every account whose risky payments reach those accounts.
    walkBack(sellerAccounts, pays, true);
    for (const e of out) if (seen[graph.target[e] as number] === generation) purchase[e] = 1;
  }
  return purchase;
}
