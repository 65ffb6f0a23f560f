import { Command } from 'commander';
import { openStore, type StoreStats } from '../../store/index.js';
import { dbLocation, dbOption, jsonOption } from '../options.js';

export function formatStats(location: string, stats: StoreStats): string {
  const schemata = Object.entries(stats.entitiesBySchema)
    .map(([schema, n]) => `    ${schema.padEnd(16)} ${n.toLocaleString('en-US')}`)
    .join('\n');
  return [
    `store        ${location}`,
    `datasets     ${stats.datasets.join(', ') || '(none)'}`,
    `ingest runs  ${stats.runs}`,
    `shipments    ${stats.shipments.toLocaleString('en-US')}`,
    `transactions ${stats.transactions.toLocaleString('en-US')}`,
    `entities     ${stats.entities.toLocaleString('en-US')} (${stats.statements.toLocaleString('en-US')} statements)`,
    ...(schemata ? [schemata] : []),
    `alerts       ${stats.alerts.toLocaleString('en-US')}`,
  ].join('\n');
}

export function statsCommand(): Command {
  return new Command('stats')
    .description('count what the store holds: datasets, runs, shipments, transactions, entities by schema, alerts')
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  chokepoint stats\n  chokepoint stats --json --db postgres://localhost/chokepoint')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const store = await openStore(dbLocation(opts.db));
      try {
        const stats = await store.stats();
        process.stdout.write(
          opts.json
            ? `${JSON.stringify({ store: store.location, ...stats }, null, 2)}\n`
            : `${formatStats(store.location, stats)}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
