import { randomUUID } from 'node:crypto';
import { appendAudit, recordAudit } from '../audit/index.js';
import { roleAtLeast, type Principal } from '../auth/index.js';
import type { Sql, SqlRunner, SqlValue } from '../server/db/index.js';
import type { Case, CaseFile, EvidenceKind } from './case-types.js';
import { CaseError } from './errors.js';
import { decodeCase, decodeCaseEntity, decodeEvent, decodeEvidence, decodeNote, type CaseRow } from './rows.js';
import { canSeeTeam, visibleTeams } from './visibility.js';
import { checkTransition, type CasePriority, type CaseStatus } from './workflow.js';

/**
 * A case change: one audit row and one timeline event, in the caller's transaction. Returns the
 * audit row's seq, which also orders the notes and evidence the change adds.
 */
async function record(
  tx: SqlRunner,
  actor: Principal,
  c: Pick<Case, 'id' | 'team'>,
  kind: string,
  detail: Record<string, unknown>,
): Promise<number> {
  const audited = await appendAudit(tx, {
    actor: actor.userId,
    action: `case.${kind}`,
    targetKind: 'case',
    targetId: c.id,
    team: c.team,
    detail,
  });
  await tx.run('INSERT INTO case_events (id, case_id, seq, at, actor_id, kind, detail) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    randomUUID(),
    c.id,
    audited.seq,
    audited.at,
    actor.userId,
    kind,
    JSON.stringify(detail),
  ]);
  return audited.seq;
}

/** The case if the principal may see it; undefined otherwise (a hidden case is "not found"). */
async function visibleCase(db: SqlRunner, principal: Principal, id: string): Promise<Case | undefined> {
  const row = await db.get<CaseRow>('SELECT * FROM cases WHERE id = ?', [id]);
  if (row === undefined || !canSeeTeam(principal, row.team)) return undefined;
  return decodeCase(row);
}

const notFound = (id: string): CaseError => new CaseError('NOT_FOUND', `no case ${id}`);

async function checkAssignee(db: SqlRunner, principal: Principal, assigneeId: string | null, team: string | null): Promise<void> {
  if (assigneeId === null) return;
  if (assigneeId !== principal.userId && !roleAtLeast(principal.role, 'supervisor'))
    throw new CaseError('FORBIDDEN', 'assigning a case to someone else needs the supervisor role');
  const user = await db.get<{ id: string; active: number }>('SELECT id, active FROM users WHERE id = ?', [assigneeId]);
  if (user === undefined || Number(user.active) !== 1)
    throw new CaseError('INVALID', `no active user ${assigneeId}`, { field: 'assigneeId' });
  if (team !== null && !(await db.get('SELECT user_id FROM user_teams WHERE user_id = ? AND team = ?', [assigneeId, team])))
    throw new CaseError('INVALID', `user ${assigneeId} is not in team ${team}`, { field: 'assigneeId' });
}

export interface NewCase {
  readonly title: string;
  readonly description?: string;
  readonly priority?: CasePriority;
  readonly team?: string | null;
  readonly assigneeId?: string | null;
  readonly alertIds?: readonly string[];
  readonly entityIds?: readonly string[];
}

