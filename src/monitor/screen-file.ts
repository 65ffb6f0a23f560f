import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, extname } from 'node:path';
import { csvLine } from '../export/index.js';
import { detectFormat, formatById, type FormatReader, type Rejection } from '../ingest/index.js';
import { contentId } from '../model/index.js';
import { buildAlerts } from './alerts.js';
import { ContextBuilder } from './context.js';
import { analyse, type MonitorResult } from './engine.js';
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
}

export interface ScreenSummary {
  readonly format: string;
  readonly transactions: number;
  readonly rejected: number;
  readonly flagged: number;
  readonly accountsFlagged: number;
  readonly byTypology: Readonly<Record<string, number>>;
  readonly seconds: { readonly read: number; readonly analyse: number; readonly write: number };
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
 * Screens one transactions file without a store: reads it with the ingest readers (rejected
 * rows are reported, never dropped silently), runs the policy, and writes one scored row per
 * input transaction in input order. The output is written to a temporary file and renamed.
 */
export async function screenTransactionsFile(o: ScreenOptions): Promise<ScreenSummary> {
  const started = performance.now();
  const reader = await pickReader(o.file, o.format, 'transactions');
  if (reader.primary !== 'transactions')
    throw new Error(`${o.file}: format ${reader.id} holds ${reader.primary}, not transactions`);
  const table = new TableBuilder();
  let rejected = 0;
  for await (const item of items(o.file, reader)) {
    if (item.kind === 'rejected') {
      rejected++;
      o.onRejection?.(item.rejection);
    } else if (item.kind === 'transaction') {
      const { transaction: t, provenance } = item.record;
      // The output names rows by the source's id; sources without one (AMLworld) by line.
      const id = t.sourceId ?? `line:${provenance.sourceLine}`;
      table.add({ ...t, id, sourceId: id, debtorAccountEntityId: '', creditorAccountEntityId: '' });
    }
  }
  const context = new ContextBuilder();
  for (const path of o.entities ?? []) {
    for await (const item of items(path, await pickReader(path, 'ftm', 'entities'))) {
      if (item.kind === 'entity') context.addEntity(item.record.entity);
      else if (item.kind === 'rejected') o.onRejection?.(item.rejection);
    }
  }
  for (const path of o.shipments ?? []) {
    for await (const item of items(path, await pickReader(path, 'shipments-csv', 'shipments'))) {
      if (item.kind === 'shipment') context.addShipment(item.record.shipment);
      else if (item.kind === 'rejected') o.onRejection?.(item.rejection);
    }
  }
  const t = table.build();
  const read = performance.now();
  const ctx = context.build();
  const result = analyse(t, ctx, o.policy);
  const alerts = buildAlerts(t, ctx, result, o.policy);
  const analysed = performance.now();
  const alertIds = new Map(alerts.filter((a) => a.subjectKind === 'transaction').map((a) => [a.subjectId, a.id]));
  await writeScored(o.out, t, result, alertIds);
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
  };
}

async function writeScored(
  out: string,
  t: TransactionTable,
  result: MonitorResult,
  alertIds: ReadonlyMap<string, string>,
): Promise<void> {
  const temp = `${out}.tmp-${process.pid}`;
  const stream = createWriteStream(temp);
  try {
    let buffer = csvLine(SCORED_COLUMNS);
    for (let i = 0; i < t.size; i++) {
      const id = t.ids[i] as string;
      const score = result.rows.get(i);
      const alertId = alertIds.get(id);
      buffer += csvLine([
        id,
        score?.score ?? 0,
        alertId === undefined ? 'false' : 'true',
        score?.typologies.join(';') ?? '',
        alertId ?? '',
      ]);
      if (buffer.length > 1 << 16) {
        if (!stream.write(buffer)) await once(stream, 'drain');
        buffer = '';
      }
    }
    stream.end(buffer);
    await once(stream, 'finish');
    await rename(temp, out);
  } catch (err) {
    stream.destroy();
    await rm(temp, { force: true });
    throw err;
  }
}
