import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { DETECTORS, runDetectors } from '../../detect/index.js';
import { alertedRecords, evaluate, formatEvaluation, readTruth, type Evaluation } from '../../evaluate/index.js';
import { SCALE_NAMES, simulate, type ScaleName, type SimulationSummary } from '../../simulate/index.js';
import { openStore, type Store } from '../../store/index.js';
import { loadWorldWatchlist, WORLD_FILES } from '../../whatif/index.js';
import { EXIT_FAILURE } from '../errors.js';
import { dbLocation, dbOption, jsonOption } from '../options.js';
import { formatStats } from './stats.js';
import { describeOutcome, ingestFiles, type FileOutcome } from './ingest.js';
import { formatSummary, parseSeed } from './simulate.js';

/** The examples folder shipped with the package (same relative place from src/ and dist/). */
export const EXAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../examples');

export function exampleFiles(dir = EXAMPLES_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(csv|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

interface Highlights {
  shipmentsByRoute: Record<string, number>;
  deMinimisShipments: number;
  declaredValueUsd: number;
  paymentsUsdByChannel: Record<string, number>;
}

/** A few figures an analyst looks at first; later issues replace this with alerts. */
async function highlights(store: Store): Promise<Highlights> {
  const h: Highlights = { shipmentsByRoute: {}, deMinimisShipments: 0, declaredValueUsd: 0, paymentsUsdByChannel: {} };
  for await (const s of store.iterateShipments()) {
    const route = [s.originCountry ?? '?', ...s.transitCountries, s.consigneeCountry ?? '?'].join(' > ');
    h.shipmentsByRoute[route] = (h.shipmentsByRoute[route] ?? 0) + 1;
    if (s.entryType === 'de_minimis') h.deMinimisShipments++;
    h.declaredValueUsd += s.declaredValueUsd ?? 0;
  }
  for await (const t of store.iterateTransactions()) {
    const channel = t.channel ?? 'unknown';
    h.paymentsUsdByChannel[channel] = (h.paymentsUsdByChannel[channel] ?? 0) + (t.amountUsd ?? 0);
  }
  return h;
}

function formatHighlights(h: Highlights): string {
  const usd = (n: number): string => `$${Math.round(n).toLocaleString('en-US')}`;
  const routes = Object.entries(h.shipmentsByRoute)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([r, n]) => `    ${String(n).padStart(4)}  ${r}`);
  const channels = Object.entries(h.paymentsUsdByChannel)
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `    ${c.padEnd(16)} ${usd(n)}`);
  return [
    'Top shipment routes (origin > transit > consignee):',
    ...routes,
    `De minimis shipments: ${h.deMinimisShipments}; declared value of all shipments: ${usd(h.declaredValueUsd)}`,
    'Payments by channel (USD):',
    ...channels,
  ].join('\n');
}

interface DemoOptions {
  db?: string;
  json?: boolean;
  examples?: boolean;
  world: string;
  seed: number;
  scale: ScaleName;
}

interface DemoWorld {
  summary: SimulationSummary;
  detectors: Record<string, number>;
  evaluation: Evaluation;
}

/** Simulates the world, ingests it, runs every registered detector and scores the alerts against the truth. */
async function demoWorld(store: Store, opts: DemoOptions): Promise<{ outcomes: FileOutcome[]; world: DemoWorld }> {
  const summary = await simulate({ outDir: opts.world, seed: opts.seed, scale: opts.scale });
  const files = WORLD_FILES.map((f) => join(opts.world, f.file));
  const outcomes = await ingestFiles(store, files, { dataset: 'demo-world', quiet: opts.json === true });
  await loadWorldWatchlist(store, opts.world);
  const detectors = await runDetectors(store, DETECTORS);
  const alerts = await store.listAlerts({ limit: Number.MAX_SAFE_INTEGER });
  const claims = new Map(DETECTORS.map((d) => [d.id, d.typologies]));
  const evaluation = evaluate(
    await readTruth(join(opts.world, 'truth.csv')),
    await alertedRecords(alerts, store),
    'all alerts',
    claims,
  );
  return { outcomes, world: { summary, detectors, evaluation } };
}

function formatWorld(w: DemoWorld): string {
  const raised = Object.entries(w.detectors);
  return [
    'Simulated world (ground truth in truth.csv):',
    formatSummary(w.summary),
    '',
    raised.length === 0
      ? 'Detectors: none registered yet'
      : `Detectors: ${raised.map(([id, n]) => `${id} raised ${n} alerts`).join('; ')}`,
    formatEvaluation(w.evaluation),
  ].join('\n');
}

export function demoCommand(): Command {
  return new Command('demo')
    .description('simulate a small world, ingest it, run the detectors and score them against the truth; or ingest examples/')
    .addOption(dbOption())
    .option('--world <dir>', 'where the simulated world is written', 'chokepoint-world')
    .option('--seed <n>', 'simulator seed', parseSeed, 1)
    .addOption(new Option('--scale <name>', 'world size').choices(SCALE_NAMES).default('small'))
    .option('--examples', 'ingest the hand-written files under examples/ instead of a simulated world')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint demo\n  chokepoint demo --db /tmp/demo.db --world /tmp/world --scale tiny --json\n  chokepoint demo --examples',
    )
    .action(async (opts: DemoOptions) => {
      const store = await openStore(dbLocation(opts.db));
      try {
        let outcomes: FileOutcome[];
        let world: DemoWorld | undefined;
        if (opts.examples) {
          outcomes = await ingestFiles(store, exampleFiles(), { dataset: 'examples', quiet: opts.json === true });
        } else {
          ({ outcomes, world } = await demoWorld(store, opts));
        }
        const stats = await store.stats();
        const h = await highlights(store);
        if (opts.json) {
          process.stdout.write(
            `${JSON.stringify({ store: store.location, files: outcomes, stats, highlights: h, world }, null, 2)}\n`,
          );
        } else {
          process.stdout.write(
            [
              opts.examples ? 'Chokepoint demo: ingesting the examples' : 'Chokepoint demo: a simulated world',
              ...outcomes.map(describeOutcome),
              '',
              formatStats(store.location, stats),
              '',
              formatHighlights(h),
              ...(world === undefined ? [] : ['', formatWorld(world)]),
              '',
              `Next: chokepoint stats --db ${store.location} | chokepoint evaluate --truth ${join(opts.world, 'truth.csv')} --alerts ${store.location} | chokepoint whatif --help`,
            ].join('\n') + '\n',
          );
        }
        if (outcomes.some((o) => o.error !== undefined || (o.summary?.counts.rejected ?? 0) > 0)) process.exitCode = EXIT_FAILURE;
      } finally {
        await store.close();
      }
    });
}
