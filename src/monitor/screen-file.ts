import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, extname } from 'node:path';
import { csvField, csvLine } from '../export/index.js';
import {
  detectFormat,
  formatById,
  leanTransactions,
  readCsvLean,
  readShipmentsLean,
  type FormatReader,
  type Rejection,
} from '../ingest/index.js';
import { contentId } from '../model/index.js';
import { buildAlerts } from './alerts.js';
import { ContextBuilder } from './context.js';
import { analyse, type MonitorResult, type SubjectScore } from './engine.js';
import type { Policy } from './policy.js';
import { TableBuilder, type TransactionTable } from './table.js';

export const SCORED_COLUMNS = ['transaction_id', 'score', 'flagged', 'typologies', 'alert_id'] as const;

export interface ScreenOptions {
  readonly file: string;
  /** A reader id (e.g. `amlsim-csv`); detected from the content when absent. */
  readonly format?: string;
  readonly policy: Policy;
  readonly out: string;
  /** FtM entity files and shipment files that give the parties and the trade behind the accounts. */
  readonly entities?: readonly string[];
  readonly shipments?: readonly string[];
  readonly onRejection?: (r: Rejection) => void;
  /** Called after every `progressEvery` transactions read (default 100,000), for progress bars and benchmarks. */
  readonly onProgress?: (rows: number) => void;
  readonly progressEvery?: number;
}

export interface ScreenSummary {
  readonly format: string;
  readonly transactions: number;
  readonly rejected: number;
  readonly flagged: number;
  readonly accountsFlagged: number;
  readonly byTypology: Readonly<Record<string, number>>;
  readonly seconds: { readonly read: number; readonly analyse: number; readonly write: number };
  /** Milliseconds per detector in the analysis. */
  readonly timings: Readonly<Record<string, number>>;
  /** Distinct accounts in the table. */
  readonly accounts: number;
}

async function readSample(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

async function pickReader(path: string, format: string | undefined, kind: string): Promise<FormatReader> {
  const reader = format === undefined ? detectFormat(await readSample(path)) : formatById(format);
  if (reader === undefined)
    throw new Error(
      format === undefined ? `${path}: cannot tell the format of this ${kind} file; pass --format` : `unknown format "${format}"`,
    );
  return reader;
}

async function* items(path: string, reader: FormatReader) {
  const dataset = basename(path, extname(path));
  yield* reader.read(createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
    sourceFile: path,
    dataset,
    runId: contentId('screen', path),
    columnMap: {},
  });
}

/**
 * Reads the transactions into the columnar table. The builder lives only in here, so its
 * growable columns are garbage once the table (trimmed copies) is built.
 */
async function readTransactions(
  o: ScreenOptions,
  reader: FormatReader,
): Promise<{ table: TransactionTable; rejected: number; uniqueIds: boolean }> {
  const table = new TableBuilder();
  let rejected = 0;
  // Ids made from line numbers are unique; sources' own ids may repeat.
  let uniqueIds = true;
  const every = o.progressEvery ?? 100_000;
  let seen = 0;
  const progress = (): void => {
    if (++seen % every === 0) o.onProgress?.(seen);
  };
  const reject = (r: Rejection): void => {
    rejected++;
    o.onRejection?.(r);
    progress();
  };
  const lean = leanTransactions(reader.id);
  if (lean !== undefined) {
    // CSV formats: straight into the columnar table, with the ingest readers' validation and
    // without the ids, derived entities and provenance that only the store needs.
    await readCsvLean(o.file, lean, {
      row: (t, line) => {
        // The output names rows by the source's id; sources without one (AMLworld) by line.
        const id = t.sourceId ?? `line:${line}`;
        if (t.sourceId !== null) uniqueIds = false;
        table.addRow(t, id, id);
        progress();
      },
      rejected: reject,
    });
  } else {
    for await (const item of items(o.file, reader)) {
      if (item.kind === 'rejected') reject(item.rejection);
      else if (item.kind === 'transaction') {
        const { transaction: t, provenance } = item.record;
        const id = t.sourceId ?? `line:${provenance.sourceLine}`;
        if (t.sourceId !== null) uniqueIds = false;
        table.addRow(t, id, id);
        progress();
      }
    }
  }
  return { table: table.build(), rejected, uniqueIds };
}

