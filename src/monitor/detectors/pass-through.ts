import { z } from 'zod';
import { HOUR_MS, defineDetector, type Finding } from '../rule.js';
import { accountKey, row } from '../table.js';
import { excludedChannelMask, excludedChannels } from './graph-params.js';

const Params = z.strictObject({
  windowHours: z.number().positive().default(48),
  /** The outgoing amount as a share of what came in just before: similar amounts. */
  minRatio: z.number().min(0).max(1).default(0.85),
  maxRatio: z.number().min(1).default(1.02),
  minUsd: z.number().nonnegative().default(5_000),
  excludedChannels: excludedChannels,
});

/**
 * Rapid pass-through (FIN-2025-A003 "rapid movement"): money arrives and leaves again within
 * hours at a similar amount, the account keeping almost nothing: an account used as a conduit.
 */
export const passThroughDetector = defineDetector({
  id: 'pass-through',
  version: '1.0.0',
  description: 'money in and out again within hours at similar amounts',
  rules: {
    'pass-through.rapid': {
      typology: 'rapid_pass_through',
      description: 'a payment out matches, within hours, what had just come in',
    },
  },
  params: Params,
  detect({ table: t }, p) {
    const window = p.windowHours * HOUR_MS;
    const excluded = excludedChannelMask(t, p.excludedChannels);
    const findings: Finding[] = [];
    for (let a = 0; a < t.accountCount; a++) {
      if (t.accountIsCash[a] === 1) continue;
      const inStart = t.inOffsets[a] as number;
      const inEnd = t.inOffsets[a + 1] as number;
      if (inEnd === inStart) continue;
      // Made on the first match: most accounts pass nothing through.
      let rows: Set<number> | undefined;
      let lo = inStart;
      let hi = inStart;
      let sum = 0;
      for (let k = t.outOffsets[a] as number; k < (t.outOffsets[a + 1] as number); k++) {
        const o = t.outRows[k] as number;
        const at = t.time[o] as number;
        // Inflows in [at − window, at]: a sliding sum over the time-ordered incoming rows.
        while (hi < inEnd && (t.time[t.inRows[hi] as number] as number) <= at) {
          const i = t.inRows[hi] as number;
          if (excluded[t.channel[i] as number] !== 1) sum += row.usd(t, i);
          hi++;
        }
        while (lo < hi && (t.time[t.inRows[lo] as number] as number) < at - window) {
          const i = t.inRows[lo] as number;
          if (excluded[t.channel[i] as number] !== 1) sum -= row.usd(t, i);
          lo++;
        }
        const out = row.usd(t, o);
        if (out < p.minUsd || sum <= 0 || excluded[t.channel[o] as number] === 1) continue;
        const ratio = out / sum;
        if (ratio < p.minRatio || ratio > p.maxRatio) continue;
        rows ??= new Set<number>();
        rows.add(o);
        for (let q = lo; q < hi; q++) {
          const i = t.inRows[q] as number;
          if (excluded[t.channel[i] as number] !== 1) rows.add(i);
        }
      }
      if (rows === undefined) continue;
      const list = [...rows].sort((x, y) => (t.time[x] as number) - (t.time[y] as number));
      findings.push({
        ruleId: 'pass-through.rapid',
        text: `${accountKey(t, a)} passed money straight through: ${list.length} payments in and out within ${p.windowHours} hours at similar amounts`,
        rows: list,
        accounts: [a],
      });
    }
    return findings;
  },
});
