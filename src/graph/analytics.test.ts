import { describe, expect, it } from 'vitest';
import { articulationPoints } from './articulation.js';
import { BACKWARD, FORWARD, flowBetweenness } from './betweenness.js';
import { chokepoints } from './chokepoints.js';
import { complicityIndicators } from './complicity.js';
import { hopsToRisk, pathToRisk, personalisedPageRank, riskSeeds, ConvergenceError } from './exposure.js';
import { EDGE_FLAG } from './feed.js';
import { fiftyPercentRule } from './fifty-percent.js';
import { FLAG, type Graph } from './graph.js';
import { louvain } from './louvain.js';
import { minVertexCut } from './min-cut.js';
import { chokepointsAllFlagged, idOf, names, testGraph } from './test-graphs.js';

const allEdges = (g: Graph, bits = FORWARD): Uint8Array => new Uint8Array(g.edgeCount).fill(bits);

describe('OFAC 50% rule', () => {
  const blockedNames = (g: Graph, designated: string[]): string[] =>
    names(
      g,
      fiftyPercentRule(
        g,
        designated.map((d) => idOf(g, d)),
      ).blocked.map((b) => b.node),
    ).sort();

  it('blocks at 50% or more, directly or in aggregate, and not below', () => {
    const g = testGraph([
      ['x', 'half', 'owns', 0.5],
      ['x', 'minority', 'owns', 0.49],
      ['x', 'aggregate', 'owns', 0.3],
      ['y', 'aggregate', 'owns', 0.25],
      ['clean', 'aggregate', 'owns', 0.45],
    ]);
    expect(blockedNames(g, ['x', 'y'])).toEqual(['aggregate', 'half']);
    expect(blockedNames(g, ['x'])).toEqual(['half']);
  });

  it('follows chains through blocked entities only, without multiplying shares', () => {
    // x 60% of a (blocked), a 50% of b (blocked), b 100% of c (blocked).
    // x 40% of p (not blocked), p 100% of q: q is not blocked (p's holdings are not blocked property).
    const g = testGraph([
      ['x', 'a', 'owns', 0.6],
      ['a', 'b', 'owns', 0.5],
      ['b', 'c', 'owns', 1],
      ['x', 'p', 'owns', 0.4],
      ['p', 'q', 'owns', 1],
    ]);
    const result = fiftyPercentRule(g, [idOf(g, 'x')]);
    expect(
      names(
        g,
        result.blocked.map((b) => b.node),
      ),
    ).toEqual(['a', 'b', 'c']);
    const c = result.blocked.find((b) => b.node === idOf(g, 'c'));
    expect(c?.stakes.map((s) => g.ids[s.owner])).toEqual(['b']);
    expect(result.reason.get(idOf(g, 'a'))).toMatchObject({ share: 0.6 });
    expect(
      names(
        g,
        result.partial.map((p) => p.node),
      ),
    ).toEqual(['p']);
  });

  it('terminates on ownership cycles and blocks what the cycle makes blocked', () => {
    // a and b own 60% of each other; x owns 30% of a and 30% of b. Neither reaches 50% alone.
    const cycle = testGraph([
      ['a', 'b', 'owns', 0.6],
      ['b', 'a', 'owns', 0.6],
      ['x', 'a', 'owns', 0.3],
      ['x', 'b', 'owns', 0.3],
    ]);
    expect(blockedNames(cycle, ['x'])).toEqual([]);
    // x owns 50% of a: a is blocked, so its 60% of b blocks b, whose 60% of a changes nothing more.
    const closing = testGraph([
      ['a', 'b', 'owns', 0.6],
      ['b', 'a', 'owns', 0.6],
      ['x', 'a', 'owns', 0.5],
    ]);
    expect(blockedNames(closing, ['x'])).toEqual(['a', 'b']);
  });

  it('counts stakes of unknown size apart, never as blocking', () => {
    const g = testGraph([['x', 'a', 'owns', Number.NaN]]);
    const result = fiftyPercentRule(g, [idOf(g, 'x')]);
    expect(result.blocked).toEqual([]);
    expect(result.partial[0]?.unknownStakes).toHaveLength(1);
  });
});

