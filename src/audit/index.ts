export { canonicalJson } from './canonical.js';
export { chainHash, eventOf, ChainVerifier, GENESIS_HASH, type AuditEvent, type AuditRow, type ChainBreak } from './chain.js';
export {
  appendAudit,
  recordAudit,
  listAudit,
  verifyAudit,
  type AuditEntry,
  type AuditFilter,
  type VerifyReport,
} from './audit-log.js';
