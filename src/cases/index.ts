export {
  CASE_STATUSES,
  CASE_PRIORITIES,
  checkTransition,
  type CaseStatus,
  type CasePriority,
  type TransitionCheck,
} from './workflow.js';
export { CaseError } from './errors.js';
export {
  EVIDENCE_KINDS,
  type Case,
  type CaseFile,
  type CaseNote,
  type CaseEvidence,
  type CaseEntity,
  type CaseEvent,
  type EvidenceKind,
} from './case-types.js';
export {
  createCase,
  getCase,
  listCases,
  updateCase,
  addNote,
  addEvidence,
  linkEntity,
  caseFile,
  casesOfEntity,
  type NewCase,
  type CaseFilter,
  type CaseUpdate,
} from './case-store.js';
export {
  listAlertQueue,
  getQueuedAlert,
  triageAlert,
  TRIAGE_STATUSES,
  type TriageStatus,
  type QueuedAlert,
  type AlertQueueFilter,
  type TriageAction,
} from './triage.js';
export { canSeeTeam, visibleTeams } from './visibility.js';