describe('exposure', () => {
  const g = testGraph(
    [
      ['sdn', 'front', 'shares-address'],
      ['front', 'broker', 'pays', 1000],
      ['broker', 'buyer', 'ships-to', 500],
      ['buyer', 'far', 'ships-to', 500],
      ['island1', 'island2', 'pays', 10],
    ],
    { flags: { sdn: FLAG.designated } },
  );

  it('counts hops to the nearest seed and explains them with a path', () => {
    const seeds = riskSeeds(g);
    expect(names(g, seeds.nodes)).toEqual(['sdn']);
    const h = hopsToRisk(g, seeds.nodes);
    expect(h.hops[idOf(g, 'buyer')]).toBe(3);
    expect(h.hops[idOf(g, 'island1')]).toBe(Infinity);
    expect(pathToRisk(g, h, idOf(g, 'broker'))).toHaveLength(2);
  });

  it('personalised PageRank ranks nodes by closeness to the seeds, keeps the restart mass on them and sums to one', () => {
    const { scores } = personalisedPageRank(g, riskSeeds(g));
    const s = (id: string): number => scores[idOf(g, id)] as number;
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(s('sdn')).toBeGreaterThan(0.15);
    // Along the chain away from the seed the score falls (the seed's only tie is weak, so its
    // neighbour passes most of its mass on: PageRank is not a distance).
    expect(s('broker')).toBeGreaterThan(s('buyer'));
    expect(s('buyer')).toBeGreaterThan(s('far'));
    expect(s('front')).toBeGreaterThan(s('far'));
    expect(s('island1')).toBe(0);
  });

  it('does not spread risk through a placeholder or a shared name', () => {
    const h = testGraph(
      [
        ['sdn', 'CASH', 'pays', 100],
        ['CASH', 'depositor', 'pays', 100],
        ['sdn', 'namesake', 'ships-to', 100],
        ['namesake', 'buyer', 'ships-to', 100],
        ['sdn', 'partner', 'pays', 100],
      ],
      { flags: { sdn: FLAG.designated, CASH: FLAG.pseudo, namesake: FLAG.ambiguous } },
    );
    // The designated party's payment into cash was alerted: its parties would be seeds.
    const flags = new Uint8Array(h.edgeCount);
    flags[0] = EDGE_FLAG.flagged;
    const seeds = riskSeeds(h, flags);
    expect(names(h, seeds.nodes)).toEqual(['sdn']);
    const { scores } = personalisedPageRank(h, seeds);
    for (const far of ['CASH', 'depositor', 'namesake', 'buyer']) expect(scores[idOf(h, far)], far).toBe(0);
    expect(scores[idOf(h, 'partner')]).toBeGreaterThan(0);
    const hops = hopsToRisk(h, [idOf(h, 'sdn')]);
    expect(hops.hops[idOf(h, 'depositor')]).toBe(Infinity);
    expect(hops.hops[idOf(h, 'partner')]).toBe(1);
  });

  it('raises a clear error when it cannot converge in the iterations allowed', () => {
    expect(() => personalisedPageRank(g, riskSeeds(g), { maxIterations: 2, tolerance: 1e-15 })).toThrow(ConvergenceError);
  });

  it('seeds alerted records’ parties with their own weight', () => {
    const flags = new Uint8Array(g.edgeCount);
    flags[4] = EDGE_FLAG.flagged;
    const seeds = riskSeeds(g, flags);
    expect(names(g, seeds.nodes).sort()).toEqual(['island1', 'island2', 'sdn']);
  });
});

describe('communities', () => {
  it('Louvain finds two cliques joined by one edge', () => {
    const clique = (p: string): [string, string, 'shares-contact'][] => [
      [`${p}1`, `${p}2`, 'shares-contact'],
      [`${p}1`, `${p}3`, 'shares-contact'],
      [`${p}2`, `${p}3`, 'shares-contact'],
      [`${p}3`, `${p}4`, 'shares-contact'],
      [`${p}1`, `${p}4`, 'shares-contact'],
      [`${p}2`, `${p}4`, 'shares-contact'],
    ];
    const g = testGraph([...clique('a'), ...clique('b'), ['a1', 'b1', 'pays']]);
    const c = louvain(g);
    expect(c.count).toBe(2);
    const of = (id: string): number => c.community[idOf(g, id)] as number;
    expect(new Set(['a1', 'a2', 'a3', 'a4'].map(of)).size).toBe(1);
    expect(of('a1')).not.toBe(of('b1'));
    expect(c.modularity).toBeGreaterThan(0.3);
  });
});

