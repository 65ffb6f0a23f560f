import type { TruthKind, TruthRow } from '../simulate/truth.js';

/** An alert reduced to what evaluation needs, its subject named by the source's own id. */
export interface AlertedRecord {
  readonly recordKind: TruthKind;
  readonly recordId: string;
  readonly detectorId: string;
  readonly score: number;
  /** UTC day (YYYY-MM-DD) the alert was raised: budgets are per day. */
  readonly day: string;
}

export interface Counts {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface TypologyResult {
  readonly typology: string;
  /**
   * Record-level precision of the detectors that declare this typology (their alerts on any
   * planted record over all their alerts), and the F1 of that with the record recall. Zero
   * when no detector claims the typology: false positives cannot belong to a typology otherwise.
   */
  readonly precision: number;
  readonly f1: number;
  readonly records: number;
  readonly recordsAlerted: number;
  readonly recordRecall: number;
  readonly schemes: number;
  readonly schemesFound: number;
  readonly schemeRecall: number;
  readonly kgPlanted: number;
  readonly kgCaught: number;
  readonly usdPlanted: number;
  readonly usdCaught: number;
}

/** One planted scheme: found when any of its key records is alerted. */
export interface SchemeResult {
  readonly schemeId: string;
  readonly typology: string;
  readonly records: number;
  readonly recordsAlerted: number;
  readonly recordRecall: number;
  readonly keyRecords: number;
  readonly keyRecordsAlerted: number;
  readonly found: boolean;
  readonly kgPlanted: number;
  readonly kgCaught: number;
  readonly usdPlanted: number;
  readonly usdCaught: number;
}

/** Which typologies each detector declares (from the registry), for per-typology precision. */
export type DetectorTypologies = ReadonlyMap<string, readonly string[]>;

export interface Evaluation {
  /** "all alerts" or "top N per day". */
  readonly budget: string;
  readonly alerts: number;
  readonly overall: Counts;
  readonly byDetector: readonly ({ readonly detectorId: string } & Pick<
    Counts,
    'truePositives' | 'falsePositives' | 'precision'
  >)[];
  readonly byTypology: readonly TypologyResult[];
  readonly byScheme: readonly SchemeResult[];
}

const recordKey = (kind: string, id: string): string => `${kind}\u0000${id}`;

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = groups.get(k);
    if (list === undefined) groups.set(k, (list = []));
    list.push(item);
  }
  return groups;
}

const byKey = <T>([a]: [string, T], [b]: [string, T]): number => (a < b ? -1 : a > b ? 1 : 0);
const sum = (list: readonly TruthRow[], f: (r: TruthRow) => number): number => list.reduce((s, r) => s + f(r), 0);

export function counts(tp: number, fp: number, fn: number): Counts {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision,
    recall,
    f1: f1(precision, recall),
  };
}

/** The highest-scoring `k` alerts of each day (ties broken by record id, for reproducibility). */
export function topPerDay(alerts: readonly AlertedRecord[], k: number): AlertedRecord[] {
  const byDay = new Map<string, AlertedRecord[]>();
  for (const a of alerts) {
    let list = byDay.get(a.day);
    if (list === undefined) byDay.set(a.day, (list = []));
    list.push(a);
  }
  const out: AlertedRecord[] = [];
  for (const list of byDay.values()) {
    list.sort((a, b) => b.score - a.score || (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
    out.push(...list.slice(0, k));
  }
  return out;
}

/**
 * Scores alerts against ground truth. Records are the unit (an alerted record is a true
 * positive when truth lists it, several alerts on one record count once); a scheme is found
 * when any of its key records is alerted. Kilograms and dollars caught are those of the alerted
 * truth records.
 */
export function evaluate(
  truth: readonly TruthRow[],
  alerts: readonly AlertedRecord[],
  budget = 'all alerts',
  detectorTypologies: DetectorTypologies = new Map(),
): Evaluation {
  const truthByKey = groupBy(truth, (t) => recordKey(t.recordKind, t.recordId));
  const alerted = new Set<string>();
  const detectorRecords = new Map<string, Set<string>>();
  for (const a of alerts) {
    const key = recordKey(a.recordKind, a.recordId);
    alerted.add(key);
    let set = detectorRecords.get(a.detectorId);
    if (set === undefined) detectorRecords.set(a.detectorId, (set = new Set()));
    set.add(key);
  }
  let tp = 0;
  for (const key of alerted) if (truthByKey.has(key)) tp++;
  const fp = alerted.size - tp;
  const fn = truthByKey.size - tp;

  const byDetector = [...detectorRecords.entries()]
    .map(([detectorId, keys]) => {
      let hits = 0;
      for (const key of keys) if (truthByKey.has(key)) hits++;
      return { detectorId, truePositives: hits, falsePositives: keys.size - hits, precision: ratio(hits, keys.size) };
    })
    .sort((a, b) => (a.detectorId < b.detectorId ? -1 : 1));

  /** Precision over the union of records alerted by the detectors that claim a typology. */
  const typologyPrecision = (typology: string): number => {
    const keys = new Set<string>();
    for (const [detectorId, records] of detectorRecords)
      if (detectorTypologies.get(detectorId)?.includes(typology)) for (const k of records) keys.add(k);
    let hits = 0;
    for (const k of keys) if (truthByKey.has(k)) hits++;
    return ratio(hits, keys.size);
  };
  const isAlerted = (r: TruthRow): boolean => alerted.has(recordKey(r.recordKind, r.recordId));

  const byTypology = [...groupBy(truth, (t) => t.typology).entries()].sort(byKey).map(([typology, rows]): TypologyResult => {
    const hit = rows.filter(isAlerted);
    const schemes = new Set(rows.map((r) => r.schemeId));
    const found = new Set(hit.filter((r) => r.keyRecord).map((r) => r.schemeId));
    const precision = typologyPrecision(typology);
    const recordRecall = ratio(hit.length, rows.length);
    return {
      typology,
      precision,
      f1: f1(precision, recordRecall),
      records: rows.length,
      recordsAlerted: hit.length,
      recordRecall,
      schemes: schemes.size,
      schemesFound: found.size,
      schemeRecall: ratio(found.size, schemes.size),
      kgPlanted: sum(rows, (r) => r.kg),
      kgCaught: sum(hit, (r) => r.kg),
      usdPlanted: sum(rows, (r) => r.usd),
      usdCaught: sum(hit, (r) => r.usd),
    };
  });

  const byScheme = [...groupBy(truth, (t) => t.schemeId).entries()].sort(byKey).map(([schemeId, rows]): SchemeResult => {
    const hit = rows.filter(isAlerted);
    const keyRows = rows.filter((r) => r.keyRecord);
    const keyHit = hit.filter((r) => r.keyRecord);
    return {
      schemeId,
      typology: rows[0]!.typology,
      records: rows.length,
      recordsAlerted: hit.length,
      recordRecall: ratio(hit.length, rows.length),
      keyRecords: keyRows.length,
      keyRecordsAlerted: keyHit.length,
      found: keyHit.length > 0,
      kgPlanted: sum(rows, (r) => r.kg),
      kgCaught: sum(hit, (r) => r.kg),
      usdPlanted: sum(rows, (r) => r.usd),
      usdCaught: sum(hit, (r) => r.usd),
    };
  });
  return { budget, alerts: alerts.length, overall: counts(tp, fp, fn), byDetector, byTypology, byScheme };
}
