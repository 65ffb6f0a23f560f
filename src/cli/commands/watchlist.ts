import { Command, Option } from 'commander';
import { SourceError } from '../../ingest/index.js';
import { DatasetError, openStore, type DatasetVersion } from '../../store/index.js';
import {
  buildStoreScreener,
  FetchError,
  fetchWatchlists,
  loadWatchlist,
  OFAC_BASE_URL,
  UN_URL,
  WATCHLIST_SOURCES,
  type WatchlistLoad,
  type WatchlistSource,
} from '../../watchlist/index.js';
import { UsageError } from '../errors.js';
import { dbLocation, dbOption, jsonOption, positiveInt } from '../options.js';

const n = (x: number): string => x.toLocaleString('en-US');

function formatLoad(l: WatchlistLoad, verbose: boolean): string {
  const lines = [
    `dataset      ${l.name} version ${l.version} (${l.format})`,
    `source       ${l.sources.join(', ')}`,
    `entities     ${n(l.entities)}`,
    `added        ${n(l.added.length)}`,
    `removed      ${n(l.removed.length)}`,
    `changed      ${n(l.changed.length)}`,
    `unchanged    ${n(l.unchanged)}`,
    `seconds      ${l.seconds.toFixed(2)} (${n(Math.round(l.entities / Math.max(l.seconds, 1e-9)))} entities/s)`,
  ];
  if (verbose)
    for (const [label, ids] of [
      ['added', l.added],
      ['removed', l.removed],
      ['changed', l.changed],
    ] as const)
      for (const id of ids) lines.push(`  ${label.padEnd(8)} ${id}`);
  return lines.join('\n');
}

function formatList(versions: readonly DatasetVersion[]): string {
  if (versions.length === 0) return 'no datasets (load one with: chokepoint watchlist load NAME PATH)';
  const header = `${'dataset'.padEnd(20)} ${'version'.padStart(7)} ${'entities'.padStart(9)} ${'added'.padStart(7)} ${'removed'.padStart(7)} ${'changed'.padStart(7)}  loaded at                 format`;
  return [
    header,
    ...versions.map(
      (v) =>
        `${(v.current ? v.name : `  ${v.name}`).padEnd(20)} ${String(v.version).padStart(7)} ${n(v.entities).padStart(9)} ${n(v.added).padStart(7)} ${n(v.removed).padStart(7)} ${n(v.changed).padStart(7)}  ${v.loadedAt.padEnd(25)} ${v.format}`,
    ),
  ].join('\n');
}

/** Expected failures (bad file, bad name, download refused) print one line and exit 1. */
function reported(err: unknown): boolean {
  if (err instanceof SourceError || err instanceof DatasetError || err instanceof FetchError) {
    process.stderr.write(`chokepoint: ${err.message}\n`);
    process.exitCode = 1;
    return true;
  }
  return false;
}

async function loadAndReport(
  name: string,
  paths: readonly string[],
  opts: { db?: string; json?: boolean; verbose?: boolean; index?: boolean },
): Promise<WatchlistLoad> {
  const store = await openStore(dbLocation(opts.db));
  try {
    const load = await loadWatchlist(store, name, paths);
    // The candidate index over every current dataset is prepared now, so that the next
    // `analyze` or `screen names --list NAME` reads it back instead of preparing every name.
    const started = performance.now();
    const built = opts.index === false ? undefined : await buildStoreScreener(store);
    const index =
      built === undefined
        ? undefined
        : {
            names: built.screener.listedEntities.length,
            source: built.indexSource,
            seconds: (performance.now() - started) / 1000,
          };
    if (opts.json) {
      const { added, removed, changed, ...rest } = load;
      const counts = { added: added.length, removed: removed.length, changed: changed.length };
      process.stdout.write(`${JSON.stringify({ ...rest, counts, ids: { added, removed, changed }, index }, null, 2)}\n`);
    } else {
      process.stdout.write(`${formatLoad(load, opts.verbose === true)}\n`);
      if (index !== undefined)
        process.stdout.write(
          `index        ${n(index.names)} screenable entities of every current dataset, ${index.source === 'store' ? 'already stored' : 'built and stored'} in ${index.seconds.toFixed(2)} s\n`,
        );
    }
    return load;
  } finally {
    await store.close();
  }
}

