import { describe, expect, it } from 'vitest';
import { FORWARD, START, flowBetweenness } from './betweenness.js';
import { chokepoints, riskyFlows } from './chokepoints.js';
import { riskSeeds } from './exposure.js';
import { EDGE_FLAG } from './feed.js';
import { FLAG } from './graph.js';
import { purchases } from './purchases.js';
import { idOf, names, testGraph, type TestEdge } from './test-graphs.js';

describe('a start-only edge in flow betweenness', () => {
  it('carries only the flow that starts at its source', () => {
    // s pays a, a pays t. As a START edge, a → t carries a's own money, not what s sent a.
    const g = testGraph([
      ['s', 'a', 'pays'],
      ['a', 't', 'pays'],
    ]);
    const sourceWeight = new Float64Array(g.nodeCount);
    const targetWeight = new Float64Array(g.nodeCount);
    sourceWeight[idOf(g, 's')] = 1;
    targetWeight[idOf(g, 't')] = 1;
    const allowed = (bits: number): Uint8Array => {
      const a = new Uint8Array(g.edgeCount).fill(FORWARD);
      a[1] = bits;
      return a;
    };
    const through = flowBetweenness(g, { allowed: allowed(FORWARD), sourceWeight, targetWeight });
    expect(through.score[idOf(g, 'a')]).toBe(1);
    const bought = flowBetweenness(g, { allowed: allowed(FORWARD | START), sourceWeight, targetWeight });
    expect(bought.score[idOf(g, 'a')]).toBe(0);
  });
});

describe('an importer that buys with laundered money', () => {
  // The supplier ships two parcels through a forwarder to the importer. A funnel account and a
  // relative's account, both fed with cash, wire the importer, which pays the supplier directly
  // and through a broker; the broker pays the supplier and the forwarder's fee. Everything is
  // alerted. The importer's account takes in and pays out the most money, but what it pays out buys
  // the goods it receives: it is the end of the goods' route, not a way through for the money.
  const edges: TestEdge[] = [
    ['sup', 'fwd', 'ships-to', 600],
    ['sup', 'fwd', 'ships-to', 650],
    ['fwd', 'imp', 'ships-to', 600],
    ['fwd', 'imp', 'ships-to', 650],
    ['CASH', 'funnel-acct', 'pays', 9_000],
    ['CASH', 'funnel-acct', 'pays', 9_500],
    ['CASH', 'funnel-acct', 'pays', 9_200],
    ['CASH', 'rel-acct', 'pays', 9_100],
    ['CASH', 'rel-acct', 'pays', 9_300],
    ['CASH', 'rel-acct', 'pays', 9_400],
    ['funnel-acct', 'imp-acct', 'pays', 25_000],
    ['rel-acct', 'imp-acct', 'pays', 26_000],
    ['imp-acct', 'sup-acct', 'pays', 20_000],
    ['imp-acct', 'broker-acct', 'pays', 30_000],
    ['broker-acct', 'sup-acct', 'pays', 27_000],
    ['broker-acct', 'fwd-acct', 'pays', 1_000],
    ['sup', 'sup-acct', 'holds'],
    ['fwd', 'fwd-acct', 'holds'],
    ['imp', 'imp-acct', 'holds'],
    ['broker-co', 'broker-acct', 'holds'],
    ['funnel', 'funnel-acct', 'holds'],
    ['rel', 'rel-acct', 'holds'],
  ];
  const kinds = Object.fromEntries(
    edges
      .flatMap(([a, b]) => [a, b])
      .filter((x) => x.endsWith('-acct') || x === 'CASH')
      .map((x) => [x, 'account' as const]),
  );
  const g = testGraph(edges, { kinds, flags: { CASH: FLAG.pseudo } });
  const edgeFlags = new Uint8Array(g.edgeCount);
  edges.forEach(([, , type], e) => {
    if (type !== 'holds') edgeFlags[e] = EDGE_FLAG.flagged;
  });
  const edge = (a: string, b: string): number => edges.findIndex(([x, y]) => x === a && y === b);

  it('tells its purchases, direct and through the broker, from the payments that pass money on', () => {
    const purchase = purchases(g, riskyFlows(g, { edgeFlags, exposed: new Set(), memberFlows: false }));
    const bought = edges.map((_, e) => e).filter((e) => purchase[e] === 1);
    expect(bought.sort()).toEqual([edge('imp-acct', 'sup-acct'), edge('imp-acct', 'broker-acct')].sort());
  });

  it('ranks the broker, the forwarder and the funnels above the importer, with its purchases as reasons', () => {
    const result = chokepoints(g, { seeds: riskSeeds(g, edgeFlags), edgeFlags, top: 20 });
    const ranked = names(
      g,
      result.chokepoints.map((c) => c.node),
    );
    const rank = (id: string): number => (ranked.includes(id) ? ranked.indexOf(id) : Infinity);
    for (const intermediary of ['broker-acct', 'fwd', 'funnel-acct', 'rel-acct'])
      expect(rank(intermediary)).toBeLessThan(rank('imp-acct'));
    const importer = result.chokepoints.find((c) => g.ids[c.node] === 'imp-acct');
    expect(importer?.purchasesUsd).toBe(50_000);
    expect(importer?.riskyOutflowUsd).toBe(50_000);
    expect(importer?.throughput).toBe(0);
    expect(importer?.betweenness).toBe(0);
    // The supplier's account is where money ends: its holder's goods do not carry the money on.
    const supplier = result.chokepoints.find((c) => g.ids[c.node] === 'sup-acct');
    expect(supplier?.betweenness ?? 0).toBe(0);
  });
});
