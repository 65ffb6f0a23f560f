import { z } from 'zod';
import { DAY_MS, defineDetector, type Finding } from '../rule.js';
import { accountKey, row } from '../table.js';
import { edgeFilter, excludedChannels, maxDegree } from './graph-params.js';

const Params = z.strictObject({
  minLength: z.number().int().min(2).default(3),
  maxLength: z.number().int().min(2).max(8).default(6),
  /** From the first payment to the one that closes the cycle. */
  windowDays: z.number().positive().default(30),
  /** Each hop keeps at least this share of the previous hop's value (fees and skims), and no more than 1 + tolerance. */
  minHopRatio: z.number().min(0).max(1).default(0.7),
  hopTolerance: z.number().min(0).default(0.05),
  minUsd: z.number().nonnegative().default(1_000),
  excludedChannels,
  maxDegree,
  /** Bound on edges explored from one start account, so one dense corner cannot stall the run. */
  maxSteps: z.number().int().positive().default(20_000),
});

/**
 * Cycles (AMLSim "cycle"): money leaves an account and comes back to it through a chain of
 * accounts, each hop later than the last, within the window and with similar amounts. Found by
 * a bounded time-respecting depth-first search from each account; a cycle is reported from its
 * lowest-numbered account only, so once.
 */
export const cycleDetector = defineDetector({
  id: 'cycle',
  version: '1.0.0',
  description: 'money returning to its origin through a chain of accounts within days, at similar amounts',
  rules: {
    'cycle.closed-loop': {
      typology: 'cycle',
      description: 'a time-ordered chain of similar payments returns to the account it started from',
    },
  },
  params: Params,
  detect({ table: t }, p) {
    const edge = edgeFilter(t, p.excludedChannels);
    const window = p.windowDays * DAY_MS;
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const path: number[] = [];
    const onPath = new Set<number>();
    for (let s = 0; s < t.accountCount; s++) {
      if (t.accountIsCash[s] === 1) continue;
      const degree = (t.outOffsets[s + 1] as number) - (t.outOffsets[s] as number);
      if (degree === 0 || degree > p.maxDegree) continue;
      let steps = 0;
      const visit = (account: number, after: number, until: number, prevUsd: number): void => {
        for (let k = t.outOffsets[account] as number; k < (t.outOffsets[account + 1] as number); k++) {
          if (++steps > p.maxSteps) return;
          const i = t.outRows[k] as number;
          if (edge[i] !== 1) continue;
          const time = t.time[i] as number;
          if (time < after) continue;
          if (time > until) break;
          const usd = row.usd(t, i);
          if (usd < p.minUsd) continue;
          if (prevUsd > 0 && (usd < prevUsd * p.minHopRatio || usd > prevUsd * (1 + p.hopTolerance))) continue;
          const next = t.creditor[i] as number;
          if (next < s) continue;
          if (next === s) {
            if (path.length + 1 >= p.minLength) report([...path, i]);
            continue;
          }
          if (onPath.has(next) || path.length + 1 >= p.maxLength) continue;
          const nextDegree = (t.outOffsets[next + 1] as number) - (t.outOffsets[next] as number);
          if (nextDegree > p.maxDegree) continue;
          path.push(i);
          onPath.add(next);
          visit(next, time, path.length === 1 ? time + window : until, usd);
          onPath.delete(next);
          path.pop();
        }
      };
      const report = (rows: number[]): void => {
        const key = rows.join(',');
        if (seen.has(key)) return;
        seen.add(key);
        const accounts = rows.map((i) => t.debtor[i] as number);
        findings.push({
          ruleId: 'cycle.closed-loop',
          text: `${rows.length}-hop cycle ${[...accounts, s].map((a) => accountKey(t, a)).join(' → ')} within ${Math.ceil(((t.time[rows[rows.length - 1] as number] as number) - (t.time[rows[0] as number] as number)) / DAY_MS)} days`,
          rows,
          accounts,
        });
      };
      onPath.add(s);
      visit(s, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 0);
      onPath.delete(s);
    }
    return findings;
  },
});
