export {
  loadMatchingPolicy,
  parseMatchingPolicy,
  matchingPolicySchema,
  MatchingPolicyError,
  DEFAULT_MATCHING_POLICY_FILE,
  type MatchingPolicy,
  type MatchingPolicyData,
} from './policy.js';
export { foldWords } from './fold.js';
export { prepareName, type PreparedName, type NameClass, type LegalFormFeature } from './prepare.js';
export { compareNames, type NameComparison, type PartMatch, type PartMissing, type PartConflict } from './name-compare.js';
export { parseIdentifier, parseIdentifierList, isValidUscc, isValidImo, type Identifier } from './identifiers.js';
export { compareFacts, type FactEvidence } from './facts.js';
export {
  subjectFromEntity,
  isScreenable,
  nameClassOf,
  schemataCompatible,
  QUERY_SCHEMATA,
  type MatchSubject,
} from './subject.js';
export { Matcher, type MatchResult, type PreparedSubject } from './matcher.js';
export { explainMatch } from './explain.js';
export { CandidateIndex, CandidateIndexBuilder, nameBlockingKeys, type IndexStats } from './candidate-index.js';
export { Screener, ScreenerBuilder, type ScreenHit, type ListedEntity } from './screener.js';
export {
  encodeScreener,
  decodeScreener,
  screeningCodeFingerprint,
  IndexCodecError,
  INDEX_FORMAT_VERSION,
  type DecodedScreener,
  type ExtraColumns,
} from './index-codec.js';
export { loadLists, describeRejections, ListError, type ListLoadReport } from './list-source.js';
export { screenNamesFile, SCREEN_NAMES_HEADER, type ScreenNamesSummary } from './screen-names-file.js';
export { scorePairsFile, type ScorePairsSummary } from './score-pairs-file.js';
export { parseQueryRow, QUERY_COLUMNS } from './query-row.js';
export { GrowableUint32, GrowableUint8 } from './typed-buffers.js';
