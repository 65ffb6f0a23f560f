import { createWriteStream, type WriteStream } from 'node:fs';
import { Command, Option } from 'commander';
import {
  DEFAULT_BATCH_SIZE,
  ENCODINGS,
  FORMATS,
  formatRejection,
  ingestFile,
  progressBar,
  type Encoding,
  type IngestSummary,
  type Rejection,
} from '../../ingest/index.js';
import { openStore, type Store } from '../../store/index.js';
import { EXIT_FAILURE, EXIT_OK } from '../errors.js';
import { collectMap, dbLocation, dbOption, jsonOption, positiveInt } from '../options.js';
import { csvLine } from '../../export/index.js';

/** How many rejections are echoed on stderr; the rest go only to --rejects. */
const ECHOED_REJECTIONS = 10;

export interface IngestRunOptions {
  readonly format?: string;
  readonly dataset?: string;
  readonly map?: Record<string, string>;
  readonly encoding?: Encoding;
  readonly batchSize?: number;
  readonly rejects?: string;
  readonly quiet?: boolean;
}

export interface FileOutcome {
  readonly file: string;
  readonly summary?: IngestSummary;
  readonly error?: string;
}

/** Ingests files one by one into an open store; shared by `ingest` and `demo`. */
export async function ingestFiles(store: Store, files: readonly string[], options: IngestRunOptions): Promise<FileOutcome[]> {
  let rejects: WriteStream | undefined;
  if (options.rejects !== undefined) {
    rejects = createWriteStream(options.rejects);
    rejects.write(csvLine(['file', 'line', 'field', 'reason']));
  }
  let echoed = 0;
  const onRejected = (r: Rejection): void => {
    rejects?.write(csvLine([r.file, String(r.line), r.field, r.reason]));
    if (!options.quiet && echoed++ < ECHOED_REJECTIONS) process.stderr.write(`rejected ${formatRejection(r)}\n`);
  };
  const outcomes: FileOutcome[] = [];
  try {
    for (const file of files) {
      const progress = options.quiet ? undefined : progressBar(file);
      try {
        const summary = await ingestFile(store, {
          path: file,
          dataset: options.dataset,
          format: options.format,
          encoding: options.encoding,
          columnMap: options.map,
          batchSize: options.batchSize,
          onRejected,
          onProgress: (p) => progress?.update(p),
        });
        outcomes.push({ file, summary });
      } catch (err) {
        outcomes.push({ file, error: (err as Error).message });
      } finally {
        progress?.done();
      }
    }
  } finally {
    if (rejects !== undefined)
      await new Promise<void>((resolve, reject) => rejects.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
  if (echoed > ECHOED_REJECTIONS && !options.quiet) {
    process.stderr.write(
      `... ${echoed - ECHOED_REJECTIONS} more rejected${options.rejects ? ` (all in ${options.rejects})` : ' (list them all with --rejects FILE)'}\n`,
    );
  }
  return outcomes;
}

export function describeOutcome(o: FileOutcome): string {
  if (o.summary === undefined) return `${o.file}: FAILED: ${o.error}`;
  const { format, dataset, counts, seconds } = o.summary;
  return (
    `${o.file}: ${format} into dataset "${dataset}": read ${counts.read}, stored ${counts.stored}, ` +
    `unchanged ${counts.unchanged}, rejected ${counts.rejected} (${seconds.toFixed(2)} s)`
  );
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('load files into the store (FtM entities, shipments, transactions, AMLSim, AMLworld)')
    .argument('<files...>', 'files to ingest')
    .addOption(new Option('--format <id>', 'input format (default: detected from the content)').choices(FORMATS.map((f) => f.id)))
    .option('--dataset <name>', 'dataset name (default: the file name without extension)')
    .option('--map <source=target>', 'rename a CSV header to a canonical column (repeatable)', collectMap)
    .addOption(new Option('--encoding <name>', 'text encoding of the files').choices([...ENCODINGS]).default('utf8'))
    .option('--batch-size <n>', `records per transaction (default ${DEFAULT_BATCH_SIZE})`, positiveInt('--batch-size'))
    .option('--rejects <file>', 'write every rejected record (file, line, field, reason) to this CSV')
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint ingest examples/shipments.csv\n  chokepoint ingest HI-Small_Trans.csv --format amlworld-csv --rejects rejects.csv\n' +
        '  chokepoint ingest manifest.csv --map "Shipper=shipper_name" --map "HTS=hs_code" --db postgres://localhost/chokepoint\n' +
        '\nExit code 1 when any file failed or any record was rejected; good records are stored either way.',
    )
    .action(async (files: string[], opts: IngestRunOptions & { db?: string; json?: boolean }) => {
      const store = await openStore(dbLocation(opts.db));
      try {
        // --json keeps stderr quiet, except when a parent process asked for progress lines (server jobs).
        const quiet = opts.json === true && process.env['CHOKEPOINT_PROGRESS'] !== 'lines';
        const outcomes = await ingestFiles(store, files, { ...opts, quiet });
        if (opts.json) process.stdout.write(`${JSON.stringify({ store: store.location, files: outcomes }, null, 2)}\n`);
        else for (const o of outcomes) process.stdout.write(`${describeOutcome(o)}\n`);
        const bad = outcomes.some((o) => o.error !== undefined || (o.summary?.counts.rejected ?? 0) > 0);
        process.exitCode = bad ? EXIT_FAILURE : EXIT_OK;
      } finally {
        await store.close();
      }
    });
}
