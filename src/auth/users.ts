import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/index.js';
import type { Sql, SqlRunner } from '../server/db/index.js';
import { AuthError } from './errors.js';
import { NAME_PATTERN, isRole, type Role } from './roles.js';
import { hashPassword } from './secrets.js';

export interface User {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly active: boolean;
  readonly teams: readonly string[];
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

interface UserRow {
  id: string;
  name: string;
  password_hash: string;
  role: string;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
}

export interface NewUser {
  readonly name: string;
  readonly password: string;
  readonly role: Role;
  readonly teams?: readonly string[];
}

function checkName(kind: string, name: string): void {
  if (!NAME_PATTERN.test(name))
    throw new AuthError(
      'INVALID',
      `${kind} name "${name}": use 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit`,
    );
}

async function teamsOf(db: SqlRunner, userId: string): Promise<string[]> {
  const rows = await db.all<{ team: string }>('SELECT team FROM user_teams WHERE user_id = ? ORDER BY team', [userId]);
  return rows.map((r) => r.team);
}

async function decode(db: SqlRunner, row: UserRow): Promise<User> {
  if (!isRole(row.role)) throw new Error(`user ${row.name} has unknown role "${row.role}" in the database`);
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    active: Number(row.active) === 1,
    teams: await teamsOf(db, row.id),
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

/** Creates a team if it does not exist yet. */
export async function ensureTeam(tx: SqlRunner, team: string, actor: string): Promise<void> {
  checkName('team', team);
  if (await tx.get('SELECT name FROM teams WHERE name = ?', [team])) return;
  await tx.run('INSERT INTO teams (name, created_at) VALUES (?, ?)', [team, new Date().toISOString()]);
  await appendAudit(tx, { actor, action: 'team.create', targetKind: 'team', targetId: team, team: null, detail: {} });
}

export async function addUser(sql: Sql, user: NewUser, actor: string): Promise<User> {
  checkName('user', user.name);
  const passwordHash = await hashPassword(user.password);
  const id = randomUUID();
  return sql.transaction(async (tx) => {
    if (await tx.get('SELECT id FROM users WHERE name = ?', [user.name]))
      throw new AuthError('CONFLICT', `user "${user.name}" already exists`);
    const now = new Date().toISOString();
    await tx.run(
      'INSERT INTO users (id, name, password_hash, role, active, failed_logins, created_at) VALUES (?, ?, ?, ?, 1, 0, ?)',
      [id, user.name, passwordHash, user.role, now],
    );
    const teams = [...new Set(user.teams ?? [])].sort();
    for (const team of teams) {
      await ensureTeam(tx, team, actor);
      await tx.run('INSERT INTO user_teams (user_id, team) VALUES (?, ?)', [id, team]);
    }
    await appendAudit(tx, {
      actor,
      action: 'user.add',
      targetKind: 'user',
      targetId: id,
      team: null,
      detail: { name: user.name, role: user.role, teams },
    });
    const row = await tx.get<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
    if (row === undefined) throw new Error(`user ${user.name} vanished after it was written`);
    return decode(tx, row);
  });
}

export async function getUser(db: SqlRunner, id: string): Promise<User | undefined> {
  const row = await db.get<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
  return row && decode(db, row);
}

export async function listUsers(db: SqlRunner): Promise<User[]> {
  const rows = await db.all<UserRow>('SELECT * FROM users ORDER BY name');
  return Promise.all(rows.map((r) => decode(db, r)));
}

export interface UserChange {
  readonly role?: Role;
  readonly active?: boolean;
  readonly teams?: readonly string[];
  /** Clears a lockout. */
  readonly unlock?: boolean;
}

export async function updateUser(sql: Sql, id: string, change: UserChange, actor: string): Promise<User> {
  return sql.transaction(async (tx) => {
    const before = await getUser(tx, id);
    if (before === undefined) throw new AuthError('NOT_FOUND', `no user ${id}`);
    if (change.role !== undefined) await tx.run('UPDATE users SET role = ? WHERE id = ?', [change.role, id]);
    if (change.active !== undefined) {
      await tx.run('UPDATE users SET active = ? WHERE id = ?', [change.active ? 1 : 0, id]);
      // A deactivated user is signed out everywhere at once.
      if (!change.active) await tx.run('DELETE FROM sessions WHERE user_id = ?', [id]);
    }
    if (change.unlock) await tx.run('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?', [id]);
    if (change.teams !== undefined) {
      await tx.run('DELETE FROM user_teams WHERE user_id = ?', [id]);
      for (const team of [...new Set(change.teams)].sort()) {
        await ensureTeam(tx, team, actor);
        await tx.run('INSERT INTO user_teams (user_id, team) VALUES (?, ?)', [id, team]);
      }
    }
    const after = await getUser(tx, id);
    if (after === undefined) throw new Error(`user ${id} vanished during an update`);
    await appendAudit(tx, {
      actor,
      action: 'user.update',
      targetKind: 'user',
      targetId: id,
      team: null,
      detail: {
        before: { role: before.role, active: before.active, teams: before.teams },
        after: { role: after.role, active: after.active, teams: after.teams },
      },
    });
    return after;
  });
}

export async function listTeams(db: SqlRunner): Promise<{ name: string; members: number }[]> {
  const rows = await db.all<{ name: string; members: number }>(
    'SELECT t.name AS name, COUNT(ut.user_id) AS members FROM teams t LEFT JOIN user_teams ut ON ut.team = t.name GROUP BY t.name ORDER BY t.name',
  );
  return rows.map((r) => ({ name: r.name, members: Number(r.members) }));
}

export type { UserRow };
