import { FIELD_COUNT, LEVELS } from './compare.js';
import { FIELDS, type Field } from './policy.js';

/**
 * The Fellegi–Sunter model: for each field and level, m = P(level | the records match) and
 * u = P(level | they do not), and the prior share of matches among candidate pairs. A level's
 * weight is log2(m/u) bits; "missing" weighs 0. Fields are treated as independent given the
 * match status (the model's assumption; correlated fields, such as phone and e-mail, overcount).
 */
export interface FellegiSunterModel {
  /** m[field][level], u[field][level]; index 0 (missing) is unused and 0. */
  readonly m: readonly (readonly number[])[];
  readonly u: readonly (readonly number[])[];
  /** Share of matches among the candidate pairs the blocking produced. */
  readonly prior: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface FieldWeights {
  /** weight[field][level] in bits. */
  readonly weight: readonly (readonly number[])[];
  /** log2(prior / (1 - prior)). */
  readonly priorWeight: number;
}

const FLOOR = 1e-6;
const clampP = (p: number): number => Math.min(1 - FLOOR, Math.max(FLOOR, p));

export function weightsOf(model: FellegiSunterModel): FieldWeights {
  return {
    weight: FIELDS.map((_, f) =>
      LEVELS[FIELDS[f] as Field].map((__, l) =>
        l === 0 ? 0 : Math.log2(clampP(model.m[f]?.[l] ?? FLOOR) / clampP(model.u[f]?.[l] ?? FLOOR)),
      ),
    ),
    priorWeight: Math.log2(model.prior / (1 - model.prior)),
  };
}

/** The sum of a pair's level weights (its Bayes factor in bits), without the prior. */
export function evidenceWeight(weights: FieldWeights, levels: Uint8Array, at: number): number {
  let sum = 0;
  for (let f = 0; f < FIELD_COUNT; f++) sum += weights.weight[f]?.[levels[at + f] ?? 0] ?? 0;
  return sum;
}

/**
 * Term-frequency correction of an exact name agreement, in bits (0 or negative): the agreement's
 * u is at least the share of records carrying that name, so a common name counts for less.
 */
export function nameFrequencyAdjustment(model: FellegiSunterModel, share: number): number {
  const u = clampP(model.u[NAME_FIELD]?.[1] ?? FLOOR);
  return share > u ? Math.log2(u / share) : 0;
}

export function probabilityOf(matchWeight: number): number {
  return 1 / (1 + 2 ** -matchWeight);
}

/** Bits a pair needs (prior included) to reach a match probability. */
export function weightForProbability(p: number): number {
  return Math.log2(p / (1 - p));
}

/**
 * Distinct comparison vectors and how many pairs show each: EM works on these, not on pairs, so
 * an iteration over millions of pairs is an iteration over a few thousand patterns.
 */
export interface PatternCounts {
  readonly patterns: readonly Uint8Array[];
  readonly counts: readonly number[];
}

export function countPatterns(levels: Uint8Array, pairs: number): PatternCounts {
  const index = new Map<number, number>();
  const patterns: Uint8Array[] = [];
  const counts: number[] = [];
  for (let p = 0; p < pairs; p++) {
    const at = p * FIELD_COUNT;
    let key = 0;
    for (let f = 0; f < FIELD_COUNT; f++) key = key * 8 + (levels[at + f] ?? 0);
    const i = index.get(key);
    if (i === undefined) {
      index.set(key, patterns.length);
      patterns.push(levels.slice(at, at + FIELD_COUNT));
      counts.push(1);
    } else counts[i] = (counts[i] ?? 0) + 1;
  }
  return { patterns, counts };
}

/**
 * u to fall back on where data is scarce: how often two unrelated records agree by chance. Names,
 * addresses, dates and contacts rarely do; countries often.
 */
export const DEFAULT_U: Readonly<Record<Field, readonly number[]>> = {
  name: [0, 0.001, 0.002, 0.02, 0.977],
  address: [0, 0.001, 0.01, 0.989],
  date: [0, 0.0005, 0.005, 0.9945],
  identifier: [0, 0.0001, 0.9999],
  country: [0, 0.1, 0.9],
  phone: [0, 0.0005, 0.002, 0.9975],
  email: [0, 0.0005, 0.002, 0.9975],
};

/**
 * u from pairs of random records (nearly all of them non-matches), blended with DEFAULT_U worth
 * `pseudoPairs` pairs. `distinct` is how many different pairs the records allow: drawing 200,000
 * pairs from ten records is worth 45, not 200,000.
 */
export function estimateU(random: PatternCounts, pseudoPairs = 0, distinct = Number.POSITIVE_INFINITY): number[][] {
  const drawn = random.counts.reduce((s, c) => s + c, 0);
  const scale = drawn === 0 ? 0 : Math.min(1, distinct / drawn);
  return FIELDS.map((field, f) => {
    const levels = LEVELS[field].length;
    const counts = new Array<number>(levels).fill(0);
    random.patterns.forEach((p, i) => {
      const l = p[f] ?? 0;
      counts[l] = (counts[l] ?? 0) + (random.counts[i] ?? 0) * scale;
    });
    const present = counts.reduce((s, c, l) => (l === 0 ? s : s + c), 0);
    const fallback = DEFAULT_U[field];
    return counts.map((c, l) =>
      l === 0 ? 0 : clampP((c + 0.5 + pseudoPairs * (fallback[l] ?? 0)) / (present + 0.5 * (levels - 1) + pseudoPairs)),
    );
  });
}

/**
 * Where EM starts: matches agree exactly (0.9), rarely fall in between (0.08 shared by the
 * intermediate levels) and seldom disagree outright (0.02). Starting "different" low matters:
 * from a lax start, pairs that share only a common name pull m(different) up and EM settles on
 * "same name" as its match class.
 */
function initialM(): number[][] {
  return FIELDS.map((field) => {
    const levels = LEVELS[field].length;
    const middle = levels - 3;
    return LEVELS[field].map((_, l) => {
      if (l === 0) return 0;
      if (l === 1) return middle === 0 ? 0.98 : 0.9;
      if (l === levels - 1) return 0.02;
      return 0.08 / middle;
    });
  });
}

export interface TrainOptions {
  readonly maxIterations: number;
  readonly tolerance: number;
  readonly initialPrior: number;
  /** The learnt prior is kept at or below this (default 1 - 1e-6). */
  readonly maxPrior?: number;
  /** Weight, in pairs, of the starting m in every M step (see DEFAULT_U for u). */
  readonly pseudoPairs?: number;
  /** Fields (by index) left out of the likelihood: their m stays where it started. */
  readonly ignore?: readonly number[];
}

/** Log-odds of a pattern, fields in `skip` left out. */
function logOddsOf(
  pattern: Uint8Array,
  m: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
  prior: number,
  skip: ReadonlySet<number>,
): number {
  let logOdds = Math.log(prior / (1 - prior));
  for (let f = 0; f < FIELD_COUNT; f++) {
    const l = pattern[f] ?? 0;
    if (l === 0 || skip.has(f)) continue;
    logOdds += Math.log(clampP(m[f]?.[l] ?? FLOOR) / clampP(u[f]?.[l] ?? FLOOR));
  }
  return logOdds;
}

/** The M step for the fields in `fields`: level shares weighted by each pattern's match mass. */
function levelShares(
  candidates: PatternCounts,
  mass: readonly number[],
  f: number,
  start: readonly number[] = [],
  pseudo = 0,
): number[] {
  const row = new Array<number>(LEVELS[FIELDS[f] as Field].length).fill(0);
  candidates.patterns.forEach((pattern, i) => {
    const l = pattern[f] ?? 0;
    row[l] = (row[l] ?? 0) + (mass[i] ?? 0);
  });
  const present = row.reduce((s, x, l) => (l === 0 ? s : s + x), 0) + pseudo;
  return row.map((x, l) => (l === 0 || present === 0 ? 0 : clampP((x + pseudo * (start[l] ?? 0)) / present)));
}

/**
 * Expectation–maximisation over the candidate pairs' patterns with u held at its random-pair
 * estimate: the E step gives each pattern its match probability, the M step re-estimates m and
 * the prior from them. Missing levels take no part (their factor is 1 in both classes).
 * Converged when no m and not the prior moves by more than the tolerance.
 */
export function trainEm(candidates: PatternCounts, u: readonly (readonly number[])[], options: TrainOptions): FellegiSunterModel {
  const start = initialM();
  let m = start;
  let prior = options.initialPrior;
  const skip = new Set(options.ignore ?? []);
  const total = candidates.counts.reduce((s, c) => s + c, 0);
  if (total === 0) return { m, u, prior, iterations: 0, converged: true };
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const mass = candidates.patterns.map(
      (pattern, i) => (candidates.counts[i] ?? 0) / (1 + Math.exp(-logOddsOf(pattern, m, u, prior, skip))),
    );
    const next = FIELDS.map((_, f) =>
      skip.has(f) ? [...(m[f] ?? [])] : levelShares(candidates, mass, f, start[f], options.pseudoPairs ?? 0),
    );
    const nextPrior = Math.min(options.maxPrior ?? 1, clampP(mass.reduce((s, x) => s + x, 0) / total));
    let change = Math.abs(nextPrior - prior);
    next.forEach((row, f) => row.forEach((x, l) => (change = Math.max(change, Math.abs(x - (m[f]?.[l] ?? 0))))));
    m = next;
    prior = nextPrior;
    if (change < options.tolerance) return { m, u, prior, iterations: iteration, converged: true };
  }
  return { m, u, prior, iterations: options.maxIterations, converged: false };
}

/** Index of the name field: the field blocking mostly conditions on. */
export const NAME_FIELD = FIELDS.indexOf('name');

/**
 * Training in two steps, because blocking pairs records mostly on their names. Among candidate
 * pairs, non-matches agree on names far more often than random pairs do, so with u from random
 * pairs plain EM takes "same name" for "same entity". First, EM with the name left out learns m
 * for every other field and the share of matches; then m for the name is the level distribution
 * among pairs weighted by their match probability from the other fields (one M step).
 */
export function trainModel(
  candidates: PatternCounts,
  u: readonly (readonly number[])[],
  options: TrainOptions,
): FellegiSunterModel {
  const others = trainEm(candidates, u, { ...options, ignore: [NAME_FIELD] });
  const skip = new Set([NAME_FIELD]);
  const mass = candidates.patterns.map(
    (pattern, i) => (candidates.counts[i] ?? 0) / (1 + Math.exp(-logOddsOf(pattern, others.m, u, others.prior, skip))),
  );
  const start = initialM();
  const m = others.m.map((row, f) =>
    f === NAME_FIELD ? levelShares(candidates, mass, f, start[f], options.pseudoPairs ?? 0) : row,
  );
  return { ...others, m };
}
