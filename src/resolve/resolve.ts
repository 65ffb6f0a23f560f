import { createHash } from 'node:crypto';
import type { Matcher } from '../screening/index.js';
import { candidatePairs, type BlockingStats } from './blocking.js';
import { clusterLinks, type Clustering, type RecordDecisions } from './cluster.js';
import { FIELD_COUNT, PairComparer } from './compare.js';
import {
  countPatterns,
  estimateU,
  evidenceWeight,
  NAME_FIELD,
  nameFrequencyAdjustment,
  trainModel,
  weightForProbability,
  weightsOf,
  type FellegiSunterModel,
  type FieldWeights,
} from './fellegi-sunter.js';
import type { ResolutionPolicy } from './policy.js';
import { seededRandom } from './random.js';
import type { RecordTable } from './record-table.js';

export interface ResolveOptions {
  readonly policy: ResolutionPolicy;
  readonly matcher: Matcher;
  /** Match probability a pair needs to be linked (default: the policy's). */
  readonly threshold?: number;
  readonly decisions?: RecordDecisions;
  /** Called as each stage ends, with its name and seconds. */
  readonly onStage?: (stage: string, seconds: number) => void;
}

/** Everything a resolution produced, in columns; the pairs keep their levels for explanations. */
export interface Resolution {
  readonly table: RecordTable;
  readonly model: FellegiSunterModel;
  readonly weights: FieldWeights;
  readonly threshold: number;
  /** Match weight (bits, prior included) a pair needs to be linked. */
  readonly thresholdWeight: number;
  readonly pairs: {
    readonly a: Uint32Array;
    readonly b: Uint32Array;
    /** FIELD_COUNT levels per pair. */
    readonly levels: Uint8Array;
    /** Term-frequency correction of the name weight (bits, 0 unless the names agree exactly). */
    readonly nameAdjust: Float32Array;
    readonly weight: Float32Array;
  };
  readonly clustering: Clustering;
  /** Deterministic cluster id of every record. */
  readonly clusterIds: readonly string[];
  readonly stats: ResolveStats;
  readonly comparer: PairComparer;
}

export interface ResolveStats {
  readonly records: number;
  readonly blocking: BlockingStats;
  readonly pairsCompared: number;
  readonly randomPairs: number;
  readonly links: number;
  readonly clusters: number;
  readonly largestCluster: number;
  readonly refused: { readonly conflict: number; readonly size: number; readonly split: number; readonly weak: number };
  readonly stages: Readonly<Record<string, number>>;
}

/**
 * Resolves a table of records: blocking → comparison vectors → u from random pairs, m and the
 * prior by EM → match weights → guarded clustering → deterministic cluster ids. Pure apart from
 * the clock; the same records, policy and decisions give the same clusters.
 */
