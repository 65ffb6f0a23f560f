import { appendAudit } from '../audit/index.js';
import { roleAtLeast, type Principal } from '../auth/index.js';
import type { AlertLevel, AlertReason, SubjectKind } from '../model/index.js';
import type { Sql, SqlRunner, SqlValue } from '../server/db/index.js';
import { createCase, escalateInto, type NewCase } from './case-store.js';
import type { Case } from './case-types.js';
import { CaseError } from './errors.js';
import { decodeCase, type CaseRow } from './rows.js';
import { canSeeTeam, visibleTeams } from './visibility.js';

export const TRIAGE_STATUSES = ['open', 'assigned', 'dismissed', 'escalated', 'closed'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

/** A detector's alert with the people's work on it. */
export interface QueuedAlert {
  readonly id: string;
  readonly detectorId: string;
  readonly subjectKind: SubjectKind;
  readonly subjectId: string;
  readonly score: number;
  readonly level: AlertLevel;
  readonly reasons: readonly AlertReason[];
  readonly createdAt: string;
  readonly status: TriageStatus;
  readonly assigneeId: string | null;
  readonly reason: string | null;
  /** The case it was escalated to; null as well when that case is in a compartment the reader is not in. */
  readonly caseId: string | null;
  readonly triagedBy: string | null;
  readonly triagedAt: string | null;
}

interface Row {
  id: string;
  detector_id: string;
  subject_kind: string;
  subject_id: string;
  score: number;
  level: string;
  reasons: string;
  created_at: string;
  status: string;
  assignee_id: string | null;
  reason: string | null;
  case_id: string | null;
  updated_by: string | null;
  updated_at: string | null;
}

const decode = (r: Row): QueuedAlert => ({
  id: r.id,
  detectorId: r.detector_id,
  subjectKind: r.subject_kind as SubjectKind,
  subjectId: r.subject_id,
  score: Number(r.score),
  level: r.level as AlertLevel,
  reasons: JSON.parse(r.reasons) as AlertReason[],
  createdAt: r.created_at,
  status: r.status as TriageStatus,
  assigneeId: r.assignee_id,
  reason: r.reason,
  caseId: r.case_id,
  triagedBy: r.updated_by,
  triagedAt: r.updated_at,
});

/** The alert joined with its triage; the case link is blanked when the case is hidden from the reader. */
function selectSql(principal: Principal): { sql: string; params: SqlValue[] } {
  const visible = visibleTeams(principal, 'c');
  return {
    sql: `SELECT a.id, a.detector_id, a.subject_kind, a.subject_id, a.score, a.level, a.reasons, a.created_at,
        COALESCE(t.status, a.status) AS status, t.assignee_id, t.reason,
        CASE WHEN t.case_id IS NOT NULL AND ${visible.sql} THEN t.case_id ELSE NULL END AS case_id,
        t.updated_by, t.updated_at
      FROM alerts a LEFT JOIN alert_triage t ON t.alert_id = a.id LEFT JOIN cases c ON c.id = t.case_id`,
    params: visible.params,
  };
}

export interface AlertQueueFilter {
  readonly detectorId?: string;
  readonly level?: AlertLevel;
  readonly status?: TriageStatus;
  readonly subjectKind?: SubjectKind;
  readonly subjectId?: string;
  readonly assigneeId?: string;
  /** Inclusive bounds on created_at (ISO date or timestamp). */
  readonly from?: string;
  readonly to?: string;
  readonly minScore?: number;
  readonly sort: 'score' | '-score' | 'createdAt' | '-createdAt';
  readonly limit: number;
  readonly offset: number;
}

const SORTS: Readonly<Record<AlertQueueFilter['sort'], string>> = {
  score: 'a.score ASC, a.id ASC',
  '-score': 'a.score DESC, a.id ASC',
  createdAt: 'a.created_at ASC, a.id ASC',
  '-createdAt': 'a.created_at DESC, a.id ASC',
};

/** A date-only upper bound covers the whole day. */
const upperBound = (to: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T23:59:59.999Z` : to);

export async function listAlertQueue(
  sql: Sql,
  principal: Principal,
  filter: AlertQueueFilter,
): Promise<{ items: QueuedAlert[]; total: number }> {
  const base = selectSql(principal);
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (condition: string, value: SqlValue): void => {
    where.push(condition);
    params.push(value);
  };
  if (filter.detectorId !== undefined) add('a.detector_id = ?', filter.detectorId);
  if (filter.level !== undefined) add('a.level = ?', filter.level);
  if (filter.status !== undefined) add('COALESCE(t.status, a.status) = ?', filter.status);
  if (filter.subjectKind !== undefined) add('a.subject_kind = ?', filter.subjectKind);
  if (filter.subjectId !== undefined) add('a.subject_id = ?', filter.subjectId);
  if (filter.assigneeId !== undefined) add('t.assignee_id = ?', filter.assigneeId);
  if (filter.from !== undefined) add('a.created_at >= ?', filter.from);
  if (filter.to !== undefined) add('a.created_at <= ?', upperBound(filter.to));
  if (filter.minScore !== undefined) add('a.score >= ?', filter.minScore);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await sql.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM alerts a LEFT JOIN alert_triage t ON t.alert_id = a.id ${clause}`,
    params,
  );
  const rows = await sql.all<Row>(`${base.sql} ${clause} ORDER BY ${SORTS[filter.sort]} LIMIT ? OFFSET ?`, [
    ...base.params,
    ...params,
    filter.limit,
    filter.offset,
  ]);
  return { items: rows.map(decode), total: Number(total?.n ?? 0) };
}