describe('chokepoint building blocks', () => {
  it('articulation points: the middle of a chain, none in a triangle, the shared node of two triangles', () => {
    const chain = testGraph([
      ['a', 'b', 'pays'],
      ['b', 'c', 'pays'],
    ]);
    expect(articulationPoints(chain, allEdges(chain)).map((a) => chain.ids[a.node])).toEqual(['b']);
    const triangle = testGraph([
      ['a', 'b', 'pays'],
      ['b', 'c', 'pays'],
      ['c', 'a', 'pays'],
    ]);
    expect(articulationPoints(triangle, allEdges(triangle))).toEqual([]);
    const bowtie = testGraph([
      ['a', 'b', 'pays'],
      ['b', 'm', 'pays'],
      ['m', 'a', 'pays'],
      ['m', 'c', 'pays'],
      ['c', 'd', 'pays'],
      ['d', 'm', 'pays'],
    ]);
    const points = articulationPoints(bowtie, allEdges(bowtie));
    expect(points.map((a) => bowtie.ids[a.node])).toEqual(['m']);
    expect(points[0]?.splits).toEqual([2]);
  });

  it('min vertex cut separates suppliers from destinations with the fewest intermediaries', () => {
    // Two suppliers feed one broker; the broker and a side route reach two buyers.
    const g = testGraph([
      ['s1', 'broker', 'ships-to'],
      ['s2', 'broker', 'ships-to'],
      ['broker', 'fwd1', 'ships-to'],
      ['broker', 'fwd2', 'ships-to'],
      ['fwd1', 't1', 'ships-to'],
      ['fwd2', 't2', 'ships-to'],
      ['s1', 'side', 'ships-to'],
      ['side', 't2', 'ships-to'],
    ]);
    const cut = minVertexCut(g, {
      allowed: allEdges(g),
      suppliers: ['s1', 's2'].map((s) => idOf(g, s)),
      destinations: ['t1', 't2'].map((s) => idOf(g, s)),
    });
    expect(names(g, cut.cut).sort()).toEqual(['broker', 'side']);
    expect(cut.cost).toBe(2);
  });

  it('flow betweenness credits the node every route passes through', () => {
    const g = testGraph([
      ['s1', 'hub', 'ships-to'],
      ['s2', 'hub', 'ships-to'],
      ['hub', 't1', 'ships-to'],
      ['hub', 't2', 'ships-to'],
      ['s1', 'x', 'ships-to'],
    ]);
    const sourceWeight = new Float64Array(g.nodeCount);
    const targetWeight = new Float64Array(g.nodeCount);
    for (const s of ['s1', 's2']) sourceWeight[idOf(g, s)] = 1;
    for (const t of ['t1', 't2']) targetWeight[idOf(g, t)] = 1;
    const { score } = flowBetweenness(g, { allowed: allEdges(g), sourceWeight, targetWeight });
    expect(score[idOf(g, 'hub')]).toBe(4);
    expect(score[idOf(g, 'x')]).toBe(0);
    // Backward-only edges are walked target to source.
    const back = flowBetweenness(g, { allowed: allEdges(g, BACKWARD), sourceWeight: targetWeight, targetWeight: sourceWeight });
    expect(back.score[idOf(g, 'hub')]).toBe(4);
  });

  it('cash enters where it is deposited: a placeholder is no common source', () => {
    // CASH deposits into two funnels; each funnel wires one buyer. As one source CASH would credit
    // f1 with f2's deposits too (every target it reaches through either).
    const g = testGraph([
      ['CASH', 'f1', 'pays', 100],
      ['CASH', 'f2', 'pays', 100],
      ['f1', 't1', 'pays', 100],
      ['f2', 't2', 'pays', 100],
    ]);
    const sourceWeight = new Float64Array(g.nodeCount);
    const targetWeight = new Float64Array(g.nodeCount);
    const entryWeight = new Float64Array(g.nodeCount);
    for (const f of ['f1', 'f2']) entryWeight[idOf(g, f)] = 2;
    for (const t of ['t1', 't2']) targetWeight[idOf(g, t)] = 1;
    const { score } = flowBetweenness(g, { allowed: allEdges(g), sourceWeight, targetWeight, entryWeight });
    // Each funnel: its own deposits (2) times the one buyer it reaches (1).
    expect(score[idOf(g, 'f1')]).toBe(2);
    expect(score[idOf(g, 'f2')]).toBe(2);
    expect(score[idOf(g, 'CASH')]).toBe(0);
  });

  it('ranks the broker between alerted suppliers and buyers first, with its flow as evidence', () => {
    const g = testGraph([
      ['s1', 'broker', 'ships-to', 500],
      ['s2', 'broker', 'ships-to', 400],
      ['s3', 'broker', 'ships-to', 300],
      ['broker', 'b1', 'ships-to', 600],
      ['broker', 'b2', 'ships-to', 600],
      ['s1', 'b3', 'ships-to', 10],
      ['legit1', 'legit2', 'ships-to', 1e6],
    ]);
    const edgeFlags = new Uint8Array(g.edgeCount).fill(EDGE_FLAG.flagged);
    edgeFlags[6] = 0;
    const result = chokepoints(g, { seeds: riskSeeds(g, edgeFlags), edgeFlags, top: 3 });
    const first = result.chokepoints[0];
    expect(first && g.ids[first.node]).toBe('broker');
    expect(first?.inMinCut).toBe(true);
    expect(first?.inEdges).toHaveLength(3);
    expect(result.chokepoints.map((c) => g.ids[c.node])).not.toContain('legit1');
  });
});

