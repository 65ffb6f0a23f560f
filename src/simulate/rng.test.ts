import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, streamRng } from './rng.js';

describe('rng', () => {
  it('is deterministic for a seed and differs between seeds and streams', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRng(seed).float);
    const a = createRng(42);
    const b = createRng(42);
    expect(Array.from({ length: 100 }, () => a.float())).toEqual(Array.from({ length: 100 }, () => b.float()));
    expect(draw(1)).not.toEqual(draw(2));
    expect(deriveSeed(1, 'day', 3)).not.toBe(deriveSeed(1, 'day', 4));
    expect(streamRng(7, 'x').float()).toBe(streamRng(7, 'x').float());
  });

  it('keeps every helper in range, with plausible means', () => {
    const rng = createRng(3);
    const n = 20_000;
    let sum = 0;
    let normal = 0;
    let poisson = 0;
    let [fMin, fMax, kMin, kMax] = [1, 0, 99, -99];
    for (let i = 0; i < n; i++) {
      const f = rng.float();
      const k = rng.int(3, 7);
      [fMin, fMax, kMin, kMax] = [Math.min(fMin, f), Math.max(fMax, f), Math.min(kMin, k), Math.max(kMax, k)];
      sum += f;
      normal += rng.normal(10, 2);
      poisson += rng.poisson(4);
    }
    expect(fMin).toBeGreaterThanOrEqual(0);
    expect(fMax).toBeLessThan(1);
    expect([kMin, kMax]).toEqual([3, 7]);
    expect(sum / n).toBeCloseTo(0.5, 1);
    expect(normal / n).toBeCloseTo(10, 0);
    expect(poisson / n).toBeCloseTo(4, 0);
    expect(rng.poisson(0)).toBe(0);
    expect(rng.lognormal(0, 0.5)).toBeGreaterThan(0);
  });

  it('picks by weight', () => {
    const rng = createRng(9);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        rng.weighted([
          ['a', 9],
          ['b', 1],
        ] as const) === 'a'
      )
        heavy++;
    expect(heavy / 10_000).toBeGreaterThan(0.87);
    expect(heavy / 10_000).toBeLessThan(0.93);
    expect(() => rng.pick([])).toThrow(/empty/);
  });
});
