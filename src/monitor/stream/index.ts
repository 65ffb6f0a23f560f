export {
  StreamEngine,
  DEFAULT_STREAM_OPTIONS,
  MAX_EVIDENCE,
  type Decision,
  type DecisionReason,
  type StreamEngineOptions,
} from './engine.js';
export { parseTransactionLine, TransactionLine, type ParsedLine } from './input.js';
export { STREAM_SUPPORT, streamSupport, streamPolicy, retentionMs, type StreamSupport } from './profile.js';
export { parsePartition, inPartition, originator, stableHash, WHOLE_STREAM, type Partition } from './partition.js';
export { CheckpointError, CheckpointMeta } from './checkpoint.js';
export { MonitorSession, type SessionOptions, type SessionCounts } from './session.js';
export { runLines, runJetStream, type JetStreamOptions } from './sources.js';
export { PauseReport, type WorkCounters } from './pauses.js';
export { warmUp } from './warm-up.js';
export { allowHeapGrowth, DEFAULT_HEAP_GROWTH_PERCENT } from './heap-growth.js';
export { MAX_RING_CAPACITY } from './account-rings.js';
