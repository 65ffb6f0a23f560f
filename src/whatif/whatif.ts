import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Detector } from '../detect/index.js';
import { runDetectors } from '../detect/index.js';
import { alertedRecords, evaluate, readTruth, topPerDay } from '../evaluate/index.js';
import { ingestFile } from '../ingest/index.js';
import { SqliteStore, type Store } from '../store/index.js';
import { loadWatchlist } from '../watchlist/index.js';
import { compareRuns, type WhatIfRow, type WhatIfRun } from './compare.js';

/** What a world writer reports back: the investigators' capacity in that world, when it has one. */
export interface WrittenWorld {
  /** Alerts the investigators review per day (the simulator's `investigatorAlertsPerDay` lever). */
  readonly alertsPerDay?: number;
}

/** Writes a simulated world's files (shipments.csv, transactions.csv, entities.ftm.json, truth.csv) to `outDir`. */
export type WorldWriter = (options: {
  readonly outDir: string;
  readonly seed: number;
  readonly scale: string;
  readonly scenario: string;
  readonly overrides: Readonly<Record<string, string>>;
}) => Promise<WrittenWorld | void>;

export interface WhatIfOptions {
  readonly scenario: string;
  readonly scale: string;
  readonly lever: string;
  readonly values: readonly string[];
  /** Seeds 1..n for every value, so settings are compared on the same worlds. */
  readonly seeds: number;
  /** Base overrides applied before the varied lever. */
  readonly overrides?: Readonly<Record<string, string>>;
  readonly detectors: readonly Detector[];
  readonly workDir: string;
  readonly keep?: boolean;
  readonly simulate: WorldWriter;
  readonly onRun?: (run: WhatIfRun) => void;
}

/** The files of a world that are ingested, in order, with their formats (a world may leave one empty). */
export const WORLD_FILES = [
  { file: 'entities.ftm.json', format: 'ftm' },
  { file: 'shipments.csv', format: 'shipments-csv' },
  { file: 'transactions.csv', format: 'transactions-csv' },
] as const;

/** The dataset name a simulated world's sanctions list is loaded under. */
export const WORLD_WATCHLIST_DATASET = 'world-sanctions';

/**
 * Loads the world's sanctions list (OFAC layout, `watchlist.csv` with its aliases) as a
 * watchlist dataset, so the watchlist detector screens the world's parties as it would a real list.
 */
export async function loadWorldWatchlist(store: Store, dir: string): Promise<number> {
  const path = join(dir, 'watchlist.csv');
  if (!existsSync(path)) return 0;
  return (await loadWatchlist(store, WORLD_WATCHLIST_DATASET, [path])).entities;
}

/** One setting on one seed: simulate → ingest → detect → evaluate. */
async function runOne(options: WhatIfOptions, value: string, seed: number): Promise<WhatIfRun> {
  const dir = join(options.workDir, `${options.lever}=${value}`.replace(/[^\w.=-]+/g, '_'), `seed-${seed}`);
  await mkdir(dir, { recursive: true });
  const written = await options.simulate({
    outDir: dir,
    seed,
    scale: options.scale,
    scenario: options.scenario,
    overrides: { ...options.overrides, [options.lever]: value },
  });
  const store = new SqliteStore(join(dir, 'world.db'));
  try {
    for (const { file, format } of WORLD_FILES) await ingestFile(store, { path: join(dir, file), format, dataset: 'world' });
    await loadWorldWatchlist(store, dir);
    await runDetectors(store, options.detectors);
    const alerts = await store.listAlerts({ limit: Number.MAX_SAFE_INTEGER });
    const truth = await readTruth(join(dir, 'truth.csv'));
    const records = await alertedRecords(alerts, store);
    const claims = new Map(options.detectors.map((d) => [d.id, d.typologies]));
    const evaluation = evaluate(truth, records, 'all alerts', claims);
    // What the investigators can actually work: the top alerts of each day, up to their capacity.
    const perDay = written?.alertsPerDay;
    const budget =
      perDay === undefined
        ? undefined
        : { perDay, evaluation: evaluate(truth, topPerDay(records, perDay), `top ${perDay} per day`, claims) };
    return { value, seed, evaluation, budget };
  } finally {
    await store.close();
    if (!options.keep) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the what-if comparison: every lever value on the same seeds, then a summary row per
 * value. Runs one after another: each already uses the machine's cores through SQLite and I/O.
 */
export async function runWhatIf(options: WhatIfOptions): Promise<{ rows: WhatIfRow[]; runs: WhatIfRun[] }> {
  const runs: WhatIfRun[] = [];
  for (const value of options.values) {
    for (let seed = 1; seed <= options.seeds; seed++) {
      const run = await runOne(options, value, seed);
      runs.push(run);
      options.onRun?.(run);
    }
  }
  return { rows: compareRuns(options.lever, options.values, runs), runs };
}
