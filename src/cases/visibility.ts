import type { Principal } from '../auth/index.js';
import type { SqlValue } from '../server/db/index.js';

/**
 * The compartment rule in one place: a case without a team is visible to every signed-in user;
 * a case with a team only to that team's members, whatever their role (need to know, not rank).
 * Returns a condition on the `team` column of `alias` and its parameters.
 */
export function visibleTeams(principal: Principal, alias: string): { sql: string; params: SqlValue[] } {
  if (principal.teams.length === 0) return { sql: `${alias}.team IS NULL`, params: [] };
  return {
    sql: `(${alias}.team IS NULL OR ${alias}.team IN (${principal.teams.map(() => '?').join(', ')}))`,
    params: [...principal.teams],
  };
}

export function canSeeTeam(principal: Principal, team: string | null): boolean {
  return team === null || principal.teams.includes(team);
}
