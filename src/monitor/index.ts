export { TableBuilder, buildTable, row, type TransactionTable } from './table.js';
export { ContextBuilder, EMPTY_CONTEXT, type EntityContext, type Holder } from './context.js';
export { MONITOR_DETECTORS } from './detectors/index.js';
export type { Finding, MonitorDetector, RuleInput, RuleMeta } from './rule.js';
export { DEFAULT_POLICY_PATH, PolicyError, loadPolicy, parsePolicy, keyTermsFor, type Policy } from './policy.js';
export { analyse, type MonitorResult, type SubjectScore, type WeightedFinding } from './engine.js';
export { buildAlerts, MONITOR_DETECTOR_ID, MONITOR_VERSION } from './alerts.js';
export { loadFromStore, monitorStore, transactionMonitoringDetector } from './store-detector.js';
export { screenTransactionsFile, SCORED_COLUMNS, type ScreenOptions, type ScreenSummary } from './screen-file.js';
