import { resolve } from 'node:path';
import type { DatasetChange, Store } from '../store/index.js';
import { readWatchlistRecords, sniffWatchlist } from './read.js';

export interface WatchlistLoad extends DatasetChange {
  readonly format: string;
  readonly sources: readonly string[];
  readonly seconds: number;
}

/**
 * Loads list files (OFAC folder or sdn.csv, UN XML, FtM) as one version of dataset `name`:
 * every file of the call together replaces the dataset's previous content, in one store
 * transaction. Any unreadable line stops the load and leaves the previous version in place.
 */
export async function loadWatchlist(store: Store, name: string, paths: readonly string[]): Promise<WatchlistLoad> {
  const started = performance.now();
  const formats: string[] = [];
  for (const p of paths) formats.push(await sniffWatchlist(p));
  async function* records(): AsyncIterable<{ entity: import('../model/index.js').Entity; file: string; line: number }> {
    for (const p of paths) yield* readWatchlistRecords(p);
  }
  const format = [...new Set(formats)].join('+');
  const sources = paths.map((p) => resolve(p));
  const change = await store.replaceDataset({ name, format, source: sources.join(' '), records: records() });
  return { ...change, format, sources, seconds: (performance.now() - started) / 1000 };
}
