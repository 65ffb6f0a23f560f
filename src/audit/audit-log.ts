import type { Sql, SqlRunner } from '../server/db/index.js';
import { ChainVerifier, GENESIS_HASH, chainHash, type AuditEvent, type AuditRow, type ChainBreak } from './chain.js';

/** Advisory lock key ("chka") serialising appends across PostgreSQL server processes. */
const AUDIT_LOCK = 0x63686b61;
const PAGE = 1000;

export type AuditEntry = Omit<AuditEvent, 'seq' | 'at'> & { readonly at?: string };

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target_kind: string;
  target_id: string;
  team: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

function decode(r: Row): AuditRow {
  return {
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    targetKind: r.target_kind,
    targetId: r.target_id,
    team: r.team,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * Appends one event to the chain inside the caller's transaction, so the change and its audit
 * row commit together or not at all. The tail is read under a lock (SQLite's write lock, which
 * BEGIN IMMEDIATE already holds; a transaction-scoped advisory lock in PostgreSQL).
 */
export async function appendAudit(tx: SqlRunner, entry: AuditEntry): Promise<AuditRow> {
  if (tx.dialect === 'postgres') await tx.run('SELECT pg_advisory_xact_lock(?)', [AUDIT_LOCK]);
  const tail = await tx.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const event: AuditEvent = {
    seq: tail === undefined ? 1 : Number(tail.seq) + 1,
    at: entry.at ?? new Date().toISOString(),
    actor: entry.actor,
    action: entry.action,
    targetKind: entry.targetKind,
    targetId: entry.targetId,
    team: entry.team,
    detail: entry.detail,
  };
  const prevHash = tail?.hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, event);
  await tx.run(
    `INSERT INTO audit_log (seq, at, actor, action, target_kind, target_id, team, detail, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      event.seq,
      event.at,
      event.actor,
      event.action,
      event.targetKind,
      event.targetId,
      event.team,
      JSON.stringify(event.detail),
      prevHash,
      hash,
    ],
  );
  return { ...event, prevHash, hash };
}

/** Appends one event in its own transaction (reads of restricted cases, logins). */
export function recordAudit(sql: Sql, entry: AuditEntry): Promise<AuditRow> {
  return sql.transaction((tx) => appendAudit(tx, entry));
}

export interface AuditFilter {
  readonly action?: string;
  readonly targetKind?: string;
  readonly targetId?: string;
  readonly actor?: string;
  /** Rows of restricted targets are returned only for these teams. */
  readonly teams: readonly string[];
  readonly limit: number;
  readonly offset: number;
}

/** Audit rows, newest first, without rows about compartments the reader is not in. */
export async function listAudit(sql: Sql, filter: AuditFilter): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  for (const [column, value] of [
    ['action', filter.action],
    ['target_kind', filter.targetKind],
    ['target_id', filter.targetId],
    ['actor', filter.actor],
  ] as const) {
    if (value !== undefined) {
      where.push(`${column} = ?`);
      params.push(value);
    }
  }
  const teams = filter.teams.map(() => '?').join(', ');
  where.push(filter.teams.length === 0 ? 'team IS NULL' : `(team IS NULL OR team IN (${teams}))`);
  params.push(...filter.teams);
  const rows = await sql.all<Row>(`SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ? OFFSET ?`, [
    ...params,
    filter.limit,
    filter.offset,
  ]);
  return rows.map(decode);
}

export interface VerifyReport {
  readonly ok: boolean;
  /** Rows checked before the first break (all of them when ok). */
  readonly checked: number;
  readonly head: string;
  readonly firstBreak?: ChainBreak;
}

/** Walks the whole chain in seq order, page by page, and reports the first tampered row. */
export async function verifyAudit(sql: Sql): Promise<VerifyReport> {
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await sql.all<Row>('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?', [after, PAGE]);
    for (const row of rows) {
      const broken = verifier.check(decode(row));
      if (broken !== undefined) return { ok: false, checked: verifier.checked, head: verifier.head, firstBreak: broken };
    }
    if (rows.length < PAGE) return { ok: true, checked: verifier.checked, head: verifier.head };
    after = Number(rows[rows.length - 1]!.seq);
  }
}
