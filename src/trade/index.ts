/** Trade screening: explained shipment risk scores and split-shipment detection (issue 4). */
export { assessShipment, assessRejected, ROW_RULES, type RowFacts, type AssessOptions } from './assess.js';
export { tradeScreeningDetector, TRADE_TYPOLOGIES, type TradeDetectorOptions } from './detector.js';
export { describeGoods, GoodsCache, type GoodsFacts } from './goods.js';
export { lowValueLookup } from './low-value.js';
export {
  DEFAULT_POLICY_FILE,
  loadPolicy,
  parsePolicy,
  PolicyError,
  policySchema,
  type PolicyInput,
  type SplitKeyKind,
  type TradePolicy,
} from './policy.js';
export { RULE_IDS, type RuleId } from './rule-ids.js';
export type { RowContext, RowRule, WatchlistHook, WatchlistMatch } from './rules/context.js';
export { scoreReasons, type Score } from './score.js';
export {
  alertFor,
  SCREEN_COLUMNS,
  screenShipmentsFile,
  TRADE_DETECTOR_ID,
  TRADE_DETECTOR_VERSION,
  type ScreenFileOptions,
  type ScreenFileSummary,
} from './screen-file.js';
export { ScreeningRun, type ScreenedRow, type ScreeningOptions, type ScreeningStats } from './screening-run.js';
export { ShipperClusters, type ShipperFacts } from './shipper-clusters.js';
export { SplitDetector, type SplitFacts, type SplitKey } from './split/split-detector.js';
export { dayNumber, windowStart, type WindowKind } from './split/windows.js';
