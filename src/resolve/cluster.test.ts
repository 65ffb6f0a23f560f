import { describe, expect, it } from 'vitest';
import { clusterLinks, outcomeName, type ClusterOptions } from './cluster.js';

const OPTIONS: ClusterOptions = { maxClusterSize: 50, conflictWeight: -6, minMeanCrossWeight: 0, maxCrossPairs: 64 };

/** Links from (a, b, weight) triples; evidence between any two records from a table. */
function run(
  n: number,
  links: [number, number, number][],
  evidence: Record<string, number>,
  decisions = { merges: [] as [number, number][], splits: [] as [number, number][] },
  options = OPTIONS,
): { cluster: Uint32Array; outcomes: string[] } {
  const result = clusterLinks(
    n,
    {
      a: Uint32Array.from(links.map((l) => l[0])),
      b: Uint32Array.from(links.map((l) => l[1])),
      weight: Float32Array.from(links.map((l) => l[2])),
      threshold: 3,
    },
    (x, y) => evidence[`${Math.min(x, y)}-${Math.max(x, y)}`] ?? 0,
    decisions,
    options,
  );
  return { cluster: result.cluster, outcomes: [...result.outcome].map(outcomeName) };
}

describe('clustering with guards against transitive chains', () => {
  it('links a chain whose ends agree', () => {
    const { cluster } = run(
      3,
      [
        [0, 1, 20],
        [1, 2, 18],
      ],
      { '0-2': 4 },
    );
    expect(cluster[0]).toBe(cluster[2]);
  });

  it('does not chain A~B~C into one cluster when A and C conflict', () => {
    // A and B share a phone, B and C share a name; A and C have different birth dates and identifiers.
    const { cluster, outcomes } = run(
      3,
      [
        [0, 1, 20],
        [1, 2, 18],
      ],
      { '0-2': -15 },
    );
    expect(cluster[0]).toBe(cluster[1]);
    expect(cluster[2]).not.toBe(cluster[0]);
    expect(outcomes).toEqual(['merged', 'refused-conflict']);
  });

  it('keeps a long chain of records from growing into one giant cluster', () => {
    // Each record agrees with its neighbours only; records two or more apart disagree.
    const n = 40;
    const links: [number, number, number][] = [];
    const evidence: Record<string, number> = {};
    for (let i = 0; i + 1 < n; i++) links.push([i, i + 1, 15]);
    for (let i = 0; i < n; i++) for (let j = i + 2; j < n; j++) evidence[`${i}-${j}`] = -8;
    const { cluster } = run(n, links, evidence);
    const sizes = new Map<number, number>();
    for (const c of cluster) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(2);
  });

  it('refuses a merge whose pairs across disagree on average, and one past the size cap', () => {
    const weak = run(
      4,
      [
        [0, 1, 20],
        [2, 3, 20],
        [1, 2, 10],
      ],
      { '0-2': -3, '0-3': -3, '1-3': -3 },
    );
    expect(weak.outcomes[2]).toBe('refused-weak');
    const capped = run(
      3,
      [
        [0, 1, 20],
        [1, 2, 18],
      ],
      { '0-2': 5 },
      undefined,
      { ...OPTIONS, maxClusterSize: 2 },
    );
    expect(capped.outcomes[1]).toBe('refused-size');
  });

  it('respects analyst decisions: a split pair never merges, a merge holds without a link', () => {
    const split = run(2, [[0, 1, 30]], {}, { merges: [], splits: [[0, 1]] });
    expect(split.cluster[0]).not.toBe(split.cluster[1]);
    expect(split.outcomes).toEqual(['refused-split']);
    // The split also stops the pair meeting through a third record.
    const indirect = run(
      3,
      [
        [0, 2, 30],
        [1, 2, 25],
      ],
      { '0-1': 0 },
      { merges: [], splits: [[0, 1]] },
    );
    expect(indirect.cluster[0]).not.toBe(indirect.cluster[1]);
    const merged = run(3, [], {}, { merges: [[0, 2]], splits: [] });
    expect(merged.cluster[0]).toBe(merged.cluster[2]);
    expect(merged.cluster[1]).not.toBe(merged.cluster[0]);
  });

  it('does not depend on the order of the links', () => {
    const links: [number, number, number][] = [
      [0, 1, 20],
      [1, 2, 18],
      [3, 4, 12],
      [2, 3, 9],
    ];
    const evidence = { '0-2': 3, '0-3': -10, '1-3': 1, '2-4': 2, '0-4': 0, '1-4': 0 };
    const forward = run(5, links, evidence).cluster;
    const backward = run(5, [...links].reverse(), evidence).cluster;
    const groups = (c: Uint32Array): string => [...c].map((x) => [...c].indexOf(x)).join(',');
    expect(groups(backward)).toBe(groups(forward));
  });
});
