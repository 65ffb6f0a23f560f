import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { openStore, type Store } from '../../store/index.js';
import { EXIT_FAILURE } from '../errors.js';
import { dbLocation, dbOption, jsonOption } from '../options.js';
import { formatStats } from './stats.js';
import { describeOutcome, ingestFiles } from './ingest.js';

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

export function demoCommand(): Command {
  return new Command('demo')
    .description('ingest the example files shipped under examples/ and print a summary')
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  chokepoint demo\n  chokepoint demo --db /tmp/demo.db --json')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const store = await openStore(dbLocation(opts.db));
      try {
        const outcomes = await ingestFiles(store, exampleFiles(), { dataset: 'examples', quiet: opts.json === true });
        const stats = await store.stats();
        const h = await highlights(store);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ store: store.location, files: outcomes, stats, highlights: h }, null, 2)}\n`);
        } else {
          process.stdout.write(
            [
              'Chokepoint demo: ingesting the examples',
              ...outcomes.map(describeOutcome),
              '',
              formatStats(store.location, stats),
              '',
              formatHighlights(h),
              '',
              'Next: chokepoint stats | chokepoint export --format ftm | chokepoint ingest YOUR_FILE.csv',
            ].join('\n') + '\n',
          );
        }
        if (outcomes.some((o) => o.error !== undefined || (o.summary?.counts.rejected ?? 0) > 0)) process.exitCode = EXIT_FAILURE;
      } finally {
        await store.close();
      }
    });
}
