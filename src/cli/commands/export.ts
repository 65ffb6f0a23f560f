import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { entitiesToFtm, shipmentsToCsv, transactionsToCsv } from '../../export/index.js';
import { openStore, type Store } from '../../store/index.js';
import { UsageError } from '../errors.js';
import { dbLocation, dbOption } from '../options.js';

type Kind = 'entities' | 'shipments' | 'transactions';

function lines(store: Store, format: 'ftm' | 'csv', kind: Kind): AsyncIterable<string> {
  if (format === 'ftm') {
    if (kind !== 'entities')
      throw new UsageError('--format ftm exports entities only (FtM has no shipment or payment rows); use --format csv');
    return entitiesToFtm(store.iterateEntities());
  }
  if (kind === 'shipments') return shipmentsToCsv(() => store.iterateShipments());
  if (kind === 'transactions') return transactionsToCsv(store.iterateTransactions());
  throw new UsageError('--format csv exports --kind shipments or --kind transactions; entities export as --format ftm');
}

export function exportCommand(): Command {
  return new Command('export')
    .description('write stored records out: entities as an FtM stream, shipments or transactions as canonical CSV')
    .addOption(new Option('--format <format>', 'output format').choices(['ftm', 'csv']).makeOptionMandatory())
    .addOption(new Option('--kind <kind>', 'what to export').choices(['entities', 'shipments', 'transactions']))
    .option('--out <file>', 'write to this file (atomically: a temporary file renamed at the end) instead of stdout')
    .addOption(dbOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint export --format ftm > entities.ftm.json\n  chokepoint export --format csv --kind shipments --out shipments.csv',
    )
    .action(async (opts: { format: 'ftm' | 'csv'; kind?: Kind; out?: string; db?: string }) => {
      const kind: Kind = opts.kind ?? (opts.format === 'ftm' ? 'entities' : 'shipments');
      const store = await openStore(dbLocation(opts.db));
      try {
        const source = Readable.from(lines(store, opts.format, kind));
        if (opts.out === undefined) {
          await pipeline(source, process.stdout as Writable, { end: false });
          return;
        }
        const partial = `${opts.out}.partial-${process.pid}`;
        try {
          await pipeline(source, createWriteStream(partial));
          await rename(partial, opts.out);
        } catch (err) {
          await rm(partial, { force: true });
          throw err;
        }
      } finally {
        await store.close();
      }
    });
}
