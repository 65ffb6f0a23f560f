// The shapes the workbench reads from the investigation API (src/server/routes). Kept by hand:
// the web app is built separately and must not import server code.

export type Role = 'viewer' | 'analyst' | 'supervisor' | 'admin';
export const ROLE_RANK: Record<Role, number> = { viewer: 0, analyst: 1, supervisor: 2, admin: 3 };
export const atLeast = (role: Role, least: Role): boolean => ROLE_RANK[role] >= ROLE_RANK[least];

export interface User {
  id: string;
  name: string;
  role: Role;
  teams: string[];
  active?: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  nextOffset: number | null;
}

export interface AlertReason {
  ruleId: string;
  weight: number;
  text: string;
  evidence: string[];
}

export const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const STATUSES = ['open', 'assigned', 'dismissed', 'escalated', 'closed'] as const;
export type Level = (typeof LEVELS)[number];
export type Status = (typeof STATUSES)[number];

export interface Alert {
  id: string;
  detectorId: string;
  subjectKind: 'entity' | 'shipment' | 'transaction' | 'account';
  subjectId: string;
  score: number;
  level: Level;
  reasons: AlertReason[];
  createdAt: string;
  status: Status;
  assigneeId: string | null;
  reason: string | null;
  caseId: string | null;
  triagedBy: string | null;
  triagedAt: string | null;
}

export interface Provenance {
  dataset: string;
  source?: string;
  file?: string;
  line?: number;
  retrievedAt?: string;
  [key: string]: unknown;
}

export interface Statement {
  prop: string;
  value: string;
  provenance: Provenance;
  [key: string]: unknown;
}

export interface Entity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

export interface EntityProfile {
  entity: Entity;
  statements: Statement[];
  datasets: string[];
  links: unknown[];
  alerts: Alert[];
  cases: Case[];
}

export interface SearchHit {
  id: string;
  schema: string;
  score: number;
  name: string;
}

export interface Case {
  id: string;
  title: string;
  description: string;
  status: 'open' | 'investigating' | 'referred' | 'closed';
  priority: string;
  assigneeId: string | null;
  team: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CaseFile {
  case: Case;
  notes: { id: string; authorId: string; body: string; createdAt: string }[];
  evidence: { id: string; kind: string; ref: string; note: string; addedBy: string; addedAt: string }[];
  entities: { entityId: string; role: string; addedBy: string; addedAt: string }[];
  timeline: { id: string; at: string; actorId: string; kind: string; detail: Record<string, unknown> }[];
}

export interface Shipment {
  id: string;
  arrivalDate: string | null;
  mode?: string | null;
  originCountry: string | null;
  shipperName: string | null;
  consigneeName: string | null;
  consigneeCountry: string | null;
  description: string | null;
  hsCode: string | null;
  declaredValueUsd: number | null;
  grossWeightKg?: number | null;
  transitCountries?: string[];
}

export interface Transaction {
  id: string;
  ts: number | string;
  debtorAccount: string | null;
  debtorName: string | null;
  creditorAccount: string | null;
  creditorName: string | null;
  amount: number;
  currency: string;
  amountUsd: number | null;
  channel: string | null;
}
