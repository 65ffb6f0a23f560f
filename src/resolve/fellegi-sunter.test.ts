import { describe, expect, it } from 'vitest';
import { FIELD_COUNT, LEVELS } from './compare.js';
import { countPatterns, estimateU, trainEm, trainModel, weightsOf } from './fellegi-sunter.js';
import { FIELDS } from './policy.js';
import { seededRandom } from './random.js';

/** True m and u per field (level 0 = missing is drawn separately). */
const TRUE_M = FIELDS.map((f) =>
  LEVELS[f].length === 5 ? [0, 0.7, 0.2, 0.07, 0.03] : LEVELS[f].length === 4 ? [0, 0.85, 0.1, 0.05] : [0, 0.95, 0.05],
);
const TRUE_U = FIELDS.map((f) =>
  LEVELS[f].length === 5 ? [0, 0.01, 0.02, 0.07, 0.9] : LEVELS[f].length === 4 ? [0, 0.002, 0.02, 0.978] : [0, 0.05, 0.95],
);

function draw(random: () => number, probabilities: readonly number[]): number {
  let x = random();
  for (let l = 1; l < probabilities.length; l++) {
    x -= probabilities[l] ?? 0;
    if (x < 0) return l;
  }
  return probabilities.length - 1;
}

/** Pairs drawn from the model itself: `share` of them matches, 20 % of values missing. */
function synthetic(pairs: number, share: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const out = new Uint8Array(pairs * FIELD_COUNT);
  for (let p = 0; p < pairs; p++) {
    const match = random() < share;
    for (let f = 0; f < FIELD_COUNT; f++)
      out[p * FIELD_COUNT + f] = random() < 0.2 ? 0 : draw(random, (match ? TRUE_M : TRUE_U)[f] ?? []);
  }
  return out;
}

const OPTIONS = { maxIterations: 200, tolerance: 1e-6, initialPrior: 0.1 };

describe('Fellegi–Sunter training by EM', () => {
  it('recovers m and the share of matches from unlabelled pairs, with u from random pairs', () => {
    const u = estimateU(countPatterns(synthetic(50_000, 0, 1), 50_000));
    const candidates = countPatterns(synthetic(40_000, 0.3, 2), 40_000);
    const model = trainEm(candidates, u, OPTIONS);
    expect(model.converged).toBe(true);
    expect(model.prior).toBeGreaterThan(0.27);
    expect(model.prior).toBeLessThan(0.33);
    FIELDS.forEach((_, f) => {
      for (let l = 1; l < (TRUE_M[f]?.length ?? 0); l++)
        expect(Math.abs((model.m[f]?.[l] ?? 0) - (TRUE_M[f]?.[l] ?? 0))).toBeLessThan(0.03);
    });
    // Sensible weights: agreement for, disagreement against, exact above close.
    const w = weightsOf(model).weight;
    for (const row of w) {
      expect(row[1] ?? 0).toBeGreaterThan(3);
      expect(row[row.length - 1] ?? 0).toBeLessThan(-2);
    }
  });

  it('u from random pairs matches the non-match distribution', () => {
    const u = estimateU(countPatterns(synthetic(50_000, 0, 3), 50_000));
    FIELDS.forEach((_, f) => {
      for (let l = 1; l < (TRUE_U[f]?.length ?? 0); l++)
        expect(Math.abs((u[f]?.[l] ?? 0) - (TRUE_U[f]?.[l] ?? 0))).toBeLessThan(0.01);
    });
  });

  it('trains the name apart when blocking made non-matches agree on names', () => {
    // Candidate non-matches share their name far more often than random pairs (blocking on it).
    const random = seededRandom(4);
    const pairs = 30_000;
    const levels = synthetic(pairs, 0.25, 5);
    for (let p = 0; p < pairs; p++) if (levels[p * FIELD_COUNT + 1] === 3 && random() < 0.7) levels[p * FIELD_COUNT] = 1;
    const u = estimateU(countPatterns(synthetic(50_000, 0, 6), 50_000));
    const model = trainModel(countPatterns(levels, pairs), u, OPTIONS);
    expect(Math.abs(model.prior - 0.25)).toBeLessThan(0.03);
    // m for the name comes from pairs weighted by the other fields: near the truth despite blocking.
    expect(Math.abs((model.m[0]?.[1] ?? 0) - (TRUE_M[0]?.[1] ?? 0))).toBeLessThan(0.05);
    expect(weightsOf(model).weight[0]?.[4] ?? 0).toBeLessThan(-2);
  });

  it('stops at maxIterations and says it did not converge', () => {
    const u = estimateU(countPatterns(synthetic(5000, 0, 7), 5000));
    const model = trainEm(countPatterns(synthetic(5000, 0.3, 8), 5000), u, { ...OPTIONS, maxIterations: 1 });
    expect(model.converged).toBe(false);
    expect(model.iterations).toBe(1);
  });
});