export function resolveRecords(table: RecordTable, options: ResolveOptions): Resolution {
  const policy = options.policy.data;
  const stages: Record<string, number> = {};
  let clock = performance.now();
  const stage = (name: string): void => {
    const now = performance.now();
    stages[name] = (now - clock) / 1000;
    options.onStage?.(name, stages[name]);
    clock = now;
  };

  const blocked = candidatePairs(table, options.matcher, policy);
  stage('blocking');
  const comparer = new PairComparer(table, options.matcher, policy);
  const pairCount = blocked.a.length;
  const levels = new Uint8Array(pairCount * FIELD_COUNT);
  for (let k = 0; k < pairCount; k++) comparer.compare(blocked.a[k] ?? 0, blocked.b[k] ?? 0, levels, k * FIELD_COUNT);
  stage('comparison');

  const random = seededRandom(policy.training.seed);
  const randomPairs = table.size < 2 ? 0 : policy.training.randomPairs;
  const randomLevels = new Uint8Array(randomPairs * FIELD_COUNT);
  for (let k = 0; k < randomPairs; k++) {
    const x = Math.floor(random() * table.size);
    let y = Math.floor(random() * (table.size - 1));
    if (y >= x) y++;
    comparer.compare(x, y, randomLevels, k * FIELD_COUNT);
  }
  const u = estimateU(countPatterns(randomLevels, randomPairs), policy.training.pseudoPairs, (table.size * (table.size - 1)) / 2);
  const model = trainModel(countPatterns(levels, pairCount), u, policy.training);
  const weights = weightsOf(model);
  stage('training');

  const nameAdjust = (x: number, y: number, nameLevel: number): number =>
    nameLevel === 1 ? nameFrequencyAdjustment(model, comparer.sharedNameShare(x, y)) : 0;
  const weight = new Float32Array(pairCount);
  const adjust = new Float32Array(pairCount);
  for (let k = 0; k < pairCount; k++) {
    const at = k * FIELD_COUNT;
    adjust[k] = nameAdjust(blocked.a[k] ?? 0, blocked.b[k] ?? 0, levels[at + NAME_FIELD] ?? 0);
    weight[k] = weights.priorWeight + evidenceWeight(weights, levels, at) + (adjust[k] ?? 0);
  }
  const threshold = options.threshold ?? policy.threshold;
  const thresholdWeight = weightForProbability(threshold);
  const scratch = new Uint8Array(FIELD_COUNT);
  const crossWeight = (x: number, y: number): number => {
    comparer.compare(x, y, scratch, 0);
    return evidenceWeight(weights, scratch, 0) + nameAdjust(x, y, scratch[NAME_FIELD] ?? 0);
  };
  const clustering = clusterLinks(
    table.size,
    { a: blocked.a, b: blocked.b, weight, threshold: thresholdWeight },
    crossWeight,
    options.decisions ?? { merges: [], splits: [] },
    policy.clustering,
  );
  const clusterIds = clusterIdsOf(table, clustering.cluster);
  stage('clustering');

  const sizes = new Uint32Array(table.size);
  let clusters = 0;
  let largestCluster = 0;
  for (let i = 0; i < table.size; i++) {
    const c = clustering.cluster[i] ?? i;
    if (sizes[c] === 0) clusters++;
    sizes[c] = (sizes[c] ?? 0) + 1;
    largestCluster = Math.max(largestCluster, sizes[c] ?? 0);
  }
  const count = (code: number): number => clustering.outcome.reduce((s, o) => (o === code ? s + 1 : s), 0);
  return {
    table,
    model,
    weights,
    threshold,
    thresholdWeight,
    pairs: { a: blocked.a, b: blocked.b, levels, nameAdjust: adjust, weight },
    clustering,
    clusterIds,
    comparer,
    stats: {
      records: table.size,
      blocking: blocked.stats,
      pairsCompared: pairCount,
      randomPairs,
      links: weight.reduce((s, w) => (w >= thresholdWeight ? s + 1 : s), 0),
      clusters,
      largestCluster,
      refused: { conflict: count(3), size: count(4), split: count(5), weak: count(6) },
      stages,
    },
  };
}

/** The key a record is known by across runs: its source and id. */
export function recordKey(table: RecordTable, r: number): string {
  return `${table.sources[table.source[r] ?? 0] ?? ''}\u001f${table.recordIds[r] ?? ''}`;
}

/**
 * A cluster is named after its smallest member key (source, record id), hashed: the id does not
 * depend on input order or on the run, and changes only when that member leaves the cluster.
 */
function clusterIdsOf(table: RecordTable, cluster: Uint32Array): string[] {
  const smallest = new Map<number, string>();
  for (let r = 0; r < table.size; r++) {
    const c = cluster[r] ?? r;
    const key = recordKey(table, r);
    const current = smallest.get(c);
    if (current === undefined || key < current) smallest.set(c, key);
  }
  const names = new Map<number, string>();
  for (const [c, key] of smallest) names.set(c, `C${createHash('sha1').update(key).digest('hex').slice(0, 15)}`);
  const out = new Array<string>(table.size);
  for (let r = 0; r < table.size; r++) out[r] = names.get(cluster[r] ?? r) ?? '';
  return out;
}
