import { describe, expect, it } from 'vitest';
import { distinctOf, Int32Scratch } from './scratch.js';

describe('Int32Scratch', () => {
  it('hands back the first n entries zeroed, however the last user left them', () => {
    const scratch = new Int32Scratch();
    const a = scratch.zeroed(10);
    a.fill(7);
    const b = scratch.zeroed(8);
    expect([...b.subarray(0, 8)]).toEqual(new Array(8).fill(0));
    const big = scratch.zeroed(1000);
    expect(big.length).toBeGreaterThanOrEqual(1000);
    expect(big.every((x) => x === 0)).toBe(true);
  });
});

describe('distinctOf', () => {
  it('is the distinct values in order of first appearance, and leaves the marks zero', () => {
    const column = Int32Array.from([5, 3, 5, 9, 3, 0, 9]);
    const marks = new Int32Array(10);
    const rows = [6, 0, 1, 2, 3, 4, 5];
    expect(distinctOf(rows, column, marks)).toEqual([...new Set(rows.map((i) => column[i]))]);
    expect(marks.every((x) => x === 0)).toBe(true);
  });
});
