import { describe, expect, it } from 'vitest';
import { FORWARD, START, flowBetweenness } from './betweenness.js';
import { FLAG, type Graph } from './graph.js';
import { tracedBetweenness } from './flow-tracing.js';
import { chokepointsAllFlagged, idOf, names, testGraph, type TestEdge } from './test-graphs.js';

/** Source and target weights of 1 on the named nodes. */
function ends(
  g: Graph,
  sources: readonly string[],
  targets: readonly string[],
): { sourceWeight: Float64Array; targetWeight: Float64Array } {
  const sourceWeight = new Float64Array(g.nodeCount);
  const targetWeight = new Float64Array(g.nodeCount);
  for (const s of sources) sourceWeight[idOf(g, s)] = 1;
  for (const t of targets) targetWeight[idOf(g, t)] = 1;
  return { sourceWeight, targetWeight };
}

describe('flow-traced betweenness', () => {
  it('credits an intermediary the flow goes through even when a shorter route exists', () => {
    // The importer pays the supplier 1 part directly and 3 parts through the broker.
    const g = testGraph([
      ['imp', 'sup', 'pays'],
      ['imp', 'broker', 'pays'],
      ['broker', 'sup', 'pays'],
    ]);
    const allowed = new Uint8Array(g.edgeCount).fill(FORWARD);
    const share = Float64Array.from([1, 3, 1]);
    const w = ends(g, ['imp'], ['sup']);
    expect(tracedBetweenness(g, { allowed, share, ...w }).score[idOf(g, 'broker')]).toBeCloseTo(0.75, 12);
    // Shortest paths see only the direct wire.
    expect(flowBetweenness(g, { allowed, ...w }).score[idOf(g, 'broker')]).toBe(0);
  });

  it('splits the flow by the edges’ shares, not by the number of routes', () => {
    const g = testGraph([
      ['s', 'a', 'ships-to'],
      ['s', 'b', 'ships-to'],
      ['a', 't', 'ships-to'],
      ['b', 't', 'ships-to'],
    ]);
    const allowed = new Uint8Array(g.edgeCount).fill(FORWARD);
    const { score } = tracedBetweenness(g, { allowed, share: Float64Array.from([1, 3, 5, 5]), ...ends(g, ['s'], ['t']) });
    expect(score[idOf(g, 'a')]).toBeCloseTo(0.25, 12);
    expect(score[idOf(g, 'b')]).toBeCloseTo(0.75, 12);
  });

  it('ends on a cycle, never passes back through a node, and honours start-only and unweighted edges', () => {
    // a → b → c → a: from a, the flow reaches c through b and does not come back.
    const cycle = testGraph([
      ['a', 'b', 'pays'],
      ['b', 'c', 'pays'],
      ['c', 'a', 'pays'],
    ]);
    const all = new Uint8Array(cycle.edgeCount).fill(FORWARD);
    const traced = tracedBetweenness(cycle, {
      allowed: all,
      share: Float64Array.from([1, 1, 1]),
      ...ends(cycle, ['a'], ['b', 'c']),
    });
    expect(Array.from(traced.score)).toEqual([0, 1, 0]);
    // s → a → t, with a → t start-only (a's purchase) or of share 0 (a holder link): no way through a.
    const chain = testGraph([
      ['s', 'a', 'pays'],
      ['a', 't', 'pays'],
    ]);
    const w = ends(chain, ['s'], ['t']);
    const through = (bits: number, share: number): number =>
      tracedBetweenness(chain, { allowed: Uint8Array.from([FORWARD, bits]), share: Float64Array.from([1, share]), ...w }).score[
        idOf(chain, 'a')
      ] as number;
    expect(through(FORWARD, 1)).toBe(1);
    expect(through(FORWARD | START, 1)).toBe(0);
    expect(through(FORWARD, 0)).toBe(0);
  });
});

describe('chokepoint scores', () => {
  it('credit the broker an importer pays around with part of its flow to the supplier', () => {
    const edges: TestEdge[] = [
      ['sup', 'imp', 'ships-to', 5_000],
      ['imp-acct', 'sup-acct', 'pays', 20_000],
      ['imp-acct', 'broker-acct', 'pays', 30_000],
      ['broker-acct', 'sup-acct', 'pays', 27_000],
      ['sup', 'sup-acct', 'holds'],
      ['imp', 'imp-acct', 'holds'],
      ['broker-co', 'broker-acct', 'holds'],
    ];
    const g = testGraph(edges, { kinds: { 'imp-acct': 'account', 'sup-acct': 'account', 'broker-acct': 'account' } });
    const result = chokepointsAllFlagged(g, 10);
    const broker = result.chokepoints.find((c) => g.ids[c.node] === 'broker-acct');
    // The only pair it lies between is the importer and the supplier, whose shortest route is direct.
    expect(broker?.betweenness).toBe(1);
    expect(names(g, [result.chokepoints[0]?.node ?? -1])).toEqual(['broker-acct']);
  });

  it('are normalised to the largest of the ranked nodes, not to the cash placeholder', () => {
    // CASH takes in every withdrawal and pays out every deposit: the largest pass-through of all.
    const edges: TestEdge[] = [
      ['CASH', 'funnel', 'pays', 9_000],
      ['CASH', 'funnel', 'pays', 9_500],
      ['funnel', 'buyer', 'pays', 18_000],
      ...[1, 2, 3, 4, 5, 6].map((i): TestEdge => [`mule${i}`, 'CASH', 'pays', 9_000]),
      ...[1, 2, 3, 4, 5, 6].map((i): TestEdge => ['CASH', `payee${i}`, 'pays', 9_000]),
    ];
    const kinds = Object.fromEntries(edges.flatMap(([a, b]) => [a, b]).map((x) => [x, 'account' as const]));
    const g = testGraph(edges, { kinds, flags: { CASH: FLAG.pseudo } });
    const result = chokepointsAllFlagged(g, 10);
    const funnel = result.chokepoints.find((c) => g.ids[c.node] === 'funnel');
    expect(funnel?.throughput).toBe(1);
    expect(funnel?.betweenness).toBe(1);
  });

  it('grow with the flow, not its square: twice the flow on every side scores twice', () => {
    // Hub a joins two sources to two destinations, hub b one to one; every parcel the same value.
    const edges: TestEdge[] = [
      ['s1', 'a', 'ships-to', 100],
      ['s2', 'a', 'ships-to', 100],
      ['a', 't1', 'ships-to', 100],
      ['a', 't2', 'ships-to', 100],
      ['s3', 'b', 'ships-to', 100],
      ['b', 't3', 'ships-to', 100],
    ];
    const g = testGraph(edges);
    const result = chokepointsAllFlagged(g, 10);
    const of = (id: string) => result.chokepoints.find((c) => g.ids[c.node] === id);
    expect(of('a')?.betweenness).toBe(1);
    expect(of('b')?.betweenness).toBeCloseTo(0.5, 12);
    expect(of('b')?.throughput).toBeCloseTo(0.5, 12);
  });
});
