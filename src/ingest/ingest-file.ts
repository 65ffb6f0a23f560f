import { stat } from 'node:fs/promises';
import { contentId } from '../model/index.js';
import type { EntityRecord, IngestCounts, ShipmentRecord, TransactionRecord } from '../model/index.js';
import type { Store } from '../store/index.js';
import { type Encoding, fileSha256, openText, readSample } from './file-source.js';
import { detectFormat, formatById, FORMATS } from './formats/index.js';
import type { FormatReader } from './reader.js';
import { SourceError, type Rejection } from './rejection.js';

export interface IngestOptions {
  readonly path: string;
  /** Dataset name; defaults to the file name without its extensions. */
  readonly dataset?: string;
  /** A format id (see FORMATS); detected from the content when absent. */
  readonly format?: string;
  readonly encoding?: Encoding;
  readonly columnMap?: Readonly<Record<string, string>>;
  /** Primary records per transaction. */
  readonly batchSize?: number;
  readonly onRejected?: (rejection: Rejection) => void;
  readonly onProgress?: (progress: { bytes: number; totalBytes: number; counts: IngestCounts }) => void;
}

export interface IngestSummary {
  readonly runId: string;
  readonly file: string;
  readonly format: string;
  readonly dataset: string;
  readonly counts: IngestCounts;
  readonly seconds: number;
}

// Large batches amortise the commit: with content-hash ids each commit rewrites index pages
// scattered over the whole table (see docs/design-choices.md).
export const DEFAULT_BATCH_SIZE = 50_000;

export function defaultDataset(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\..*$/, '') || 'default';
}

async function chooseFormat(path: string, encoding: Encoding, requested: string | undefined): Promise<FormatReader> {
  if (requested !== undefined) {
    const reader = formatById(requested);
    if (reader === undefined) {
      throw new SourceError(path, 0, `unknown format "${requested}" (known: ${FORMATS.map((f) => f.id).join(', ')})`);
    }
    return reader;
  }
  const detected = detectFormat(await readSample(path, encoding));
  if (detected === undefined) {
    throw new SourceError(
      path,
      1,
      `cannot tell the format from the content; pass --format (${FORMATS.map((f) => f.id).join(', ')})`,
    );
  }
  return detected;
}

/**
 * Streams one file into the store in atomic batches. The run id is derived from the dataset,
 * format, options and the file's sha256, so a run killed half-way and started again resumes
 * under the same id and, records being keyed by content, ends exactly as one clean run.
 */
export async function ingestFile(store: Store, options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { path } = options;
  const encoding = options.encoding ?? 'utf8';
  const columnMap = options.columnMap ?? {};
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const dataset = options.dataset ?? defaultDataset(path);
  const totalBytes = (await stat(path)).size;
  const reader = await chooseFormat(path, encoding, options.format);
  const sha = await fileSha256(path);
  const runId = contentId('run', dataset, reader.id, encoding, JSON.stringify(columnMap), sha);
  await store.startRun({ id: runId, dataset, sourceFile: path, format: reader.id, fileSha256: sha });

  const counts: IngestCounts = { read: 0, stored: 0, unchanged: 0, rejected: 0 };
  let bytes = 0;
  let entities: EntityRecord[] = [];
  let shipments: ShipmentRecord[] = [];
  let transactions: TransactionRecord[] = [];
  let pending = 0;

  const flush = async (): Promise<void> => {
    if (entities.length + shipments.length + transactions.length === 0) return;
    const outcome = await store.writeBatch({ entities, shipments, transactions });
    const primary = outcome[reader.primary];
    counts.stored += primary.stored;
    counts.unchanged += primary.unchanged;
    entities = [];
    shipments = [];
    transactions = [];
    pending = 0;
    options.onProgress?.({ bytes, totalBytes, counts });
  };

  try {
    const input = openText(path, encoding, (n) => (bytes += n));
    for await (const item of reader.read(input, { sourceFile: path, dataset, runId, columnMap })) {
      counts.read++;
      switch (item.kind) {
        case 'rejected':
          counts.rejected++;
          options.onRejected?.(item.rejection);
          continue;
        case 'entity':
          entities.push(item.record);
          break;
        case 'shipment':
          shipments.push(item.record);
          for (const d of item.derived) entities.push(d);
          break;
        case 'transaction':
          transactions.push(item.record);
          for (const d of item.derived) entities.push(d);
          break;
      }
      if (++pending >= batchSize) await flush();
    }
    await flush();
  } catch (err) {
    await store.finishRun(runId, 'failed', counts);
    throw err;
  }
  await store.finishRun(runId, 'completed', counts);
  return { runId, file: path, format: reader.id, dataset, counts, seconds: (performance.now() - started) / 1000 };
}
