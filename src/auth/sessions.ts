import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/index.js';
import type { Sql, SqlRunner } from '../server/db/index.js';
import { AuthError } from './errors.js';
import type { Principal } from './roles.js';
import { getUser } from './users.js';
import { hashSecret, newSecret } from './secrets.js';

export const SESSION_HOURS = 8;

/** A new session; returns the secret that goes in the cookie (only its hash is stored). */
export async function createSession(db: SqlRunner, userId: string, hours = SESSION_HOURS, now = new Date()): Promise<string> {
  const secret = newSecret();
  const expires = new Date(now.getTime() + hours * 3_600_000).toISOString();
  await db.run('INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
    hashSecret(secret),
    userId,
    now.toISOString(),
    expires,
  ]);
  return secret;
}

async function principalOf(db: SqlRunner, userId: string, via: Principal['via']): Promise<Principal | undefined> {
  const user = await getUser(db, userId);
  if (user === undefined || !user.active) return undefined;
  return { userId: user.id, name: user.name, role: user.role, teams: user.teams, via };
}

export async function resolveSession(db: SqlRunner, secret: string, now = new Date()): Promise<Principal | undefined> {
  const row = await db.get<{ user_id: string; expires_at: string }>(
    'SELECT user_id, expires_at FROM sessions WHERE id_hash = ?',
    [hashSecret(secret)],
  );
  if (row === undefined || row.expires_at <= now.toISOString()) return undefined;
  return principalOf(db, row.user_id, 'session');
}

export async function deleteSession(db: SqlRunner, secret: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE id_hash = ?', [hashSecret(secret)]);
}

export interface ApiToken {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const decodeToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** A new API token for a machine acting as `userId`; the secret is shown once, only its hash is kept. */
export async function createApiToken(
  sql: Sql,
  userId: string,
  name: string,
  actor: string,
): Promise<{ token: ApiToken; secret: string }> {
  const secret = newSecret('ckp_');
  const id = randomUUID();
  return sql.transaction(async (tx) => {
    await tx.run('INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)', [
      id,
      userId,
      name,
      hashSecret(secret),
      new Date().toISOString(),
    ]);
    await appendAudit(tx, {
      actor,
      action: 'token.create',
      targetKind: 'api_token',
      targetId: id,
      team: null,
      detail: { userId, name },
    });
    const row = await tx.get<TokenRow>('SELECT * FROM api_tokens WHERE id = ?', [id]);
    if (row === undefined) throw new Error(`token ${id} vanished after it was written`);
    return { token: decodeToken(row), secret };
  });
}

export async function listApiTokens(db: SqlRunner, userId: string): Promise<ApiToken[]> {
  return (await db.all<TokenRow>('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at, id', [userId])).map(
    decodeToken,
  );
}

export async function revokeApiToken(sql: Sql, id: string, userId: string, actor: string): Promise<void> {
  await sql.transaction(async (tx) => {
    const changed = await tx.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL', [
      new Date().toISOString(),
      id,
      userId,
    ]);
    if (changed === 0) throw new AuthError('NOT_FOUND', `no active token ${id}`);
    await appendAudit(tx, { actor, action: 'token.revoke', targetKind: 'api_token', targetId: id, team: null, detail: {} });
  });
}

export async function resolveApiToken(db: SqlRunner, secret: string): Promise<Principal | undefined> {
  const row = await db.get<TokenRow>('SELECT * FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL', [
    hashSecret(secret),
  ]);
  if (row === undefined) return undefined;
  return principalOf(db, row.user_id, 'token');
}