function loadCommand(): Command {
  return new Command('load')
    .description('load list files as a new version of dataset NAME, replacing the previous one atomically')
    .argument('<name>', 'dataset name (letters, digits, ".", "_", "-")')
    .argument('<path...>', 'an OFAC folder or sdn.csv (alt.csv, add.csv, sdn_comments.csv beside it), a UN XML, an FtM file')
    .option('--verbose', 'list the ids added, removed and changed')
    .option('--no-index', 'do not prepare the screening index now (the next analyze or screen names does)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint watchlist load ofac-sdn downloads/ofac/\n  chokepoint watchlist load sanctions ofac/sdn.csv un/consolidated.xml --json',
    )
    .action(async (name: string, paths: string[], opts: { db?: string; json?: boolean; verbose?: boolean; index?: boolean }) => {
      try {
        await loadAndReport(name, paths, opts);
      } catch (err) {
        if (!reported(err)) throw err;
      }
    });
}

function listCommand(): Command {
  return new Command('list')
    .description('list the datasets in the store and every version loaded (current ones flush left)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  chokepoint watchlist list\n  chokepoint watchlist list --json')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const store = await openStore(dbLocation(opts.db));
      try {
        const versions = await store.listDatasets();
        process.stdout.write(opts.json ? `${JSON.stringify(versions, null, 2)}\n` : `${formatList(versions)}\n`);
      } finally {
        await store.close();
      }
    });
}

function sourcesOption(value: string): WatchlistSource[] {
  const parts = value.split(',').map((s) => s.trim());
  for (const p of parts)
    if (!(WATCHLIST_SOURCES as readonly string[]).includes(p))
      throw new UsageError(`--only expects ${WATCHLIST_SOURCES.join(' and/or ')}, got "${p}"`);
  return parts as WatchlistSource[];
}

function fetchCommand(): Command {
  return new Command('fetch')
    .description('download the official OFAC SDN CSVs and the UN consolidated XML (optionally load them as one dataset)')
    .requiredOption('--out <dir>', 'folder to write ofac/ and un/ into (files are replaced atomically)')
    .option('--ofac-url <url>', `base URL of SDN.CSV, ALT.CSV, ADD.CSV, SDN_COMMENTS.CSV (default ${OFAC_BASE_URL})`)
    .option('--un-url <url>', `URL of the UN consolidated XML (default ${UN_URL})`)
    .addOption(new Option('--only <sources>', 'ofac, un or ofac,un (default both)').argParser(sourcesOption))
    .addOption(new Option('--timeout <seconds>', 'per file (default 120)').argParser(positiveInt('--timeout')))
    .addOption(new Option('--max-mb <mb>', 'largest file accepted (default 256)').argParser(positiveInt('--max-mb')))
    .option('--load <name>', 'then load what was fetched as one version of dataset NAME')
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint watchlist fetch --out lists/ --load sanctions\n  chokepoint watchlist fetch --out lists/ --ofac-url http://mirror.local/ofac/ --only ofac',
    )
    .action(
      async (opts: {
        out: string;
        ofacUrl?: string;
        unUrl?: string;
        only?: WatchlistSource[];
        timeout?: number;
        maxMb?: number;
        load?: string;
        db?: string;
        json?: boolean;
      }) => {
        try {
          const result = await fetchWatchlists({
            outDir: opts.out,
            ...(opts.only === undefined ? {} : { sources: opts.only }),
            ...(opts.ofacUrl === undefined ? {} : { ofacUrl: opts.ofacUrl }),
            ...(opts.unUrl === undefined ? {} : { unUrl: opts.unUrl }),
            ...(opts.timeout === undefined ? {} : { timeoutMs: opts.timeout * 1000 }),
            ...(opts.maxMb === undefined ? {} : { maxBytes: opts.maxMb * 1024 * 1024 }),
          });
          if (opts.json && opts.load === undefined) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          else if (!opts.json)
            process.stdout.write(
              `${result.files.map((f) => `fetched      ${f.path} (${n(f.bytes)} bytes) ← ${f.url}`).join('\n')}\n`,
            );
          if (opts.load !== undefined) await loadAndReport(opts.load, result.lists, opts);
        } catch (err) {
          if (!reported(err)) throw err;
        }
      },
    );
}

export function watchlistCommand(): Command {
  return new Command('watchlist')
    .description('sanctions lists as named datasets: load OFAC, UN and FtM files, list versions, fetch the official files')
    .addCommand(loadCommand())
    .addCommand(listCommand())
    .addCommand(fetchCommand());
}
