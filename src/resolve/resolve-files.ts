import { csvLine } from '../export/index.js';
import { SourceError, type Rejection } from '../ingest/index.js';
import type { InputField } from './fields.js';
import type { Matcher } from '../screening/index.js';
import { outcomeName } from './cluster.js';
import { FIELD_COUNT, LEVELS } from './compare.js';
import { explainEvidence, pairEvidence } from './explain.js';
import { probabilityOf } from './fellegi-sunter.js';
import { AtomicFile } from './output.js';
import { FIELDS, foldHeader, type ResolutionPolicy } from './policy.js';
import { readRecordFile, sourceNames, type FileReport } from './read-records.js';
import { RecordTableBuilder } from './record-table.js';
import { resolveRecords, type Resolution, type ResolveStats } from './resolve.js';

export const CLUSTERS_HEADER = ['source', 'record_id', 'cluster_id'] as const;
export const PAIRS_HEADER = [
  'source_a',
  'record_id_a',
  'source_b',
  'record_id_b',
  'match_weight',
  'probability',
  'outcome',
  'cluster_id_a',
  'cluster_id_b',
  ...FIELDS.flatMap((f) => [`${f}_level`, `${f}_weight`]),
  'explanation',
] as const;

export interface ResolveFilesOptions {
  readonly policy: ResolutionPolicy;
  readonly matcher: Matcher;
  readonly out: string;
  readonly explain?: string;
  readonly threshold?: number;
  readonly map?: Readonly<Record<string, string>>;
  readonly onRejection?: (r: Rejection) => void;
}

export interface ResolveFilesSummary {
  readonly files: readonly FileReport[];
  readonly out: string;
  readonly explain: string | null;
  readonly policy: string;
  readonly threshold: number;
  readonly rejected: number;
  readonly model: { readonly prior: number; readonly iterations: number; readonly converged: boolean };
  readonly weights: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly stats: ResolveStats;
  readonly seconds: number;
}

/** Reads record CSVs, resolves them and writes `source, record_id, cluster_id` (and the pairs). */
export async function resolveFiles(files: readonly string[], options: ResolveFilesOptions): Promise<ResolveFilesSummary> {
  const started = performance.now();
  const builder = new RecordTableBuilder(options.matcher);
  const reports: FileReport[] = [];
  let rejected = 0;
  const sources = sourceNames(files);
  for (let i = 0; i < files.length; i++)
    reports.push(
      await readRecordFile(files[i] ?? '', sources[i] ?? '', builder, options.policy.data, {
        ...(options.map === undefined ? {} : { map: options.map }),
        onRejection: (r) => {
          rejected++;
          options.onRejection?.(r);
        },
      }),
    );
  for (const [field, column] of Object.entries(options.map ?? {}))
    if (!reports.some((r) => (r.columns[field as InputField] ?? []).some((c) => foldHeader(c) === foldHeader(column))))
      throw new SourceError(files.join(', '), 1, `--map ${field}=${column}: no file has a column "${column}"`);
  const resolution = resolveRecords(builder.build(), {
    policy: options.policy,
    matcher: options.matcher,
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
  });
  await writeClusters(resolution, options.out);
  if (options.explain !== undefined) await writePairs(resolution, options.explain);
  return {
    files: reports,
    out: options.out,
    explain: options.explain ?? null,
    policy: options.policy.stamp,
    threshold: resolution.threshold,
    rejected,
    model: { prior: resolution.model.prior, iterations: resolution.model.iterations, converged: resolution.model.converged },
    weights: weightTable(resolution),
    stats: resolution.stats,
    seconds: (performance.now() - started) / 1000,
  };
}

/** field → level → bits, rounded: the trained model in a form a reader can check. */
export function weightTable(resolution: Resolution): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  FIELDS.forEach((field, f) => {
    const row: Record<string, number> = {};
    LEVELS[field].forEach((level, l) => {
      if (l > 0) row[level] = Math.round((resolution.weights.weight[f]?.[l] ?? 0) * 100) / 100;
    });
    out[field] = row;
  });
  return out;
}

/** One row per record, in input order. */
async function writeClusters(resolution: Resolution, path: string): Promise<void> {
  const t = resolution.table;
  const out = new AtomicFile(path);
  try {
    await out.write(csvLine(CLUSTERS_HEADER));
    for (let r = 0; r < t.size; r++)
      await out.write(csvLine([t.sources[t.source[r] ?? 0], t.recordIds[r], resolution.clusterIds[r]]));
    await out.commit();
  } catch (err) {
    await out.abort();
    throw err;
  }
}

/** Every compared pair with its levels, weights, outcome and a one-line explanation, strongest first. */
async function writePairs(resolution: Resolution, path: string): Promise<void> {
  const t = resolution.table;
  const { a, b, levels, weight } = resolution.pairs;
  const order = Array.from({ length: a.length }, (_, k) => k).sort((p, q) => (weight[q] ?? 0) - (weight[p] ?? 0) || p - q);
  const out = new AtomicFile(path);
  try {
    await out.write(csvLine(PAIRS_HEADER));
    for (const k of order) {
      const x = a[k] ?? 0;
      const y = b[k] ?? 0;
      const evidence = pairEvidence(resolution.weights, levels, k * FIELD_COUNT, resolution.pairs.nameAdjust[k] ?? 0);
      const w = weight[k] ?? 0;
      await out.write(
        csvLine([
          t.sources[t.source[x] ?? 0],
          t.recordIds[x],
          t.sources[t.source[y] ?? 0],
          t.recordIds[y],
          w.toFixed(2),
          probabilityOf(w).toFixed(4),
          outcomeName(resolution.clustering.outcome[k] ?? 0),
          resolution.clusterIds[x],
          resolution.clusterIds[y],
          ...evidence.flatMap((e) => [e.level, e.weight.toFixed(2)]),
          explainEvidence(evidence, resolution.weights.priorWeight),
        ]),
      );
    }
    await out.commit();
  } catch (err) {
    await out.abort();
    throw err;
  }
}
