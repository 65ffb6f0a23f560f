import { z } from 'zod';
import { DAY_MS, defineDetector, type Finding } from '../rule.js';
import { accountKey, type TransactionTable } from '../table.js';
import { excludedChannelMask, excludedChannels, isEdge } from './graph-params.js';
import { distinctOf, Int32Scratch } from './scratch.js';

const Params = z.strictObject({
  minCounterparties: z.number().int().min(2).default(6),
  windowDays: z.number().positive().default(7),
  excludedChannels,
});

/** The account's edge rows, for one `busiestFan`. */
const rowsScratch = new Int32Scratch();
/** Rows per counterparty in the sliding window; zero between calls. */
const countsScratch = new Int32Scratch();

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
  skip: Uint8Array,
  window: number,
  min: number,
  list: Int32Array,
  counts: Int32Array,
): number[] | undefined {
  // Fewer edges than counterparties needed: most accounts of a stream neighbourhood have a row or two.
  if ((offsets[account + 1] as number) - (offsets[account] as number) < min) return undefined;
  let count = 0;
  for (let k = offsets[account] as number; k < (offsets[account + 1] as number); k++) {
    const i = rows[k] as number;
    if (isEdge(t, skip, i)) list[count++] = i;
  }
  if (count < min) return undefined;
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
  if (best < min) return undefined;
  const fan = new Array<number>(bestEnd + 1 - bestStart);
  for (let j = bestStart; j <= bestEnd; j++) fan[j - bestStart] = list[j] as number;
  return fan;
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
    const skip = excludedChannelMask(t, p.excludedChannels);
    const window = p.windowDays * DAY_MS;
    const findings: Finding[] = [];
    const list = rowsScratch.zeroed(t.size);
    const counts = countsScratch.zeroed(t.accountCount);
    for (let a = 0; a < t.accountCount; a++) {
      if (t.accountIsCash[a] === 1) continue;
      const fanIn = busiestFan(t, t.inOffsets, t.inRows, a, t.debtor, skip, window, p.minCounterparties, list, counts);
      if (fanIn !== undefined) {
        const senders = distinctOf(fanIn, t.debtor, counts);
        findings.push({
          ruleId: 'fan.in',
          text: `${accountKey(t, a)} received from ${senders.length} senders within ${p.windowDays} days`,
          rows: fanIn,
          accounts: [a],
          related: senders,
        });
      }
      const fanOut = busiestFan(t, t.outOffsets, t.outRows, a, t.creditor, skip, window, p.minCounterparties, list, counts);
      if (fanOut !== undefined) {
        const receivers = distinctOf(fanOut, t.creditor, counts);
        findings.push({
          ruleId: 'fan.out',
          text: `${accountKey(t, a)} paid ${receivers.length} receivers within ${p.windowDays} days`,
          rows: fanOut,
          accounts: [a],
          related: receivers,
        });
      }
    }
    return findings;
  },
});
