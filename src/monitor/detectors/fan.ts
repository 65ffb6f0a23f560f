import { z } from 'zod';
import { DAY_MS, defineDetector, type Finding } from '../rule.js';
import { accountKey, type TransactionTable } from '../table.js';
import { edgeFilter, excludedChannels } from './graph-params.js';

const Params = z.strictObject({
  minCounterparties: z.number().int().min(2).default(6),
  windowDays: z.number().positive().default(7),
  excludedChannels,
});

/** Buffers `busiestFan` reuses over the accounts of one run: most accounts have a row or two. */
interface FanScratch {
  /** The account's edge rows, `count` of them. */
  readonly rows: Int32Array;
  /** Rows per counterparty in the sliding window; all zero between calls. */
  readonly counts: Int32Array;
}

/**
 * The largest window of an account's edges (one side of its CSR adjacency) with at least `min`
 * distinct counterparties; returns its rows, or undefined. The first window with the most
 * counterparties wins.
 */
function busiestFan(
  t: TransactionTable,
  offsets: Int32Array,
  rows: Int32Array,
  account: number,
  other: Int32Array,
  edge: Uint8Array,
  window: number,
  min: number,
  scratch: () => FanScratch,
): number[] | undefined {
  // Fewer edges than counterparties needed: most accounts of a stream neighbourhood have a row or two.
  if ((offsets[account + 1] as number) - (offsets[account] as number) < min) return undefined;
  const list = scratch().rows;
  let count = 0;
  for (let k = offsets[account] as number; k < (offsets[account + 1] as number); k++) {
    const i = rows[k] as number;
    if (edge[i] === 1) list[count++] = i;
  }
  if (count < min) return undefined;
  const counts = scratch().counts;
  let distinct = 0;
  let start = 0;
  let bestStart = 0;
  let bestEnd = -1;
  let best = 0;
  for (let j = 0; j < count; j++) {
    const cj = other[list[j] as number] as number;
    if (counts[cj]!++ === 0) distinct++;
    while ((t.time[list[j] as number] as number) - (t.time[list[start] as number] as number) > window) {
      const cs = other[list[start] as number] as number;
      if (--counts[cs]! === 0) distinct--;
      start++;
    }
    if (distinct > best) {
      bestStart = start;
      bestEnd = j;
      best = distinct;
    }
  }
  // Leave the counts zero for the next account.
  for (let j = start; j < count; j++) counts[other[list[j] as number] as number] = 0;
  return best >= min ? Array.from(list.subarray(bestStart, bestEnd + 1)) : undefined;
}

/**
 * Fan-in and fan-out (AMLSim, AMLworld typologies): one account receiving from, or paying to,
 * many distinct counterparties within a short window. Weak alone (shops and payroll do it too,
 * hence the excluded channels and the modest weight); it adds up with other rules.
 */
export const fanDetector = defineDetector({
  id: 'fan',
  version: '1.0.0',
  description: 'fan-in and fan-out: many distinct counterparties within days',
  rules: {
    'fan.in': { typology: 'fan_in', description: 'the account received from many distinct senders within the window' },
    'fan.out': { typology: 'fan_out', description: 'the account paid many distinct receivers within the window' },
  },
  params: Params,
  detect({ table: t }, p) {
    const edge = edgeFilter(t, p.excludedChannels);
    const window = p.windowDays * DAY_MS;
    const findings: Finding[] = [];
    // Made for the first account with enough edges.
    let buffers: FanScratch | undefined;
    const scratch = (): FanScratch => (buffers ??= { rows: new Int32Array(t.size), counts: new Int32Array(t.accountCount) });
    for (let a = 0; a < t.accountCount; a++) {
      if (t.accountIsCash[a] === 1) continue;
      const fanIn = busiestFan(t, t.inOffsets, t.inRows, a, t.debtor, edge, window, p.minCounterparties, scratch);
      if (fanIn !== undefined) {
        const senders = new Set(fanIn.map((i) => t.debtor[i] as number));
        findings.push({
          ruleId: 'fan.in',
          text: `${accountKey(t, a)} received from ${senders.size} senders within ${p.windowDays} days`,
          rows: fanIn,
          accounts: [a],
          related: [...senders],
        });
      }
      const fanOut = busiestFan(t, t.outOffsets, t.outRows, a, t.creditor, edge, window, p.minCounterparties, scratch);
      if (fanOut !== undefined) {
        const receivers = new Set(fanOut.map((i) => t.creditor[i] as number));
        findings.push({
          ruleId: 'fan.out',
          text: `${accountKey(t, a)} paid ${receivers.size} receivers within ${p.windowDays} days`,
          rows: fanOut,
          accounts: [a],
          related: [...receivers],
        });
      }
    }
    return findings;
  },
});
