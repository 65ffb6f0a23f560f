import { appendAudit, recordAudit } from '../audit/index.js';
import type { Sql } from '../server/db/index.js';
import type { UserRow } from './users.js';
import { decoyHash, verifyPassword } from './secrets.js';

export interface LockoutPolicy {
  /** Consecutive failures that lock the account. */
  readonly maxFailures: number;
  /** How long a lock lasts. */
  readonly lockMinutes: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

export type LoginOutcome =
  { readonly ok: true; readonly userId: string } | { readonly ok: false; readonly reason: 'invalid' | 'locked' | 'inactive' };

/**
 * Checks a name and password. Failures are counted per user; at `maxFailures` the account is
 * locked for `lockMinutes`, and a correct password during the lock is refused too (otherwise
 * the lock would not stop a guesser). Every outcome is audited.
 */
export async function attemptLogin(
  sql: Sql,
  name: string,
  password: string,
  policy: LockoutPolicy = DEFAULT_LOCKOUT,
  now = new Date(),
): Promise<LoginOutcome> {
  const row = await sql.get<UserRow>('SELECT * FROM users WHERE name = ?', [name]);
  if (row === undefined) {
    await verifyPassword(await decoyHash(), password);
    await recordAudit(sql, {
      actor: 'anonymous',
      action: 'login.fail',
      targetKind: 'user',
      targetId: name,
      team: null,
      detail: { reason: 'unknown-user' },
    });
    return { ok: false, reason: 'invalid' };
  }
  const locked = row.locked_until !== null && row.locked_until > now.toISOString();
  const good = await verifyPassword(row.password_hash, password);
  if (locked) {
    await recordAudit(sql, {
      actor: 'anonymous',
      action: 'login.fail',
      targetKind: 'user',
      targetId: row.id,
      team: null,
      detail: { reason: 'locked' },
    });
    return { ok: false, reason: 'locked' };
  }
  if (Number(row.active) !== 1) {
    await recordAudit(sql, {
      actor: 'anonymous',
      action: 'login.fail',
      targetKind: 'user',
      targetId: row.id,
      team: null,
      detail: { reason: 'inactive' },
    });
    return { ok: false, reason: 'inactive' };
  }
  if (good) {
    await sql.transaction(async (tx) => {
      await tx.run('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?', [row.id]);
      await appendAudit(tx, { actor: row.id, action: 'login.ok', targetKind: 'user', targetId: row.id, team: null, detail: {} });
    });
    return { ok: true, userId: row.id };
  }
  const lockedNow = await sql.transaction(async (tx) => {
    // Counted in SQL so two concurrent failures both count.
    await tx.run('UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?', [row.id]);
    const counted = await tx.get<{ failed_logins: number }>('SELECT failed_logins FROM users WHERE id = ?', [row.id]);
    const failures = Number(counted?.failed_logins ?? 0);
    const lock = failures >= policy.maxFailures;
    if (lock) {
      const until = new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString();
      await tx.run('UPDATE users SET locked_until = ?, failed_logins = 0 WHERE id = ?', [until, row.id]);
    }
    await appendAudit(tx, {
      actor: 'anonymous',
      action: lock ? 'login.lock' : 'login.fail',
      targetKind: 'user',
      targetId: row.id,
      team: null,
      detail: { reason: 'password', failures },
    });
    return lock;
  });
  return { ok: false, reason: lockedNow ? 'locked' : 'invalid' };
}