/** Links an alert to a case as evidence and marks it escalated (inside the case's transaction). */
export async function escalateInto(tx: SqlRunner, principal: Principal, c: Case, alertId: string): Promise<string> {
  const alert = await tx.get<{ id: string }>('SELECT id FROM alerts WHERE id = ?', [alertId]);
  if (alert === undefined) throw new CaseError('INVALID', `no alert ${alertId}`, { field: 'alertIds' });
  const now = new Date().toISOString();
  await tx.run(
    `INSERT INTO alert_triage (alert_id, status, assignee_id, reason, case_id, updated_by, updated_at) VALUES (?, 'escalated', NULL, NULL, ?, ?, ?)
     ON CONFLICT (alert_id) DO UPDATE SET status = 'escalated', case_id = excluded.case_id, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [alertId, c.id, principal.userId, now],
  );
  const evidenceId = randomUUID();
  const seq = await record(tx, principal, c, 'escalate', { alertId, evidenceId });
  await tx.run(
    'INSERT INTO case_evidence (id, case_id, seq, kind, ref, note, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [evidenceId, c.id, seq, 'alert', alertId, '', principal.userId, now],
  );
  return evidenceId;
}

export async function createCase(sql: Sql, principal: Principal, input: NewCase): Promise<Case> {
  const team = input.team ?? null;
  if (team !== null && !principal.teams.includes(team))
    throw new CaseError('FORBIDDEN', `you can only restrict a case to a team you are in (not ${team})`, { field: 'team' });
  const id = randomUUID();
  return sql.transaction(async (tx) => {
    if (team !== null && !(await tx.get('SELECT name FROM teams WHERE name = ?', [team])))
      throw new CaseError('INVALID', `no team ${team}`, { field: 'team' });
    await checkAssignee(tx, principal, input.assigneeId ?? null, team);
    const now = new Date().toISOString();
    await tx.run(
      `INSERT INTO cases (id, title, description, status, priority, assignee_id, team, created_by, created_at, updated_at, version)
       VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, 1)`,
      [
        id,
        input.title,
        input.description ?? '',
        input.priority ?? 'medium',
        input.assigneeId ?? null,
        team,
        principal.userId,
        now,
        now,
      ],
    );
    const created = decodeCase((await tx.get<CaseRow>('SELECT * FROM cases WHERE id = ?', [id]))!);
    await record(tx, principal, created, 'create', {
      title: created.title,
      priority: created.priority,
      team,
      assigneeId: created.assigneeId,
    });
    for (const alertId of new Set(input.alertIds ?? [])) await escalateInto(tx, principal, created, alertId);
    for (const entityId of new Set(input.entityIds ?? [])) await linkEntityIn(tx, principal, created, entityId, 'subject');
    return created;
  });
}

/** Reads a case; a read of a restricted case is audited. */
export async function getCase(sql: Sql, principal: Principal, id: string): Promise<Case> {
  const c = await visibleCase(sql, principal, id);
  if (c === undefined) throw notFound(id);
  if (c.team !== null)
    await recordAudit(sql, {
      actor: principal.userId,
      action: 'case.read',
      targetKind: 'case',
      targetId: id,
      team: c.team,
      detail: {},
    });
  return c;
}

export interface CaseFilter {
  readonly status?: CaseStatus;
  readonly priority?: CasePriority;
  readonly assigneeId?: string;
  readonly team?: string;
  /** Words of the title. */
  readonly q?: string;
  readonly sort: 'updatedAt' | '-updatedAt' | 'createdAt' | '-createdAt' | 'priority' | '-priority';
  readonly limit: number;
  readonly offset: number;
}

const SORTS: Readonly<Record<CaseFilter['sort'], string>> = {
  updatedAt: 'updated_at ASC, id ASC',
  '-updatedAt': 'updated_at DESC, id DESC',
  createdAt: 'created_at ASC, id ASC',
  '-createdAt': 'created_at DESC, id DESC',
  priority: `CASE priority WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 ELSE 3 END ASC, id ASC`,
  '-priority': `CASE priority WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 ELSE 3 END DESC, id DESC`,
};

/** Cases the principal may see, filtered and sorted; restricted cases of other teams never appear. */
export async function listCases(sql: Sql, principal: Principal, filter: CaseFilter): Promise<{ items: Case[]; total: number }> {
  const visible = visibleTeams(principal, 'c');
  const where = [visible.sql];
  const params: SqlValue[] = [...visible.params];
  for (const [column, value] of [
    ['status', filter.status],
    ['priority', filter.priority],
    ['assignee_id', filter.assigneeId],
    ['team', filter.team],
  ] as const) {
    if (value !== undefined) {
      where.push(`c.${column} = ?`);
      params.push(value);
    }
  }
  for (const word of (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean)) {
    // Bound parameters carry the words; LIKE wildcards typed by the user are escaped.
    where.push(`LOWER(c.title) LIKE ? ESCAPE '\\'`);
    params.push(`%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  }
  const clause = where.join(' AND ');
  const total = await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM cases c WHERE ${clause}`, params);
  const rows = await sql.all<CaseRow>(`SELECT c.* FROM cases c WHERE ${clause} ORDER BY ${SORTS[filter.sort]} LIMIT ? OFFSET ?`, [
    ...params,
    filter.limit,
    filter.offset,
  ]);
  return { items: rows.map(decodeCase), total: Number(total?.n ?? 0) };
}

export interface CaseUpdate {
  /** The version the client read; a stale one is refused with CONFLICT. */
  readonly version: number;
  readonly title?: string;
  readonly description?: string;
  readonly status?: CaseStatus;
  readonly priority?: CasePriority;
  readonly assigneeId?: string | null;
}

/**
 * Applies an update if the case is still at the version the client read. The compare-and-set
 * is one UPDATE ... WHERE version = ?, so of two concurrent updates from the same version
 * exactly one wins, on SQLite and on PostgreSQL alike, and the other gets CONFLICT.
 */
export async function updateCase(sql: Sql, principal: Principal, id: string, update: CaseUpdate): Promise<Case> {
  return sql.transaction(async (tx) => {
    const before = await visibleCase(tx, principal, id);
    if (before === undefined) throw notFound(id);
    if (before.version !== update.version)
      throw new CaseError('CONFLICT', `case ${id} is at version ${before.version}, not ${update.version}: reload and retry`, {
        currentVersion: before.version,
      });
    if (update.status !== undefined) {
      const check = checkTransition(before.status, update.status, principal.role);
      if (!check.ok)
        throw new CaseError(check.reason.includes('needs the') ? 'FORBIDDEN' : 'INVALID', check.reason, { field: 'status' });
    }
    if (update.assigneeId !== undefined && update.assigneeId !== before.assigneeId)
      await checkAssignee(tx, principal, update.assigneeId, before.team);
    const next = {
      title: update.title ?? before.title,
      description: update.description ?? before.description,
      status: update.status ?? before.status,
      priority: update.priority ?? before.priority,
      assigneeId: update.assigneeId === undefined ? before.assigneeId : update.assigneeId,
    };
    const changed = await tx.run(
      `UPDATE cases SET title = ?, description = ?, status = ?, priority = ?, assignee_id = ?, updated_at = ?, version = version + 1
       WHERE id = ? AND version = ?`,
      [next.title, next.description, next.status, next.priority, next.assigneeId, new Date().toISOString(), id, update.version],
    );
    if (changed === 0) throw new CaseError('CONFLICT', `case ${id} changed while it was being updated: reload and retry`);
    const diff = Object.fromEntries(
      (Object.keys(next) as (keyof typeof next)[])
        .filter((k) => next[k] !== before[k])
        .map((k) => [k, { from: before[k], to: next[k] }]),
    );
    await record(tx, principal, before, update.status !== undefined && update.status !== before.status ? 'status' : 'update', {
      version: update.version + 1,
      changes: diff,
    });
    return decodeCase((await tx.get<CaseRow>('SELECT * FROM cases WHERE id = ?', [id]))!);
  });
}

export async function addNote(sql: Sql, principal: Principal, id: string, body: string): Promise<CaseFile['notes'][number]> {
  return sql.transaction(async (tx) => {
    const c = await visibleCase(tx, principal, id);
    if (c === undefined) throw notFound(id);
    const note = { id: randomUUID(), authorId: principal.userId, body, createdAt: new Date().toISOString() };
    const seq = await record(tx, principal, c, 'note', { noteId: note.id, length: body.length });
    await tx.run('INSERT INTO case_notes (id, case_id, seq, author_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      note.id,
      id,
      seq,
      note.authorId,
      body,
      note.createdAt,
    ]);
    await tx.run('UPDATE cases SET updated_at = ? WHERE id = ?', [note.createdAt, id]);
    return note;
  });
}

export async function addEvidence(
  sql: Sql,
  principal: Principal,
  id: string,
  kind: EvidenceKind,
  ref: string,
  note: string,
): Promise<CaseFile['evidence'][number]> {
  return sql.transaction(async (tx) => {
    const c = await visibleCase(tx, principal, id);
    if (c === undefined) throw notFound(id);
    if (kind === 'alert') {
      const evidenceId = await escalateInto(tx, principal, c, ref);
      const row = await tx.get<Parameters<typeof decodeEvidence>[0]>('SELECT * FROM case_evidence WHERE id = ?', [evidenceId]);
      return decodeEvidence(row!);
    }
    const table = { shipment: 'shipments', transaction: 'transactions', entity: 'entities' } as const;
    if (kind in table && !(await tx.get(`SELECT id FROM ${table[kind as keyof typeof table]} WHERE id = ?`, [ref])))
      throw new CaseError('INVALID', `no ${kind} ${ref}`, { field: 'ref' });
    const evidence = { id: randomUUID(), kind, ref, note, addedBy: principal.userId, addedAt: new Date().toISOString() };
    const seq = await record(tx, principal, c, 'evidence', { evidenceId: evidence.id, kind, ref });
    await tx.run(
      'INSERT INTO case_evidence (id, case_id, seq, kind, ref, note, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [evidence.id, id, seq, kind, ref, note, evidence.addedBy, evidence.addedAt],
    );
    await tx.run('UPDATE cases SET updated_at = ? WHERE id = ?', [evidence.addedAt, id]);
    return evidence;
  });
}

async function linkEntityIn(tx: SqlRunner, principal: Principal, c: Case, entityId: string, role: string): Promise<void> {
  if (!(await tx.get('SELECT id FROM entities WHERE id = ?', [entityId])))
    throw new CaseError('INVALID', `no entity ${entityId}`, { field: 'entityId' });
  const now = new Date().toISOString();
  const added = await tx.run(
    'INSERT INTO case_entities (case_id, entity_id, role, added_by, added_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, entity_id) DO NOTHING',
    [c.id, entityId, role, principal.userId, now],
  );
  if (added > 0) await record(tx, principal, c, 'entity', { entityId, role });
}

export async function linkEntity(sql: Sql, principal: Principal, id: string, entityId: string, role: string): Promise<void> {
  await sql.transaction(async (tx) => {
    const c = await visibleCase(tx, principal, id);
    if (c === undefined) throw notFound(id);
    await linkEntityIn(tx, principal, c, entityId, role);
    await tx.run('UPDATE cases SET updated_at = ? WHERE id = ?', [new Date().toISOString(), id]);
  });
}

/** The whole case file; reading or exporting a restricted one is audited. */
export async function caseFile(sql: Sql, principal: Principal, id: string, purpose: 'read' | 'export'): Promise<CaseFile> {
  const c = await visibleCase(sql, principal, id);
  if (c === undefined) throw notFound(id);
  const [notes, evidence, entities, events] = await Promise.all([
    sql.all<Parameters<typeof decodeNote>[0]>('SELECT * FROM case_notes WHERE case_id = ? ORDER BY seq', [id]),
    sql.all<Parameters<typeof decodeEvidence>[0]>('SELECT * FROM case_evidence WHERE case_id = ? ORDER BY seq', [id]),
    sql.all<Parameters<typeof decodeCaseEntity>[0]>(
      'SELECT * FROM case_entities WHERE case_id = ? ORDER BY added_at, entity_id',
      [id],
    ),
    sql.all<Parameters<typeof decodeEvent>[0]>('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq', [id]),
  ]);
  if (purpose === 'export' || c.team !== null)
    await recordAudit(sql, {
      actor: principal.userId,
      action: `case.${purpose}`,
      targetKind: 'case',
      targetId: id,
      team: c.team,
      detail: {},
    });
  return {
    case: c,
    notes: notes.map(decodeNote),
    evidence: evidence.map(decodeEvidence),
    entities: entities.map(decodeCaseEntity),
    timeline: events.map(decodeEvent),
  };
}

/** Ids of the visible cases that name an entity (for an entity's profile). */
export async function casesOfEntity(
  sql: Sql,
  principal: Principal,
  entityId: string,
): Promise<{ id: string; title: string; status: string }[]> {
  const visible = visibleTeams(principal, 'c');
  return sql.all(
    `SELECT c.id AS id, c.title AS title, c.status AS status FROM case_entities ce JOIN cases c ON c.id = ce.case_id
     WHERE ce.entity_id = ? AND ${visible.sql} ORDER BY c.created_at, c.id`,
    [entityId, ...visible.params],
  );
}
