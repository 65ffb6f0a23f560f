import { describe, expect, it } from 'vitest';
import { communities } from './communities.js';

describe('communities', () => {
  it('puts two triangles joined by one edge into two communities', () => {
    const nodes = ['a', 'b', 'c', 'x', 'y', 'z'];
    const edges: [string, string][] = [
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'c'],
      ['x', 'y'],
      ['y', 'z'],
      ['x', 'z'],
      ['c', 'x'],
    ];
    const c = communities(nodes, edges);
    expect(c.get('a')).toBe(c.get('b'));
    expect(c.get('b')).toBe(c.get('c'));
    expect(c.get('y')).toBe(c.get('z'));
    expect(c.get('a')).not.toBe(c.get('y'));
  });

  it('leaves isolated nodes alone and is deterministic', () => {
    const nodes = ['q', 'p', 'r'];
    const edges: [string, string][] = [['p', 'r']];
    const once = communities(nodes, edges);
    expect(once.get('q')).toBe('q');
    expect(once.get('p')).toBe(once.get('r'));
    expect([...communities(nodes, edges)]).toEqual([...once]);
  });
});
