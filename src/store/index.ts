export type * from './store.js';
export {
  DatasetError,
  entityContentHash,
  checkDatasetName,
  type DatasetChange,
  type DatasetLoad,
  type DatasetRecord,
  type DatasetVersion,
} from './datasets.js';
export type {
  ClusterLink,
  ClusterMember,
  DecisionKind,
  ResolutionDecision,
  ResolutionRun,
  ResolutionWrite,
} from './resolution.js';
export type { ScreeningIndexRecord } from './index-cache.js';
export { openStore, resolveDbLocation, isPostgresUrl, DEFAULT_DB } from './open-store.js';
export { SqliteStore } from './sqlite/sqlite-store.js';
