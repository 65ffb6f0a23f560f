import { Command } from 'commander';
import { DETECTORS, runDetectors, type Detector } from '../../detect/index.js';
import { loadChemistry } from '../../knowledge/index.js';
import { openStore } from '../../store/index.js';
import { loadPolicy, PolicyError, TRADE_DETECTOR_ID, tradeScreeningDetector } from '../../trade/index.js';
import { storeWatchlistHook } from '../../watchlist/index.js';
import { dbLocation, dbOption, jsonOption } from '../options.js';

export function analyzeCommand(): Command {
  return new Command('analyze')
    .description('run the registered detectors over the store and write their alerts')
    .addOption(dbOption())
    .option('--policy <file>', 'trade-screening policy JSON for the trade-screening detector (default: the bundled one)')
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  chokepoint analyze\n  chokepoint analyze --db world.db --policy my-policy.json --json')
    .action(async (opts: { db?: string; policy?: string; json?: boolean }) => {
      let policy;
      try {
        policy = loadPolicy(opts.policy);
      } catch (err) {
        if (!(err instanceof PolicyError)) throw err;
        process.stderr.write(`chokepoint: ${err.message}\n`);
        process.exitCode = 1;
        return;
      }
      const chemistry = await loadChemistry();
      // The registered trade detector runs with the chosen policy and the structure checks loaded.
      const detectors: Detector[] = DETECTORS.map((d) =>
        d.id === TRADE_DETECTOR_ID ? tradeScreeningDetector({ policy, chemistry, watchlistFromStore: storeWatchlistHook }) : d,
      );
      const store = await openStore(dbLocation(opts.db));
      try {
        const started = performance.now();
        const raised = await runDetectors(store, detectors);
        const seconds = (performance.now() - started) / 1000;
        if (opts.json)
          process.stdout.write(`${JSON.stringify({ store: store.location, policy: policy.stamp, raised, seconds }, null, 2)}\n`);
        else {
          const lines = detectors.map((d) => `    ${d.id.padEnd(24)} ${(raised[d.id] ?? 0).toLocaleString('en-US')} alerts`);
          process.stdout.write(
            [
              `store        ${store.location}`,
              `policy       ${policy.stamp}`,
              'detectors',
              ...lines,
              `seconds      ${seconds.toFixed(1)}`,
            ].join('\n') + '\n',
          );
        }
      } finally {
        await store.close();
      }
    });
}
