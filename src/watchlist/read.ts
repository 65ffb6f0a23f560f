import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { formatById } from '../ingest/index.js';
import type { Entity } from '../model/index.js';
import { WatchlistFormatError } from './errors.js';
import type { ListRecord } from './list-record.js';
import { fileSetOf, fileSetsInFolder, isSideFile } from './ofac/layout.js';
import { readOfac } from './ofac/sdn-reader.js';
import { readUnList } from './un/un-reader.js';

export const WATCHLIST_FORMATS = ['ofac-csv', 'un-xml', 'ftm'] as const;
export type WatchlistFormat = (typeof WATCHLIST_FORMATS)[number];

async function sample(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString('latin1')
      .replace(/^\uFEFF|^\u00ef\u00bb\u00bf/, '');
  } finally {
    await handle.close();
  }
}

/**
 * Which list format a path holds: a folder of OFAC CSVs (or a folder with a UN XML), an XML file
 * (UN), a JSON-lines file (FtM) or a CSV in OFAC's SDN layout (a number, then quoted fields).
 */
export async function sniffWatchlist(path: string): Promise<WatchlistFormat> {
  if (!existsSync(path)) throw new WatchlistFormatError(path, 0, '(path)', 'no such file or folder');
  if (statSync(path).isDirectory()) {
    if (fileSetsInFolder(path).length > 0) return 'ofac-csv';
    if (readdirSync(path).some((f) => extname(f).toLowerCase() === '.xml')) return 'un-xml';
    throw new WatchlistFormatError(path, 0, '(path)', 'no sdn.csv, cons_prim.csv or UN XML file in this folder');
  }
  const text = (await sample(path)).trimStart();
  if (text.startsWith('<')) return 'un-xml';
  if (formatById('ftm')?.sniff(text) === true) return 'ftm';
  if (/^\d+,/.test(text) && isSideFile(path))
    throw new WatchlistFormatError(
      path,
      1,
      '(path)',
      'this is an OFAC side file (aliases, addresses or comments): give its sdn.csv',
    );
  if (/^\d+,("|-0-)/.test(text)) return 'ofac-csv';
  throw new WatchlistFormatError(path, 1, '(file)', 'not an OFAC SDN CSV, a UN consolidated XML or an FtM entity stream');
}

async function* readFtm(path: string): AsyncIterable<ListRecord> {
  const reader = formatById('ftm');
  if (reader === undefined) throw new Error('the ftm reader is not registered');
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const dataset = basename(path, extname(path));
  for await (const item of reader.read(input, { sourceFile: path, dataset, runId: 'watchlist', columnMap: {} })) {
    if (item.kind === 'rejected') {
      const r = item.rejection;
      input.destroy();
      throw new WatchlistFormatError(r.file, r.line, r.field, r.reason);
    }
    if (item.kind === 'entity') yield { entity: item.record.entity, file: path, line: item.record.provenance.sourceLine };
  }
}

/** Every entity of a list file or folder, with the file and line it came from. */
export async function* readWatchlistRecords(path: string): AsyncIterable<ListRecord> {
  const format = await sniffWatchlist(path);
  const folder = statSync(path).isDirectory();
  switch (format) {
    case 'ofac-csv':
      for (const set of folder ? fileSetsInFolder(path) : [fileSetOf(path)]) yield* readOfac(set);
      return;
    case 'un-xml': {
      const files = folder
        ? readdirSync(path)
            .filter((f) => extname(f).toLowerCase() === '.xml')
            .sort()
            .map((f) => join(path, f))
        : [path];
      for (const f of files) yield* readUnList(f);
      return;
    }
    case 'ftm':
      yield* readFtm(path);
  }
}

/**
 * The entities of an OFAC (folder, or sdn.csv with its side files beside it), UN (XML) or FtM
 * (JSON lines) list. `screen names --list FILE` finds this function at run time.
 */
export async function* readWatchlistFile(path: string): AsyncIterable<Entity> {
  for await (const r of readWatchlistRecords(path)) yield r.entity;
}