export async function getQueuedAlert(db: SqlRunner, principal: Principal, id: string): Promise<QueuedAlert | undefined> {
  const base = selectSql(principal);
  const row = await db.get<Row>(`${base.sql} WHERE a.id = ?`, [...base.params, id]);
  return row && decode(row);
}

export type TriageAction =
  | { readonly action: 'assign'; readonly assigneeId: string }
  | { readonly action: 'dismiss'; readonly reason: string }
  | { readonly action: 'reopen' }
  | { readonly action: 'escalate'; readonly caseId: string }
  | { readonly action: 'escalate'; readonly newCase: Omit<NewCase, 'alertIds'> };

async function setTriage(
  tx: SqlRunner,
  principal: Principal,
  alertId: string,
  status: TriageStatus,
  assigneeId: string | null,
  reason: string | null,
): Promise<void> {
  await tx.run(
    `INSERT INTO alert_triage (alert_id, status, assignee_id, reason, case_id, updated_by, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?)
     ON CONFLICT (alert_id) DO UPDATE SET status = excluded.status, assignee_id = excluded.assignee_id, reason = excluded.reason,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [alertId, status, assigneeId, reason, principal.userId, new Date().toISOString()],
  );
}

/**
 * One triage step on an alert, audited. Escalating links the alert to an existing case the
 * user can see, or opens a new case from it.
 */
export async function triageAlert(
  sql: Sql,
  principal: Principal,
  alertId: string,
  step: TriageAction,
): Promise<{ alert: QueuedAlert; case?: Case }> {
  if (!(await sql.get('SELECT id FROM alerts WHERE id = ?', [alertId]))) throw new CaseError('NOT_FOUND', `no alert ${alertId}`);
  if (step.action === 'escalate' && 'newCase' in step) {
    const created = await createCase(sql, principal, { ...step.newCase, alertIds: [alertId] });
    return { alert: (await getQueuedAlert(sql, principal, alertId))!, case: created };
  }
  return sql.transaction(async (tx) => {
    let linked: Case | undefined;
    switch (step.action) {
      case 'assign': {
        if (step.assigneeId !== principal.userId && !roleAtLeast(principal.role, 'supervisor'))
          throw new CaseError('FORBIDDEN', 'assigning an alert to someone else needs the supervisor role');
        const user = await tx.get<{ active: number }>('SELECT active FROM users WHERE id = ?', [step.assigneeId]);
        if (user === undefined || Number(user.active) !== 1)
          throw new CaseError('INVALID', `no active user ${step.assigneeId}`, { field: 'assigneeId' });
        await setTriage(tx, principal, alertId, 'assigned', step.assigneeId, null);
        break;
      }
      case 'dismiss':
        await setTriage(tx, principal, alertId, 'dismissed', null, step.reason);
        break;
      case 'reopen':
        await setTriage(tx, principal, alertId, 'open', null, null);
        break;
      case 'escalate': {
        const row = 'caseId' in step ? await tx.get<CaseRow>('SELECT * FROM cases WHERE id = ?', [step.caseId]) : undefined;
        if (row === undefined || !canSeeTeam(principal, row.team))
          throw new CaseError('INVALID', `no case ${'caseId' in step ? step.caseId : ''}`, { field: 'caseId' });
        linked = decodeCase(row);
        await escalateInto(tx, principal, linked, alertId);
        break;
      }
    }
    if (step.action !== 'escalate')
      await appendAudit(tx, {
        actor: principal.userId,
        action: `alert.${step.action}`,
        targetKind: 'alert',
        targetId: alertId,
        team: null,
        detail: { ...step },
      });
    const alert = await getQueuedAlert(tx, principal, alertId);
    return linked === undefined ? { alert: alert! } : { alert: alert!, case: linked };
  });
}
