/**
 * Seeded, deterministic pseudo-random numbers for the simulator (never Math.random).
 * sfc32 (Chris Doty-Humphrey's small fast counting generator, 128-bit state) seeded by
 * splitmix32 from a 32-bit integer; streams are derived from the seed and a label so that
 * each part of the world (a day, a scheme, a background party) draws from its own stream and
 * adding one part never shifts the numbers another part sees.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  float(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks an item with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Standard normal scaled: mean + sd * N(0, 1) (Box-Muller). */
  normal(mean: number, sd: number): number;
  /** exp(N(mu, sigma)): skewed positive amounts. */
  lognormal(mu: number, sigma: number): number;
  /** A Poisson count with the given mean (Knuth for small means, normal approximation above 50). */
  poisson(mean: number): number;
}

/** splitmix32: one well-mixed 32-bit word per call from a running 32-bit state. */
function splitmix32(state: number): [value: number, next: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return [(z ^ (z >>> 15)) >>> 0, next];
}

/** FNV-1a over a label, mixed with the seed: the seed of one named stream. */
export function deriveSeed(seed: number, ...parts: readonly (string | number)[]): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (const part of parts) {
    const s = `${part}\u001f`;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  }
  return splitmix32(h)[0];
}

export function createRng(seed: number): Rng {
  let state = seed | 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [value, next] = splitmix32(state);
    words.push(value);
    state = next;
  }
  let [a, b, c, d] = words as [number, number, number, number];
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();

  const rng: Rng = {
    float: next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    range: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (items) => {
      let total = 0;
      for (const [, w] of items) total += w;
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      const last = items[items.length - 1];
      if (last === undefined) throw new Error('weighted pick from an empty list');
      return last[0];
    },
    normal: (mean, sd) => {
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    lognormal: (mu, sigma) => Math.exp(rng.normal(mu, sigma)),
    poisson: (mean) => {
      if (mean <= 0) return 0;
      if (mean > 50) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
  };
  return rng;
}

/** A generator for one named stream of a seeded world. */
export function streamRng(seed: number, ...parts: readonly (string | number)[]): Rng {
  return createRng(deriveSeed(seed, ...parts));
}
