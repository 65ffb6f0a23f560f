import { createReadStream, existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { formatById, formatRejection, type Rejection } from '../ingest/index.js';
import type { Entity } from '../model/index.js';
import type { Store } from '../store/index.js';
import type { ScreenerBuilder } from './screener.js';

/** What loading one `--list` argument gave. */
export interface ListLoadReport {
  readonly list: string;
  readonly dataset: string;
  readonly source: 'ftm-file' | 'watchlist-file' | 'store-dataset';
  readonly entities: number;
  /** Entities read but not screenable (links, addresses, entities without a name). */
  readonly skipped: number;
  readonly rejected: readonly Rejection[];
  /** For store datasets served by the persisted candidate index: read back, or built (and stored) now. */
  readonly index?: 'store' | 'built';
}

export class ListError extends Error {
  readonly code = 'CHOKEPOINT_ERR_LIST_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'ListError';
  }
}

/** The first kilobytes of a file, for telling formats apart. */
async function readSampleText(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(16 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

type WatchlistReader = (path: string) => AsyncIterable<Entity>;

/**
 * The watchlist capability (OFAC, UN) is built in its own folder; it is looked up at run time so
 * FtM lists work whether or not it is present.
 */
async function watchlistReader(): Promise<WatchlistReader | undefined> {
  try {
    const mod = (await import(new URL('../watchlist/index.js', import.meta.url).href)) as { readWatchlistFile?: unknown };
    return typeof mod.readWatchlistFile === 'function' ? (mod.readWatchlistFile as WatchlistReader) : undefined;
  } catch {
    return undefined;
  }
}

async function loadFtmFile(path: string, builder: ScreenerBuilder): Promise<ListLoadReport> {
  const reader = formatById('ftm');
  if (reader === undefined) throw new Error('the ftm reader is not registered');
  const dataset = basename(path, extname(path)).replace(/\.ftm$/, '');
  const rejected: Rejection[] = [];
  let entities = 0;
  let skipped = 0;
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const item of reader.read(input, { sourceFile: path, dataset, runId: 'screen', columnMap: {} })) {
    if (item.kind === 'rejected') rejected.push(item.rejection);
    else if (item.kind === 'entity') {
      if (builder.addEntity(item.record.entity, dataset)) entities++;
      else skipped++;
    }
  }
  return { list: path, dataset, source: 'ftm-file', entities, skipped, rejected };
}

async function loadWatchlistFile(path: string, read: WatchlistReader, builder: ScreenerBuilder): Promise<ListLoadReport> {
  const dataset = basename(path, extname(path));
  let entities = 0;
  let skipped = 0;
  for await (const entity of read(path)) {
    if (builder.addEntity(entity, dataset)) entities++;
    else skipped++;
  }
  return { list: path, dataset, source: 'watchlist-file', entities, skipped, rejected: [] };
}

/**
 * A dataset already in the store. A watchlist dataset (`chokepoint watchlist load`) is streamed
 * with its own statements only, page by page; a dataset that came in through `ingest` has no
 * member list, so its entities are found by reading every entity and asking for each one's
 * provenance: correct, but one query per entity (load lists with `watchlist load` instead).
 */
async function loadStoreDataset(name: string, store: Store, builder: ScreenerBuilder): Promise<ListLoadReport> {
  let entities = 0;
  let skipped = 0;
  const datasets = await store.listDatasets();
  if (datasets.some((d) => d.name === name)) {
    for await (const entity of store.iterateDataset(name)) {
      if (builder.addEntity(entity, name)) entities++;
      else skipped++;
    }
    return { list: name, dataset: name, source: 'store-dataset', entities, skipped, rejected: [] };
  }
  for await (const entity of store.iterateEntities()) {
    const stored = await store.getEntity(entity.id);
    if (stored === undefined || !stored.statements.some((s) => s.provenance.dataset === name)) continue;
    if (builder.addEntity(entity, name)) entities++;
    else skipped++;
  }
  return { list: name, dataset: name, source: 'store-dataset', entities, skipped, rejected: [] };
}

/**
 * Loads each `--list` value into the builder: an existing file (FtM JSON lines, or an OFAC/UN file
 * when the watchlist reader is available) or else the name of a dataset in the store.
 */
export async function loadLists(
  lists: readonly string[],
  builder: ScreenerBuilder,
  openStore: () => Promise<Store>,
): Promise<ListLoadReport[]> {
  const reports: ListLoadReport[] = [];
  let store: Store | undefined;
  try {
    for (const list of lists) {
      if (existsSync(list)) {
        // A folder can only be a list in several files (OFAC's sdn.csv with alt.csv, add.csv ...).
        const sample = statSync(list).isFile() ? await readSampleText(list) : '';
        if (formatById('ftm')?.sniff(sample) === true) {
          reports.push(await loadFtmFile(list, builder));
          continue;
        }
        const read = await watchlistReader();
        if (read === undefined)
          throw new ListError(`${list}: not an FtM entity stream, and no watchlist reader (OFAC/UN) is available in this build`);
        reports.push(await loadWatchlistFile(list, read, builder));
        continue;
      }
      store ??= await openStore();
      const report = await loadStoreDataset(list, store, builder);
      if (report.entities === 0)
        throw new ListError(`--list ${list}: no such file, and no screenable entities of dataset "${list}" in ${store.location}`);
      reports.push(report);
    }
  } finally {
    await store?.close();
  }
  return reports;
}

export function describeRejections(report: ListLoadReport, max = 10): string[] {
  return report.rejected.slice(0, max).map(formatRejection);
}
