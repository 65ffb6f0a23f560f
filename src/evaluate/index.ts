export { readTruth } from './truth-file.js';
export {
  evaluate,
  topPerDay,
  counts,
  type AlertedRecord,
  type Evaluation,
  type TypologyResult,
  type SchemeResult,
  type DetectorTypologies,
  type Counts,
} from './metrics.js';
export { readAlertsFile, alertedRecords } from './alert-source.js';
export { formatEvaluation, evaluationCsv, schemesCsv } from './report.js';
