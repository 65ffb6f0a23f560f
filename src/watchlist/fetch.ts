import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where Treasury publishes the legacy SDN CSVs (file names are appended). */
export const OFAC_BASE_URL = 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/';
/** The UN Security Council consolidated list, XML. */
export const UN_URL = 'https://scsanctions.un.org/resources/xml/en/consolidated.xml';
/** Remote name → local name of the OFAC files the reader joins. */
export const OFAC_FILES: readonly (readonly [string, string])[] = [
  ['SDN.CSV', 'sdn.csv'],
  ['ALT.CSV', 'alt.csv'],
  ['ADD.CSV', 'add.csv'],
  ['SDN_COMMENTS.CSV', 'sdn_comments.csv'],
];
export const WATCHLIST_SOURCES = ['ofac', 'un'] as const;
export type WatchlistSource = (typeof WATCHLIST_SOURCES)[number];

export class FetchError extends Error {
  readonly code = 'CHOKEPOINT_ERR_FETCH';
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(`${url}: ${message}`);
    this.name = 'FetchError';
  }
}

export interface FetchOptions {
  readonly outDir: string;
  readonly sources?: readonly WatchlistSource[];
  /** Base URL of the OFAC files (default OFAC_BASE_URL). */
  readonly ofacUrl?: string;
  /** URL of the UN XML (default UN_URL). */
  readonly unUrl?: string;
  /** Per file, from request to last byte (default 120 s). */
  readonly timeoutMs?: number;
  /** Largest file accepted (default 256 MiB): a bigger body is cut off and refused. */
  readonly maxBytes?: number;
}

export interface FetchedFile {
  readonly source: WatchlistSource;
  readonly url: string;
  readonly path: string;
  readonly bytes: number;
}

/** What `fetchWatchlists` wrote: the files, and the paths to load (an OFAC folder, a UN file). */
export interface FetchResult {
  readonly files: readonly FetchedFile[];
  readonly lists: readonly string[];
}

/**
 * Downloads one URL to `dest` atomically: the body streams into a temporary file beside it,
 * counted against the size limit, and is renamed into place only when complete, so a reader
 * never sees half a list and a failed download leaves the previous file.
 */
export async function download(url: string, dest: string, timeoutMs: number, maxBytes: number): Promise<number> {
  const temp = `${dest}.part-${process.pid}-${Date.now()}`;
  let bytes = 0;
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    } catch (err) {
      throw new FetchError(url, `request failed: ${(err as Error).message}`);
    }
    if (!response.ok) throw new FetchError(url, `HTTP ${response.status} ${response.statusText}`);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes)
      throw new FetchError(url, `${declared} bytes announced, more than the ${maxBytes}-byte limit`);
    if (response.body === null) throw new FetchError(url, 'empty response');
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
    const limit = async function* (source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
      for await (const chunk of source) {
        bytes += chunk.length;
        if (bytes > maxBytes) throw new FetchError(url, `body exceeds the ${maxBytes}-byte limit`);
        yield chunk;
      }
    };
    try {
      await pipeline(body, limit, createWriteStream(temp));
    } catch (err) {
      if (err instanceof FetchError) throw err;
      throw new FetchError(url, `download failed: ${(err as Error).message}`);
    }
    if (bytes === 0) throw new FetchError(url, 'empty body');
    await rename(temp, dest);
    return bytes;
  } finally {
    await rm(temp, { force: true });
  }
}

const withSlash = (base: string): string => (base.endsWith('/') ? base : `${base}/`);

/** Downloads the official OFAC (SDN CSVs) and UN (consolidated XML) lists into `outDir/ofac/` and `outDir/un/`. */
export async function fetchWatchlists(options: FetchOptions): Promise<FetchResult> {
  const sources = options.sources ?? WATCHLIST_SOURCES;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  const files: FetchedFile[] = [];
  const lists: string[] = [];
  if (sources.includes('ofac')) {
    const dir = join(options.outDir, 'ofac');
    await mkdir(dir, { recursive: true });
    const base = withSlash(options.ofacUrl ?? OFAC_BASE_URL);
    for (const [remote, local] of OFAC_FILES) {
      const url = new URL(remote, base).href;
      const path = join(dir, local);
      files.push({ source: 'ofac', url, path, bytes: await download(url, path, timeoutMs, maxBytes) });
    }
    lists.push(dir);
  }
  if (sources.includes('un')) {
    const dir = join(options.outDir, 'un');
    await mkdir(dir, { recursive: true });
    const url = options.unUrl ?? UN_URL;
    const path = join(dir, 'consolidated.xml');
    files.push({ source: 'un', url, path, bytes: await download(url, path, timeoutMs, maxBytes) });
    lists.push(path);
  }
  return { files, lists };
}
