import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { SUBJECT_KINDS, type Alert } from '../model/index.js';
import { SourceError } from '../ingest/rejection.js';
import type { Store } from '../store/index.js';
import type { AlertedRecord } from './metrics.js';

/** Alerts as JSON lines (one `Alert` per line), e.g. exported from another system. */
export async function readAlertsFile(path: string): Promise<Alert[]> {
  const alerts: Alert[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    let raw: Partial<Alert>;
    try {
      raw = JSON.parse(text) as Partial<Alert>;
    } catch (err) {
      throw new SourceError(path, line, `not valid JSON: ${(err as Error).message}`);
    }
    if (!SUBJECT_KINDS.includes(raw.subjectKind as Alert['subjectKind'])) {
      throw new SourceError(path, line, `subjectKind: expected one of ${SUBJECT_KINDS.join(', ')}`);
    }
    for (const name of ['subjectId', 'detectorId', 'createdAt'] as const) {
      if (typeof raw[name] !== 'string') throw new SourceError(path, line, `${name}: missing or not a string`);
    }
    if (typeof raw.score !== 'number') throw new SourceError(path, line, 'score: missing or not a number');
    alerts.push(raw as Alert);
  }
  return alerts;
}

/**
 * The id a subject has in the source files (what truth.csv names): stored shipments and
 * payments keep their source id; an account alert names the BankAccount entity, whose account
 * number is the source's; entity ids are the source's already.
 */
async function sourceId(store: Store, alert: Alert): Promise<string> {
  switch (alert.subjectKind) {
    case 'shipment':
      return (await store.getShipment(alert.subjectId))?.sourceId ?? alert.subjectId;
    case 'transaction':
      return (await store.getTransaction(alert.subjectId))?.sourceId ?? alert.subjectId;
    case 'account':
      return (await store.getEntity(alert.subjectId))?.entity.properties['accountNumber']?.[0] ?? alert.subjectId;
    case 'entity':
      return alert.subjectId;
  }
}

/** Alerts reduced for evaluation; with a store, subject ids are translated to source ids. */
export async function alertedRecords(alerts: readonly Alert[], store?: Store): Promise<AlertedRecord[]> {
  const out: AlertedRecord[] = [];
  for (const alert of alerts) {
    out.push({
      recordKind: alert.subjectKind,
      recordId: store === undefined ? alert.subjectId : await sourceId(store, alert),
      detectorId: alert.detectorId,
      score: alert.score,
      day: alert.createdAt.slice(0, 10),
    });
  }
  return out;
}
