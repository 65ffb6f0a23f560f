import { Command, Option } from 'commander';
import {
  LEVER_DOCS,
  SCALE_NAMES,
  SCENARIOS,
  SimulationInputError,
  isScaleName,
  simulate,
  type SimulationSummary,
} from '../../simulate/index.js';
import { UsageError } from '../errors.js';
import { jsonOption } from '../options.js';

export function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n > 0xffffffff)
    throw new UsageError(`--seed expects an integer from 0 to 4294967295, got "${value}"`);
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  if (!value.includes('=')) throw new UsageError(`--set expects lever=value, got "${value}"`);
  return [...previous, value];
}

export function formatSummary(s: SimulationSummary): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const schemes = Object.entries(s.schemes)
    .map(([typology, count]) => `    ${typology.padEnd(28)} ${count}`)
    .join('\n');
  return [
    `world        ${s.outDir} (seed ${s.seed}, scale ${s.scale}, scenario ${s.scenario}, simulator ${s.version})`,
    `period       ${s.startDate} + ${s.days} days`,
    `shipments    ${n(s.counts.shipments)} (${n(s.illicit.shipments)} planted)`,
    `transactions ${n(s.counts.transactions)} (${n(s.illicit.transactions)} planted)`,
    `entities     ${n(s.counts.entities)}`,
    `truth rows   ${n(s.counts.truth)}`,
    `watchlist    ${n(s.counts.watchlist)} designations; pacs.008 sample ${n(s.counts.pacs008)} wires`,
    `schemes`,
    schemes,
    `seconds      ${s.seconds.toFixed(1)}`,
  ].join('\n');
}

export function simulateCommand(): Command {
  const leverHelp = Object.entries(LEVER_DOCS)
    .map(([lever, doc]) => `  ${lever}: ${doc.meaning}`)
    .join('\n');
  return new Command('simulate')
    .description('write a simulated fentanyl supply-chain world with ground truth: shipments, payments, entities, truth')
    .requiredOption(
      '--out <dir>',
      'directory to write shipments.csv, transactions.csv, entities.ftm.json, truth.csv, scenario.json, watchlist.csv, payments.pacs008.xml',
    )
    .requiredOption('--seed <n>', 'random seed (same seed, scale, scenario and version: byte-identical files)', parseSeed)
    .addOption(new Option('--scale <size>', 'world size').choices(SCALE_NAMES).makeOptionMandatory())
    .addOption(new Option('--scenario <name>', 'named scenario').choices(SCENARIOS.map((s) => s.name)).default('baseline'))
    .option('--set <lever=value>', 'override a policy lever; repeatable', collect)
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  chokepoint simulate --out world --seed 1 --scale small\n' +
        '  chokepoint simulate --out world --seed 1 --scale tiny --scenario de-minimis-suspended --json\n' +
        '  chokepoint simulate --out world --seed 2 --scale medium --set lowValueThresholdUsd.CN=0 --set inspectionRate.postal=0.05\n' +
        '  chokepoint simulate --out world --seed 3 --scale small --set "lowValueThresholdUsd.default=800@2016-03-10;0@2025-08-29"\n' +
        `\nLevers (--set; lowValueThresholdUsd.<CC|default>, inspectionRate.<mode>, prcControlFrom.<chemical>):\n${leverHelp}\n` +
        `\nScenarios:\n${SCENARIOS.map((s) => `  ${s.name}: ${s.description}`).join('\n')}`,
    )
    .action(async (opts: { out: string; seed: number; scale: string; scenario: string; set?: string[]; json?: boolean }) => {
      if (!isScaleName(opts.scale)) throw new UsageError(`--scale must be one of ${SCALE_NAMES.join(', ')}`);
      let summary: SimulationSummary;
      try {
        summary = await simulate({
          outDir: opts.out,
          seed: opts.seed,
          scale: opts.scale,
          scenario: opts.scenario,
          overrides: opts.set ?? [],
        });
      } catch (err) {
        if (err instanceof SimulationInputError) throw new UsageError(err.message);
        throw err;
      }
      process.stdout.write(opts.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`);
    });
}
