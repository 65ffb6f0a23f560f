import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { csvField, csvLine } from '../export/index.js';
import { readShipmentsLean, type Encoding } from '../ingest/index.js';
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
  /** Appends text; returns a promise only when the buffer was flushed (callers await only then). */
  write(text: string): Promise<void> | undefined {
    this.pending.push(text);
    this.size += text.length;
    return this.size >= 1 << 20 ? this.flush() : undefined;
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
 * `chokepoint screen shipments`: reads a canonical shipments CSV with the lean reader (the ingest
 * reader's validation without its provenance and derived entities; rows that fail it still get an
 * output row, with a data-quality reason), screens every row, and writes one output row per input
 * row, in input order. The output is written to a temporary file and renamed at the end, so a
 * failed run never leaves a partial file.
 */
export async function screenShipmentsFile(file: string, options: ScreenFileOptions): Promise<ScreenFileSummary> {
  const started = performance.now();
  const run = new ScreeningRun(options);
  const every = options.progressEvery ?? 50_000;
  let rows = 0;
  const progress = (): void => {
    if (++rows % every === 0) options.onProgress?.(rows);
  };
  try {
    await readShipmentsLean(
      file,
      'screen',
      {
        row: (shipment, line) => {
          run.addShipment(shipment, { line });
          progress();
        },
        rejected: (rejection, record, header) => {
          // A refused row is named by its shipment id when it has one, else by its line.
          const column = header.position('shipment_id');
          const id = column < 0 ? '' : (record.text(column)?.trim() ?? '');
          run.addRejected(rejection, id === '' ? undefined : id);
          progress();
        },
      },
      { encoding: options.encoding ?? 'utf8' },
    );
  } catch (err) {
    // An unreadable or malformed file ends the run: its spool goes with it.
    run.dispose();
    throw err;
  }

  const partial = `${options.out}.partial`;
  const alertsPartial = options.alertsOut === undefined ? undefined : `${options.alertsOut}.partial`;
  const out = new Output(partial);
  const alerts = alertsPartial === undefined ? undefined : new Output(alertsPartial);
  const now = new Date().toISOString();
  try {
    await out.write(csvLine(SCREEN_COLUMNS));
    // Rows without reasons (most of them) end the same way: that tail is written once per score.
    let quietScore: ScreenedRow | undefined;
    let quietTail = '';
    const stats = await run.finish((r) => {
      let line: string;
      if (r.reasons.length === 0) {
        if (quietScore === undefined || quietScore.score !== r.score || quietScore.explanation !== r.explanation) {
          quietScore = r;
          quietTail = csvLine(['', r.score, r.level, r.flagged ? 'true' : 'false', '', r.explanation]);
        }
        line = csvField(r.id) + quietTail;
      } else
        line = csvLine([
          r.id,
          r.score,
          r.level,
          r.flagged ? 'true' : 'false',
          r.reasons.map((x) => x.ruleId).join(';'),
          r.explanation,
        ]);
      const written = out.write(line);
      const alerted = alerts !== undefined && r.flagged ? alerts.write(`${JSON.stringify(alertFor(r, now))}\n`) : undefined;
      if (written === undefined && alerted === undefined) return undefined;
      return Promise.all([written, alerted]).then(() => undefined);
    });
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
