import type { Case, CaseEntity, CaseEvent, CaseEvidence, CaseNote, EvidenceKind } from './case-types.js';
import type { CasePriority, CaseStatus } from './workflow.js';

export interface CaseRow {
  id: string;
  title: string;
  description: string;
  status: string;
  priority: string;
  assignee_id: string | null;
  team: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

// Rows are written only through this folder, which validates every value it writes.
export const decodeCase = (r: CaseRow): Case => ({
  id: r.id,
  title: r.title,
  description: r.description,
  status: r.status as CaseStatus,
  priority: r.priority as CasePriority,
  assigneeId: r.assignee_id,
  team: r.team,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: Number(r.version),
});

export const decodeNote = (r: { id: string; author_id: string; body: string; created_at: string }): CaseNote => ({
  id: r.id,
  authorId: r.author_id,
  body: r.body,
  createdAt: r.created_at,
});

export const decodeEvidence = (r: {
  id: string;
  kind: string;
  ref: string;
  note: string;
  added_by: string;
  added_at: string;
}): CaseEvidence => ({
  id: r.id,
  kind: r.kind as EvidenceKind,
  ref: r.ref,
  note: r.note,
  addedBy: r.added_by,
  addedAt: r.added_at,
});

export const decodeCaseEntity = (r: { entity_id: string; role: string; added_by: string; added_at: string }): CaseEntity => ({
  entityId: r.entity_id,
  role: r.role,
  addedBy: r.added_by,
  addedAt: r.added_at,
});

export const decodeEvent = (r: { id: string; at: string; actor_id: string; kind: string; detail: string }): CaseEvent => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  kind: r.kind,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});