/**
 * Screens one transactions file without a store: reads it with the lean readers (CSV formats)
 * or the ingest readers (ISO 20022), so rejected rows are reported, never dropped silently; runs
 * the policy, and writes one scored row per input transaction in input order. The output is
 * written to a temporary file and renamed.
 */
export async function screenTransactionsFile(o: ScreenOptions): Promise<ScreenSummary> {
  const started = performance.now();
  const reader = await pickReader(o.file, o.format, 'transactions');
  if (reader.primary !== 'transactions')
    throw new Error(`${o.file}: format ${reader.id} holds ${reader.primary}, not transactions`);
  const { table: t, rejected, uniqueIds } = await readTransactions(o, reader);
  const context = new ContextBuilder();
  for (const path of o.entities ?? []) {
    for await (const item of items(path, await pickReader(path, 'ftm', 'entities'))) {
      if (item.kind === 'entity') context.addEntity(item.record.entity);
      else if (item.kind === 'rejected') o.onRejection?.(item.rejection);
    }
  }
  for (const path of o.shipments ?? []) {
    // Only the shippers and HS codes matter here: the lean reader, with the ingest reader's validation.
    await readShipmentsLean(path, basename(path, extname(path)), {
      row: (shipment) => context.addShipment(shipment),
      rejected: (r) => o.onRejection?.(r),
    });
  }
  const read = performance.now();
  const ctx = context.build();
  const result = analyse(t, ctx, o.policy);
  const alerts = buildAlerts(t, ctx, result, o.policy);
  const analysed = performance.now();
  const alertIds = new Map(alerts.filter((a) => a.subjectKind === 'transaction').map((a) => [a.subjectId, a.id]));
  await writeScored(o.out, t, result, alertIds, uniqueIds);
  const byTypology: Record<string, number> = {};
  for (const s of result.rows.values())
    if (s.score >= o.policy.thresholds.alert) for (const ty of s.typologies) byTypology[ty] = (byTypology[ty] ?? 0) + 1;
  return {
    format: reader.id,
    transactions: t.size,
    rejected,
    flagged: alertIds.size,
    accountsFlagged: alerts.filter((a) => a.subjectKind === 'account').length,
    byTypology,
    seconds: { read: (read - started) / 1000, analyse: (analysed - read) / 1000, write: (performance.now() - analysed) / 1000 },
    timings: result.timings,
    accounts: t.accounts.length,
  };
}

async function writeScored(
  out: string,
  t: TransactionTable,
  result: MonitorResult,
  alertIds: ReadonlyMap<string, string>,
  uniqueIds: boolean,
): Promise<void> {
  const temp = `${out}.tmp-${process.pid}`;
  const stream = createWriteStream(temp);
  try {
    // Scores by row in one sweep of the map: millions of point lookups in it cost more.
    const scores = new Array<SubjectScore | undefined>(t.size);
    for (const [row, score] of result.rows) scores[row] = score;
    let lines: string[] = [csvLine(SCORED_COLUMNS)];
    let size = 0;
    for (let i = 0; i < t.size; i++) {
      const id = t.ids[i] as string;
      const score = scores[i];
      // Alerts name scored rows; when ids are unique no other row can carry one.
      const alertId = score === undefined && uniqueIds ? undefined : alertIds.get(id);
      // Most rows have no score and no alert: their line is the id and constants.
      const line =
        score === undefined && alertId === undefined
          ? `${csvField(id)},0,false,,\n`
          : csvLine([
              id,
              score?.score ?? 0,
              alertId === undefined ? 'false' : 'true',
              score?.typologies.join(';') ?? '',
              alertId ?? '',
            ]);
      lines.push(line);
      size += line.length;
      if (size > 1 << 20) {
        const ok = stream.write(lines.join(''));
        lines = [];
        size = 0;
        if (!ok) await once(stream, 'drain');
      }
    }
    stream.end(lines.join(''));
    await once(stream, 'finish');
    await rename(temp, out);
  } catch (err) {
    stream.destroy();
    await rm(temp, { force: true });
    throw err;
  }
}