describe('a precursor broker between importers and suppliers', () => {
  // Two importers buy through a broker's trading company, which pays two suppliers and is the
  // seller of record of a parcel the first supplier ships. Only the parcels and the importers' direct
  // wires to the suppliers were alerted: the broker's own wires look like trade. A landlord the
  // importer pays rent and a stranger the landlord pays are no part of it.
  const edges = [
    ['broker-co', 'sup1', 'ships-to', 700],
    ['sup1', 'fwd', 'ships-to', 700],
    ['sup2', 'fwd', 'ships-to', 650],
    ['fwd', 'imp1', 'ships-to', 900],
    ['fwd', 'imp2', 'ships-to', 400],
    ['imp1-acct', 'sup1-acct', 'pays', 20_000],
    ['imp2-acct', 'sup2-acct', 'pays', 15_000],
    ['imp1-acct', 'broker-acct', 'pays', 40_000],
    ['imp2-acct', 'broker-acct', 'pays', 30_000],
    ['broker-acct', 'sup1-acct', 'pays', 36_000],
    ['broker-acct', 'sup2-acct', 'pays', 27_000],
    ['broker-co', 'broker-acct', 'holds'],
    ['sup1', 'sup1-acct', 'holds'],
    ['sup2', 'sup2-acct', 'holds'],
    ['imp1', 'imp1-acct', 'holds'],
    ['imp2', 'imp2-acct', 'holds'],
    ['imp1-acct', 'landlord-acct', 'pays', 5_000],
    ['landlord-acct', 'stranger-acct', 'pays', 5_000],
  ] as const;
  const accounts = Object.fromEntries(
    edges
      .flatMap(([a, b]) => [a, b])
      .filter((x) => x.endsWith('-acct'))
      .map((x) => [x, 'account' as const]),
  );
  const g = testGraph(edges, { kinds: accounts });
  const edgeFlags = new Uint8Array(g.edgeCount);
  for (const e of [0, 1, 2, 3, 4, 5, 6]) edgeFlags[e] = EDGE_FLAG.flagged;
  const rank = (memberFlows: boolean) => chokepoints(g, { seeds: riskSeeds(g, edgeFlags), edgeFlags, memberFlows, top: 10 });

  it('is invisible to the alerted flow alone', () => {
    const ranked = names(
      g,
      rank(false).chokepoints.map((c) => c.node),
    );
    expect(ranked).not.toContain('broker-acct');
  });

  it('is the first chokepoint once flows between parties of the risky network count, and nothing outside joins', () => {
    const result = rank(true);
    const first = result.chokepoints[0];
    expect(first && g.ids[first.node]).toBe('broker-acct');
    expect(first?.riskyInflowUsd).toBe(70_000);
    expect(first?.riskyOutflowUsd).toBe(63_000);
    expect(names(g, first?.inEdges.map((e) => g.source[e] as number) ?? []).sort()).toEqual(['imp1-acct', 'imp2-acct']);
    const ranked = names(
      g,
      result.chokepoints.map((c) => c.node),
    );
    expect(ranked).not.toContain('landlord-acct');
    // The rent is paid by a party of the network to one outside it: not part of the risky flow.
    const rent = edges.findIndex(([a, b]) => a === 'imp1-acct' && b === 'landlord-acct');
    expect(result.risky[rent]).toBe(0);
  });
});

