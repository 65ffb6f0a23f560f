import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { DETECTORS } from '../../detect/index.js';
import { SCENARIOS, SimulationInputError, applyOverrides, isScaleName, scenarioByName, simulate } from '../../simulate/index.js';
import type { WorldWriter } from '../../whatif/index.js';
import { csvLine } from '../../export/index.js';
import { WHATIF_COLUMNS, formatComparison, runWhatIf } from '../../whatif/index.js';
import { UsageError } from '../errors.js';
import { jsonOption, positiveInt } from '../options.js';

/** `lever=v1,v2,...` into the lever and its values. */
function vary(value: string): { lever: string; values: string[] } {
  const eq = value.indexOf('=');
  const values = value
    .slice(eq + 1)
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
  if (eq <= 0 || values.length === 0) throw new UsageError(`--vary expects lever=v1,v2,..., got "${value}"`);
  return { lever: value.slice(0, eq).trim(), values };
}

/** The simulator as the harness calls it: overrides as `lever=value` assignments. */
const simulateWorld: WorldWriter = async ({ outDir, seed, scale, scenario, overrides }) => {
  if (!isScaleName(scale)) throw new UsageError(`--scale must be tiny, small, medium or large, got "${scale}"`);
  const summary = await simulate({
    outDir,
    seed,
    scale,
    scenario,
    overrides: Object.entries(overrides).map(([lever, value]) => `${lever}=${value}`),
  });
  return { alertsPerDay: summary.levers.investigatorAlertsPerDay };
};

/** Repeated `--set lever=value` into base overrides. */
function collectSet(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set expects lever=value, got "${value}"`);
  return { ...previous, [value.slice(0, eq).trim()]: value.slice(eq + 1).trim() };
}

/** Refuses an unknown scenario or a bad lever value before any world is simulated. */
function checkSettings(scenarioName: string, set: Record<string, string>, vary: { lever: string; values: string[] }): void {
  const scenario = scenarioByName(scenarioName);
  if (scenario === undefined)
    throw new UsageError(`unknown scenario "${scenarioName}" (known: ${SCENARIOS.map((s) => s.name).join(', ')})`);
  const base = Object.entries(set).map(([lever, value]) => `${lever}=${value}`);
  for (const value of vary.values) {
    try {
      applyOverrides(scenario.levers, [...base, `${vary.lever}=${value}`]);
    } catch (err) {
      if (err instanceof SimulationInputError) throw new UsageError(err.message);
      throw err;
    }
  }
}

export function whatifCommand(): Command {
  return new Command('whatif')
    .description('compare lever settings: simulate → ingest → detect → evaluate for each value and seed')
    .option('--scenario <name>', 'scenario to start from', 'baseline')
    .requiredOption('--vary <lever=v1,v2,...>', 'the lever to vary and its values', vary)
    .option('--seeds <n>', 'seeds per value (the same seeds for every value)', positiveInt('--seeds'), 3)
    .option('--scale <scale>', 'world size', 'tiny')
    .option('--set <lever=value>', 'hold another lever at a value for every run; repeatable', collectSet)
    .option('--keep <dir>', 'keep every world, store and evaluation under this folder')
    .option('--csv <file>', 'also write the comparison as CSV')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint whatif --scenario baseline --vary lowValueThresholdUsd.CN=800,0 --seeds 3\n' +
        '  chokepoint whatif --vary inspectionRate.express=0.01,0.05,0.2 --scale small --csv whatif.csv',
    )
    .action(
      async (opts: {
        scenario: string;
        vary: { lever: string; values: string[] };
        seeds: number;
        scale: string;
        set?: Record<string, string>;
        keep?: string;
        csv?: string;
        json?: boolean;
      }) => {
        checkSettings(opts.scenario, opts.set ?? {}, opts.vary);
        const workDir = opts.keep ?? (await mkdtemp(join(tmpdir(), 'chokepoint-whatif-')));
        const { rows } = await runWhatIf({
          scenario: opts.scenario,
          scale: opts.scale,
          lever: opts.vary.lever,
          values: opts.vary.values,
          seeds: opts.seeds,
          overrides: opts.set ?? {},
          detectors: DETECTORS,
          workDir,
          keep: opts.keep !== undefined,
          simulate: simulateWorld,
          onRun: (r) => {
            if (!opts.json)
              process.stderr.write(
                `${opts.vary.lever}=${r.value} seed ${r.seed}: F1 ${(r.evaluation.overall.f1 * 100).toFixed(1)}%\n`,
              );
          },
        });
        if (opts.csv !== undefined) {
          await writeFile(opts.csv, csvLine(WHATIF_COLUMNS) + rows.map((r) => csvLine(WHATIF_COLUMNS.map((c) => r[c]))).join(''));
        }
        process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : `${formatComparison(rows)}\n`);
        if (DETECTORS.length === 0 && !opts.json) {
          process.stdout.write(
            '(no detectors are registered yet: every setting scores zero until the screening and monitoring issues add them)\n',
          );
        }
      },
    );
}
