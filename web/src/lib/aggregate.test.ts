import { describe, expect, it } from 'vitest';
import { crossCount } from './aggregate.js';

describe('crossCount', () => {
  it('counts each key per series, with sorted keys and series', () => {
    const rows = [
      { d: 'net', l: 'high' },
      { d: 'trade', l: 'low' },
      { d: 'net', l: 'high' },
      { d: 'net', l: 'low' },
    ];
    const x = crossCount(
      rows,
      (r) => r.d,
      (r) => r.l,
    );
    expect(x.keys).toEqual(['net', 'trade']);
    expect(x.series).toEqual(['high', 'low']);
    expect(x.counts).toEqual({ high: { net: 2 }, low: { trade: 1, net: 1 } });
  });

  it('is empty for no rows', () => {
    expect(crossCount([], String, String)).toEqual({ keys: [], series: [], counts: {} });
  });
});
