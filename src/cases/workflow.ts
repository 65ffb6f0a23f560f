import { roleAtLeast, type Role } from '../auth/index.js';

export const CASE_STATUSES = ['open', 'investigating', 'referred', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

/** The moves each status allows, and the least role that may make each one. */
const MOVES: Readonly<Record<CaseStatus, Readonly<Partial<Record<CaseStatus, Role>>>>> = {
  open: { investigating: 'analyst', closed: 'analyst' },
  investigating: { referred: 'supervisor', closed: 'analyst', open: 'analyst' },
  // A referral goes to another agency: only a supervisor sends or withdraws one.
  referred: { closed: 'supervisor', investigating: 'supervisor' },
  closed: { investigating: 'supervisor' },
};

export type TransitionCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whether a user of `role` may move a case from `from` to `to`; pure. */
export function checkTransition(from: CaseStatus, to: CaseStatus, role: Role): TransitionCheck {
  if (from === to) return { ok: true };
  const minimum = MOVES[from][to];
  if (minimum === undefined) {
    const allowed = Object.keys(MOVES[from]);
    return { ok: false, reason: `a case cannot go from ${from} to ${to} (from ${from}: ${allowed.join(', ') || 'no moves'})` };
  }
  if (!roleAtLeast(role, minimum)) return { ok: false, reason: `moving a case from ${from} to ${to} needs the ${minimum} role` };
  return { ok: true };
}
