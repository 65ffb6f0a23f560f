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
}

const recordKey = (kind: string, id: string): string => `${kind}\u0000${id}`;

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function counts(tp: number, fp: number, fn: number): Counts {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
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
export function evaluate(truth: readonly TruthRow[], alerts: readonly AlertedRecord[], budget = 'all alerts'): Evaluation {
  const truthByKey = new Map<string, TruthRow[]>();
  for (const t of truth) {
    const key = recordKey(t.recordKind, t.recordId);
    let list = truthByKey.get(key);
    if (list === undefined) truthByKey.set(key, (list = []));
    list.push(t);
  }
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

  const typologies = new Map<string, TruthRow[]>();
  for (const t of truth) {
    let list = typologies.get(t.typology);
    if (list === undefined) typologies.set(t.typology, (list = []));
    list.push(t);
  }
  const byTypology = [...typologies.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([typology, rows]): TypologyResult => {
      const hit = rows.filter((r) => alerted.has(recordKey(r.recordKind, r.recordId)));
      const schemes = new Set(rows.map((r) => r.schemeId));
      const found = new Set(hit.filter((r) => r.keyRecord).map((r) => r.schemeId));
      const sum = (list: readonly TruthRow[], f: (r: TruthRow) => number): number => list.reduce((s, r) => s + f(r), 0);
      return {
        typology,
        records: rows.length,
        recordsAlerted: hit.length,
        recordRecall: ratio(hit.length, rows.length),
        schemes: schemes.size,
        schemesFound: found.size,
        schemeRecall: ratio(found.size, schemes.size),
        kgPlanted: sum(rows, (r) => r.kg),
        kgCaught: sum(hit, (r) => r.kg),
        usdPlanted: sum(rows, (r) => r.usd),
        usdCaught: sum(hit, (r) => r.usd),
      };
    });
  return { budget, alerts: alerts.length, overall: counts(tp, fp, fn), byDetector, byTypology };
}
