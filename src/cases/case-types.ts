import type { CasePriority, CaseStatus } from './workflow.js';

export interface Case {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly status: CaseStatus;
  readonly priority: CasePriority;
  readonly assigneeId: string | null;
  /** The compartment; null = visible to every signed-in user. */
  readonly team: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Incremented by every update; an update names the version it read (optimistic locking). */
  readonly version: number;
}

export interface CaseNote {
  readonly id: string;
  readonly authorId: string;
  readonly body: string;
  readonly createdAt: string;
}

export const EVIDENCE_KINDS = ['alert', 'shipment', 'transaction', 'entity', 'document', 'url'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface CaseEvidence {
  readonly id: string;
  readonly kind: EvidenceKind;
  readonly ref: string;
  readonly note: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

export interface CaseEntity {
  readonly entityId: string;
  readonly role: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

export interface CaseEvent {
  readonly id: string;
  readonly at: string;
  readonly actorId: string;
  readonly kind: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Everything about one case, as exported. */
export interface CaseFile {
  readonly case: Case;
  readonly notes: readonly CaseNote[];
  readonly evidence: readonly CaseEvidence[];
  readonly entities: readonly CaseEntity[];
  readonly timeline: readonly CaseEvent[];
}
