import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { csvLine } from '../export/index.js';
import { formatById, SourceError, type Encoding } from '../ingest/index.js';
import { contentId, type Alert } from '../model/index.js';
import { ScreeningRun, type ScreenedRow, type ScreeningOptions, type ScreeningStats } from './screening-run.js';

/** The columns of `screen shipments` output, one row per input shipment. */
export const SCREEN_COLUMNS = ['shipment_id', 'score', 'level', 'flagged', 'reasons', 'explanation'] as const;

export const TRADE_DETECTOR_ID = 'trade-screening';
export const TRADE_DETECTOR_VERSION = '1.0.0';

export interface ScreenFileOptions extends ScreeningOptions {
  readonly out: string;
  /** Also write the flagged rows as JSON-lines alerts (what `chokepoint evaluate --alerts` reads). */
  readonly alertsOut?: string;
  readonly encoding?: Encoding;
  /** Called after every `progressEvery` input rows (pass 1), for progress bars and benchmarks. */
  readonly onProgress?: (rows: number) => void;
  readonly progressEvery?: number;
}

export interface ScreenFileSummary extends ScreeningStats {
  readonly file: string;
  readonly out: string;
  readonly seconds: number;
}

/** A flagged row as an alert (subject: the shipment; created on its arrival day, for daily budgets). */
export function alertFor(row: ScreenedRow, createdAt: string): Alert {
  return {
    id: contentId('alert', TRADE_DETECTOR_ID, TRADE_DETECTOR_VERSION, row.subject),
    detectorId: TRADE_DETECTOR_ID,
    subjectKind: 'shipment',
    subjectId: row.subject,
    score: row.score,
    level: row.level,
    reasons: row.reasons,
    status: 'open',
    createdAt: row.date === null ? createdAt : `${row.date}T00:00:00.000Z`,
  };
}

class Output {
  private readonly stream: WriteStream;
  private pending: string[] = [];
  private size = 0;
  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
  }
  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const ok = this.stream.write(this.pending.join(''));
    this.pending = [];
    this.size = 0;
    if (!ok) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
  destroy(): void {
    this.stream.destroy();
  }
}

/**
 * The source ids of rejected rows: the reader names a rejected row by line only, so the file is
 * read once more, raw, for those lines (only when there are any).
 */
async function rejectedIds(path: string, encoding: Encoding, lines: ReadonlySet<number>): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  if (lines.size === 0) return ids;
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  input.setEncoding(encoding);
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, relax_quotes: true });
  input.pipe(parser);
  let column = -1;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (column < 0) {
      column = item.record.findIndex((c) => c.trim() === 'shipment_id');
      if (column < 0) break;
      continue;
    }
    const id = item.record[column]?.trim() ?? '';
    if (lines.has(item.info.lines) && id !== '') ids.set(item.info.lines, id);
  }
  return ids;
}

/**
 * `chokepoint screen shipments`: reads a canonical shipments CSV with the ingest reader (rows that
 * fail its validation still get an output row, with a data-quality reason), screens every row,
 * and writes one output row per input row, in input order. The output is written to a temporary
 * file and renamed at the end, so a failed run never leaves a partial file.
 */
export async function screenShipmentsFile(file: string, options: ScreenFileOptions): Promise<ScreenFileSummary> {
  const started = performance.now();
  const reader = formatById('shipments-csv');
  if (reader === undefined) throw new Error('the shipments-csv reader is not registered');
  const encoding = options.encoding ?? 'utf8';
  const run = new ScreeningRun(options);
  const rejectedLines = new Set<number>();
  const every = options.progressEvery ?? 50_000;
  let rows = 0;
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  input.setEncoding(encoding);
  const context = { sourceFile: file, dataset: 'screen', runId: 'screen', columnMap: {} };
  for await (const item of reader.read(input, context)) {
    if (item.kind === 'shipment') run.addShipment(item.record.shipment, { line: item.record.provenance.sourceLine });
    else if (item.kind === 'rejected') {
      rejectedLines.add(item.rejection.line);
      run.addRejected(item.rejection);
    } else throw new SourceError(file, 0, `unexpected ${item.kind} record from the shipments reader`);
    if (++rows % every === 0) options.onProgress?.(rows);
  }
  const ids = await rejectedIds(file, encoding, rejectedLines);

  const partial = `${options.out}.partial`;
  const alertsPartial = options.alertsOut === undefined ? undefined : `${options.alertsOut}.partial`;
  const out = new Output(partial);
  const alerts = alertsPartial === undefined ? undefined : new Output(alertsPartial);
  const now = new Date().toISOString();
  try {
    await out.write(csvLine(SCREEN_COLUMNS));
    const stats = await run.finish(async (r) => {
      await out.write(
        csvLine([r.id, r.score, r.level, r.flagged ? 'true' : 'false', r.reasons.map((x) => x.ruleId).join(';'), r.explanation]),
      );
      if (alerts !== undefined && r.flagged) await alerts.write(`${JSON.stringify(alertFor(r, now))}\n`);
    }, ids);
    await out.close();
    await alerts?.close();
    await rename(partial, options.out);
    if (alertsPartial !== undefined && options.alertsOut !== undefined) await rename(alertsPartial, options.alertsOut);
    return { ...stats, file, out: options.out, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    out.destroy();
    alerts?.destroy();
    await rm(partial, { force: true });
    if (alertsPartial !== undefined) await rm(alertsPartial, { force: true });
    throw err;
  }
}
