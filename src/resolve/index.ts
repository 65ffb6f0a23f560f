export {
  loadResolutionPolicy,
  parseResolutionPolicy,
  resolutionPolicySchema,
  ResolutionPolicyError,
  DEFAULT_RESOLUTION_POLICY_FILE,
  FIELDS,
  foldHeader,
  type Field,
  type ResolutionPolicy,
  type ResolutionPolicyData,
} from './policy.js';
export { recogniseColumns, describeColumns, FieldMappingError, INPUT_FIELDS, type ColumnMap, type InputField } from './fields.js';
export { parseDate, formatDate, parsePhone, parseEmail, parseCountry, parseIdentifiers, normaliseAddress } from './values.js';
export { RecordTableBuilder, type RecordInput, type RecordTable } from './record-table.js';
export { PairComparer, LEVELS, FIELD_COUNT, compareDates } from './compare.js';
export { candidatePairs, type CandidatePairs, type BlockingStats } from './blocking.js';
export {
  trainEm,
  trainModel,
  NAME_FIELD,
  nameFrequencyAdjustment,
  estimateU,
  countPatterns,
  weightsOf,
  evidenceWeight,
  probabilityOf,
  weightForProbability,
  type FellegiSunterModel,
  type FieldWeights,
  type PatternCounts,
} from './fellegi-sunter.js';
export {
  clusterLinks,
  outcomeName,
  LINK_OUTCOMES,
  type LinkOutcome,
  type Links,
  type RecordDecisions,
  type Clustering,
  type ClusterOptions,
} from './cluster.js';
export { pairEvidence, explainEvidence, type FieldEvidence } from './explain.js';
export { resolveRecords, recordKey, type Resolution, type ResolveOptions, type ResolveStats } from './resolve.js';
export { readRecordFile, sourceNames, type FileReport } from './read-records.js';
export {
  resolveFiles,
  weightTable,
  CLUSTERS_HEADER,
  PAIRS_HEADER,
  type ResolveFilesOptions,
  type ResolveFilesSummary,
} from './resolve-files.js';
export {
  resolveStore,
  loadStoredResolver,
  recordMerge,
  recordSplit,
  recordFromEntity,
  foldDecisions,
  DecisionError,
  PARTY_SCHEMATA,
  STORE_SOURCE,
  type StoreResolveSummary,
} from './store-resolve.js';