describe('chokepoints and namesakes', () => {
  it('never ranks a party several entities share the name of, nor routes flow through it', () => {
    // Two suppliers ship to a conflated name that ships on: without the mark it would be the hub.
    const g = testGraph(
      [
        ['s1', 'namesake', 'ships-to', 500],
        ['s2', 'namesake', 'ships-to', 500],
        ['namesake', 'b1', 'ships-to', 500],
        ['s1', 'broker', 'ships-to', 300],
        ['broker', 'b2', 'ships-to', 300],
      ],
      { flags: { namesake: FLAG.ambiguous } },
    );
    const result = chokepointsAllFlagged(g, 5);
    const ranked = names(
      g,
      result.chokepoints.map((c) => c.node),
    );
    // s1 stays, as the articulation point between its two buyers' sides.
    expect(ranked[0]).toBe('broker');
    expect(ranked).not.toContain('namesake');
    expect(result.chokepoints[0]?.betweenness).toBe(1);
  });
});

describe('complicity indicators', () => {
  it('finds an official paid from a flagged company’s account and one who owns a designated company', () => {
    const g = testGraph(
      [
        ['official', 'acct-o', 'holds'],
        ['cartel-co', 'acct-c', 'holds'],
        ['acct-c', 'acct-o', 'pays', 20000],
        ['acct-c', 'acct-o', 'pays', 5000],
        ['official2', 'shell', 'owns', 1],
        ['honest', 'acct-h', 'holds'],
        ['acct-c', 'acct-h', 'pays', 100],
      ],
      {
        kinds: { official: 'person', official2: 'person', 'acct-o': 'account', 'acct-c': 'account', 'acct-h': 'account' },
        flags: { official: FLAG.official, official2: FLAG.official, 'cartel-co': FLAG.flagged, shell: FLAG.designated },
      },
    );
    const found = complicityIndicators(g);
    expect(found.map((f) => [g.ids[f.official], g.ids[f.counterparty], f.tie, f.usd])).toEqual([
      ['official', 'cartel-co', 'payment', 25000],
      ['official2', 'shell', 'control', 0],
    ]);
    expect(found[0]?.edges).toHaveLength(4);
  });

  it('ignores transfers between an official’s own accounts and counts a holding stated twice once', () => {
    // The official is flagged (monitoring saw the bribes); moving money between own accounts is no tie.
    const g = testGraph(
      [
        ['official', 'acct-o', 'holds'],
        ['official', 'acct-o', 'holds'],
        ['official', 'acct-o2', 'holds'],
        ['acct-o2', 'acct-o', 'pays', 900],
        ['cartel-co', 'acct-c', 'holds'],
        ['cartel-co', 'acct-c', 'holds'],
        ['acct-c', 'acct-o', 'pays', 1000],
      ],
      {
        kinds: { official: 'person', 'acct-o': 'account', 'acct-o2': 'account', 'acct-c': 'account' },
        flags: { official: FLAG.official | FLAG.flagged, 'cartel-co': FLAG.flagged },
      },
    );
    const found = complicityIndicators(g);
    expect(found.map((f) => [g.ids[f.official], g.ids[f.counterparty], f.tie, f.usd])).toEqual([
      ['official', 'cartel-co', 'payment', 1000],
    ]);
  });
});
