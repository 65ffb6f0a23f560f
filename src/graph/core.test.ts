import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './builder.js';
import { edgeType, edgeView, FLAG, nodeKind } from './graph.js';
import { neighbourhood } from './neighbourhood.js';
import { shortestPath, strongestPath } from './paths.js';
import { idOf, names, testGraph } from './test-graphs.js';

describe('graph builder', () => {
  it('lays out edges in CSR both ways and keeps their attributes', () => {
    const g = testGraph([
      ['a', 'b', 'ships-to', 100, '2024-09-02'],
      ['a', 'c', 'pays', 50],
      ['c', 'b', 'owns', 0.5],
    ]);
    const a = idOf(g, 'a');
    const b = idOf(g, 'b');
    expect(g.nodeCount).toBe(3);
    expect(g.edgeCount).toBe(3);
    const out = [...g.outEdges.subarray(g.outOffsets[a], g.outOffsets[a + 1])];
    expect(out.map((e) => edgeType(g, e))).toEqual(['ships-to', 'pays']);
    const into = [...g.inEdges.subarray(g.inOffsets[b], g.inOffsets[b + 1])];
    expect(into.map((e) => g.ids[g.source[e] as number])).toEqual(['a', 'c']);
    expect(edgeView(g, 0)).toMatchObject({
      source: 'a',
      target: 'b',
      weight: 100,
      time: '2024-09-02T00:00:00.000Z',
      record: 'r0',
    });
    expect(edgeView(g, 1).time).toBeNull();
  });

  it('merges entities resolved into one cluster and lets a specific kind win', () => {
    const b = new GraphBuilder((id) => (id === 'x2' ? 'x1' : id));
    const n1 = b.node('x1', 'company', { label: 'X' });
    const n2 = b.node('x2', 'person', { specific: true, flags: FLAG.designated });
    expect(n2).toBe(n1);
    const g = b.build();
    expect(g.index.get('x2')).toBe(n1);
    expect(nodeKind(g, n1)).toBe('person');
    expect(g.flags[n1]).toBe(FLAG.designated);
  });

  it('gives a node first met as the end of a link the kind a later record says', () => {
    const b = new GraphBuilder();
    const n = b.node('party', 'other');
    b.node('party', 'company');
    b.node('party', 'other');
    expect(nodeKind(b.build(), n)).toBe('company');
  });

  it('skips a record added before, so an incremental rebuild adds only new records', () => {
    const b = new GraphBuilder();
    const r = b.record('shipment-1') as number;
    b.edge(b.node('a', 'company'), b.node('b', 'company'), { type: 'ships-to', weight: 10 }, r);
    const first = b.build();
    const next = GraphBuilder.from(first);
    expect(next.record('shipment-1')).toBeUndefined();
    const r2 = next.record('shipment-2') as number;
    next.edge(next.node('b', 'company'), next.node('c', 'company'), { type: 'ships-to', weight: 5 }, r2);
    const second = next.build();
    expect(second.edgeCount).toBe(2);
    expect(second.nodeCount).toBe(3);
    expect(names(second, neighbourhood(second, idOf(second, 'a'), { hops: 2 }).nodes)).toEqual(['a', 'b', 'c']);
  });
});

describe('neighbourhood', () => {
  const g = testGraph([
    ['a', 'b', 'ships-to', 10, '2024-01-10'],
    ['b', 'c', 'pays', 10, '2024-03-10'],
    ['c', 'd', 'ships-to', 10, '2024-01-10'],
    ['e', 'a', 'owns', 0.6],
  ]);
  const a = idOf(g, 'a');

  it('reaches k hops both ways by default, with the edge each node was reached by', () => {
    const n = neighbourhood(g, a, { hops: 2 });
    expect(names(g, n.nodes).sort()).toEqual(['a', 'b', 'c', 'e']);
    expect(n.hops[n.nodes.indexOf(idOf(g, 'c'))]).toBe(2);
    const via = n.via[n.nodes.indexOf(idOf(g, 'c'))] as number;
    expect(edgeView(g, via)).toMatchObject({ source: 'b', target: 'c', type: 'pays' });
    expect(n.edges).toHaveLength(3);
  });

  it('filters by edge type, direction and time (undated links always pass)', () => {
    expect(names(g, neighbourhood(g, a, { hops: 3, types: ['ships-to'] }).nodes).sort()).toEqual(['a', 'b']);
    expect(names(g, neighbourhood(g, a, { hops: 3, direction: 'in' }).nodes).sort()).toEqual(['a', 'e']);
    const before = neighbourhood(g, a, { hops: 3, to: Date.parse('2024-02-01') });
    expect(names(g, before.nodes).sort()).toEqual(['a', 'b', 'e']);
  });

  it('lists each edge among the reached nodes once, whichever way it is walked', () => {
    const loop = testGraph([
      ['a', 'b', 'pays', 1],
      ['b', 'a', 'pays', 1],
      ['a', 'c', 'pays', 1],
      ['c', 'b', 'pays', 1],
      ['c', 'd', 'pays', 1],
      ['d', 'e', 'pays', 1],
    ]);
    const centre = idOf(loop, 'a');
    const both = neighbourhood(loop, centre, { hops: 2 });
    expect(names(loop, both.nodes).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...both.edges].sort()).toEqual([0, 1, 2, 3, 4]);
    const out = neighbourhood(loop, centre, { hops: 1, direction: 'out' });
    expect([...out.edges].sort()).toEqual([0, 2]);
    const into = neighbourhood(loop, idOf(loop, 'b'), { hops: 2, direction: 'in' });
    expect(names(loop, into.nodes).sort()).toEqual(['a', 'b', 'c']);
    expect([...into.edges].sort()).toEqual([0, 1, 2, 3]);
  });

  it('stops at maxNodes and says so', () => {
    const n = neighbourhood(g, a, { hops: 3, maxNodes: 2 });
    expect(n.nodes).toHaveLength(2);
    expect(n.truncated).toBe(true);
  });
});

describe('paths', () => {
  // Two routes from us to cn: a short one through a weak tie, a longer one through strong ties.
  const g = testGraph([
    ['us', 'weak', 'pays', 1],
    ['us', 'big', 'pays', 99],
    ['weak', 'cn', 'pays', 1],
    ['big', 'mid', 'pays', 100],
    ['mid', 'cn', 'pays', 100],
    ['weak', 'other', 'pays', 99],
  ]);
  const us = idOf(g, 'us');
  const cn = idOf(g, 'cn');

  it('shortest path takes the fewest hops', () => {
    const p = shortestPath(g, us, cn, { direction: 'out' });
    expect(p.found && names(g, p.nodes)).toEqual(['us', 'weak', 'cn']);
    expect(p.found && p.edges.length).toBe(2);
  });

  it('strongest path maximises the product of tie strengths', () => {
    const p = strongestPath(g, us, cn, { direction: 'out' });
    expect(p.found && names(g, p.nodes)).toEqual(['us', 'big', 'mid', 'cn']);
    // 99/100 * 1 * 1
    expect(p.found && p.strength).toBeCloseTo(0.99, 6);
  });

  it('reports no path when the filter forbids every route', () => {
    expect(shortestPath(g, us, cn, { types: ['ships-to'] }).found).toBe(false);
    expect(strongestPath(g, cn, us, { direction: 'out' }).found).toBe(false);
  });
});
