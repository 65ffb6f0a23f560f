import { describe, expect, it } from 'vitest';
import { dollars } from './rule.js';

describe('dollars', () => {
  it('writes what Math.round(x).toLocaleString("en-US") writes', () => {
    const values = [
      0,
      -0,
      0.4,
      -0.4,
      0.5,
      -0.5,
      999.5,
      1_000,
      12_345.67,
      -9_876_543.2,
      1e15,
      2 ** 53,
      1e21,
      Number.NaN,
      Infinity,
    ];
    let x = 3;
    for (let k = 0; k < 2_000; k++) {
      x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
      values.push(((x / 2 ** 32) * 2 - 1) * 10 ** (k % 13));
    }
    for (const v of values) expect(dollars(v)).toBe(Math.round(v).toLocaleString('en-US'));
  });
});
