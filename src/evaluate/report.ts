import { csvLine } from '../export/index.js';
import type { Evaluation } from './metrics.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const num = (x: number): string => Math.round(x).toLocaleString('en-US');

/** A human-readable report: overall figures, per detector, per typology. */
export function formatEvaluation(e: Evaluation): string {
  const o = e.overall;
  const lines = [
    `${e.budget}: ${e.alerts} alerts`,
    `  records: precision ${pct(o.precision)}  recall ${pct(o.recall)}  F1 ${pct(o.f1)}  (TP ${o.truePositives}, FP ${o.falsePositives}, FN ${o.falseNegatives})`,
  ];
  for (const d of e.byDetector)
    lines.push(`  detector ${d.detectorId}: precision ${pct(d.precision)} (TP ${d.truePositives}, FP ${d.falsePositives})`);
  lines.push(
    '  typology                        records  recall  precision      F1   schemes found  recall   kg caught/planted      USD caught/planted',
  );
  for (const t of e.byTypology) {
    lines.push(
      `  ${t.typology.padEnd(30)} ${String(t.records).padStart(8)} ${pct(t.recordRecall).padStart(7)} ${pct(t.precision).padStart(10)} ${pct(t.f1).padStart(7)} ${String(t.schemes).padStart(9)} ${String(t.schemesFound).padStart(5)} ${pct(t.schemeRecall).padStart(7)}` +
        `   ${`${num(t.kgCaught)}/${num(t.kgPlanted)}`.padStart(17)}   ${`${num(t.usdCaught)}/${num(t.usdPlanted)}`.padStart(20)}`,
    );
  }
  // Every scheme is in the JSON and --schemes-out; the text names only the ones missed.
  const missed = e.byScheme.filter((s) => !s.found);
  lines.push(`  schemes missed: ${missed.length === 0 ? 'none' : missed.map((s) => `${s.schemeId} (${s.typology})`).join(', ')}`);
  return lines.join('\n');
}

export const EVALUATION_CSV_COLUMNS = [
  'budget',
  'typology',
  'records',
  'records_alerted',
  'record_recall',
  'precision',
  'f1',
  'schemes',
  'schemes_found',
  'scheme_recall',
  'kg_planted',
  'kg_caught',
  'usd_planted',
  'usd_caught',
  'overall_precision',
  'overall_recall',
  'overall_f1',
] as const;

/** One CSV row per budget and typology, with the overall figures repeated for filtering. */
export function evaluationCsv(evaluations: readonly Evaluation[]): string {
  let out = csvLine(EVALUATION_CSV_COLUMNS);
  for (const e of evaluations) {
    for (const t of e.byTypology) {
      out += csvLine([
        e.budget,
        t.typology,
        t.records,
        t.recordsAlerted,
        t.recordRecall,
        t.precision,
        t.f1,
        t.schemes,
        t.schemesFound,
        t.schemeRecall,
        t.kgPlanted,
        t.kgCaught,
        t.usdPlanted,
        t.usdCaught,
        e.overall.precision,
        e.overall.recall,
        e.overall.f1,
      ]);
    }
  }
  return out;
}

export const SCHEME_CSV_COLUMNS = [
  'budget',
  'scheme_id',
  'typology',
  'found',
  'records',
  'records_alerted',
  'record_recall',
  'key_records',
  'key_records_alerted',
  'kg_planted',
  'kg_caught',
  'usd_planted',
  'usd_caught',
] as const;

/** One CSV row per budget and planted scheme. */
export function schemesCsv(evaluations: readonly Evaluation[]): string {
  let out = csvLine(SCHEME_CSV_COLUMNS);
  for (const e of evaluations)
    for (const s of e.byScheme)
      out += csvLine([
        e.budget,
        s.schemeId,
        s.typology,
        String(s.found),
        s.records,
        s.recordsAlerted,
        s.recordRecall,
        s.keyRecords,
        s.keyRecordsAlerted,
        s.kgPlanted,
        s.kgCaught,
        s.usdPlanted,
        s.usdCaught,
      ]);
  return out;
}
