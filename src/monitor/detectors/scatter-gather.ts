import { z } from 'zod';
import { DAY_MS, defineDetector, dollars, type Finding } from '../rule.js';
import { accountKey, row, type TransactionTable } from '../table.js';
import { excludedChannelMask, excludedChannels, isEdge, maxDegree } from './graph-params.js';
import { distinctOf, Int32Scratch } from './scratch.js';

const Params = z.strictObject({
  /** Distinct intermediates (scatter-gather) or distinct senders and receivers (gather-scatter). */
  minFan: z.number().int().min(2).default(3),
  windowDays: z.number().positive().default(5),
  /** The forwarded amount keeps at least this share of what arrived. */
  minForwardRatio: z.number().min(0).max(1).default(0.85),
  minUsd: z.number().nonnegative().default(1_000),
  excludedChannels,
  maxDegree,
});

/** Rows per sender and per receiver in a gather-scatter hub's sliding windows; zero between hubs. */
const senderScratch = new Int32Scratch();
const receiverScratch = new Int32Scratch();

/** A hub's inflows and outflows, reused from hub to hub. */
const hubIns: number[] = [];
const hubOuts: number[] = [];

/** The account's edges (one side of its CSR adjacency) of at least `minUsd`, in time order, into `edges`. */
function edgesOf(
  t: TransactionTable,
  offsets: Int32Array,
  rows: Int32Array,
  a: number,
  skip: Uint8Array,
  minUsd: number,
  edges: number[],
): number[] {
  // Setting the length is a runtime call even when it does not change.
  if (edges.length !== 0) edges.length = 0;
  for (let k = offsets[a] as number; k < (offsets[a + 1] as number); k++) {
    const i = rows[k] as number;
    if (row.usd(t, i) >= minUsd && isEdge(t, skip, i)) edges.push(i);
  }
  return edges;
}

/** Adds `step` (1 or -1) to the count of `party`; returns the change in distinct parties. */
function count(counts: Int32Array, party: number, step: number): number {
  const before = counts[party] as number;
  counts[party] = before + step;
  return before === 0 ? 1 : before + step === 0 ? -1 : 0;
}

/**
 * The first window of a hub that gathers from and scatters to at least `minFan` parties, most of
 * what came in going out. A window is anchored at each inflow in turn: the inflows of
 * [anchor, anchor + window] and the outflows from the anchor until `window` past the last of
 * those inflows. Both lists are in time order, so each window is a range of its list, and the
 * ranges only move forward: the distinct parties are counted as they enter and leave (it was a
 * count of every row for every anchor, the square of a busy hub's rows). The sums are added in
 * row order over the range, as the rule always has, and only for windows with parties enough.
 * The counts are left zero.
 */
function busiestHub(
  t: TransactionTable,
  ins: readonly number[],
  outs: readonly number[],
  window: number,
  p: { readonly minFan: number; readonly minForwardRatio: number },
  senders: Int32Array,
  receivers: Int32Array,
): { gathered: number[]; scattered: number[]; inUsd: number; outUsd: number } | undefined {
  const time = (i: number): number => t.time[i] as number;
  let lo = 0;
  let hi = 0;
  let distinctIn = 0;
  let outLo = 0;
  let outHi = 0;
  let distinctOut = 0;
  let found: { gathered: number[]; scattered: number[]; inUsd: number; outUsd: number } | undefined;
  for (let a = 0; a + p.minFan <= ins.length; a++) {
    const from = time(ins[a] as number);
    const until = from + window;
    for (; hi < ins.length && time(ins[hi] as number) <= until; hi++)
      distinctIn += count(senders, t.debtor[ins[hi] as number] as number, 1);
    for (; lo < hi && time(ins[lo] as number) < from; lo++)
      distinctIn += count(senders, t.debtor[ins[lo] as number] as number, -1);
    if (distinctIn < p.minFan) continue;
    const scatterUntil = time(ins[hi - 1] as number) + window;
    for (; outHi < outs.length && time(outs[outHi] as number) <= scatterUntil; outHi++)
      distinctOut += count(receivers, t.creditor[outs[outHi] as number] as number, 1);
    for (; outLo < outHi && time(outs[outLo] as number) < from; outLo++)
      distinctOut += count(receivers, t.creditor[outs[outLo] as number] as number, -1);
    if (distinctOut < p.minFan) continue;
    let inUsd = 0;
    for (let k = lo; k < hi; k++) inUsd += row.usd(t, ins[k] as number);
    let outUsd = 0;
    for (let k = outLo; k < outHi; k++) outUsd += row.usd(t, outs[k] as number);
    if (outUsd < inUsd * p.minForwardRatio || outUsd > inUsd * 1.05) continue;
    found = { gathered: ins.slice(lo, hi), scattered: outs.slice(outLo, outHi), inUsd, outUsd };
    break;
  }
  for (let k = lo; k < hi; k++) senders[t.debtor[ins[k] as number] as number] = 0;
  for (let k = outLo; k < outHi; k++) receivers[t.creditor[outs[k] as number] as number] = 0;
  return found;
}

/**
 * Scatter-gather (one source pays several intermediates, who each pass it on to one sink) and
 * gather-scatter (several senders pay one hub, which pays out to several receivers within the
 * window, most of what came in): AMLSim's layering shapes.
 */
export const scatterGatherDetector = defineDetector({
  id: 'scatter-gather',
  version: '1.0.0',
  description: 'scatter-gather and gather-scatter layering through intermediates within days',
  rules: {
    'scatter-gather.intermediates': {
      typology: 'scatter_gather',
      description: 'one source paid several intermediates who each passed the money on to the same sink',
    },
    'gather-scatter.hub': {
      typology: 'gather_scatter',
      description: 'the account gathered money from several senders and paid most of it out to several receivers',
    },
  },
  params: Params,
  detect({ table: t }, p) {
    const skip = excludedChannelMask(t, p.excludedChannels);
    const window = p.windowDays * DAY_MS;
    const degree = (offsets: Int32Array, a: number): number => (offsets[a + 1] as number) - (offsets[a] as number);
    const findings: Finding[] = [];
    // Scatter-gather: source → intermediate (i) → sink (j), j after i within the window.
    for (let s = 0; s < t.accountCount; s++) {
      if (t.accountIsCash[s] === 1 || degree(t.outOffsets, s) < p.minFan || degree(t.outOffsets, s) > p.maxDegree) continue;
      // Made on the first forwarded payment: most sources have none.
      let bySink: Map<number, { middles: Set<number>; rows: number[] }> | undefined;
      for (let k = t.outOffsets[s] as number; k < (t.outOffsets[s + 1] as number); k++) {
        const i = t.outRows[k] as number;
        const usd = row.usd(t, i);
        if (usd < p.minUsd || !isEdge(t, skip, i)) continue;
        const m = t.creditor[i] as number;
        if (degree(t.outOffsets, m) > p.maxDegree) continue;
        for (let q = t.outOffsets[m] as number; q < (t.outOffsets[m + 1] as number); q++) {
          const j = t.outRows[q] as number;
          const dt = (t.time[j] as number) - (t.time[i] as number);
          if (dt < 0) continue;
          if (dt > window) break;
          const forwarded = row.usd(t, j);
          const sink = t.creditor[j] as number;
          if (sink === s || forwarded < usd * p.minForwardRatio || forwarded > usd || !isEdge(t, skip, j)) continue;
          bySink ??= new Map();
          let entry = bySink.get(sink);
          if (entry === undefined) bySink.set(sink, (entry = { middles: new Set(), rows: [] }));
          entry.middles.add(m);
          entry.rows.push(i, j);
        }
      }
      if (bySink === undefined) continue;
      for (const [sink, { middles, rows }] of bySink) {
        if (middles.size < p.minFan) continue;
        findings.push({
          ruleId: 'scatter-gather.intermediates',
          text: `${accountKey(t, s)} paid ${middles.size} intermediates who passed it on to ${accountKey(t, sink)} within ${p.windowDays} days`,
          rows: [...new Set(rows)],
          accounts: [s, sink, ...middles],
        });
      }
    }
    // Gather-scatter: in a window, ≥ minFan senders in and ≥ minFan receivers out, out ≥ ratio × in.
    let senderCounts: Int32Array | undefined;
    let receiverCounts: Int32Array | undefined;
    for (let h = 0; h < t.accountCount; h++) {
      if (t.accountIsCash[h] === 1 || degree(t.inOffsets, h) < p.minFan || degree(t.outOffsets, h) < p.minFan) continue;
      if (degree(t.inOffsets, h) > p.maxDegree * 5) continue;
      const ins = edgesOf(t, t.inOffsets, t.inRows, h, skip, p.minUsd, hubIns);
      const outs = edgesOf(t, t.outOffsets, t.outRows, h, skip, p.minUsd, hubOuts);
      if (ins.length < p.minFan || outs.length < p.minFan) continue;
      senderCounts ??= senderScratch.zeroed(t.accountCount);
      receiverCounts ??= receiverScratch.zeroed(t.accountCount);
      const found = busiestHub(t, ins, outs, window, p, senderCounts, receiverCounts);
      if (found === undefined) continue;
      const { gathered, scattered, inUsd, outUsd } = found;
      const senders = distinctOf(gathered, t.debtor, senderCounts);
      const receivers = distinctOf(scattered, t.creditor, senderCounts);
      findings.push({
        ruleId: 'gather-scatter.hub',
        text: `${accountKey(t, h)} gathered $${dollars(inUsd)} from ${senders.length} senders and paid $${dollars(outUsd)} to ${receivers.length} receivers`,
        rows: [...gathered, ...scattered],
        accounts: [h],
        related: [...senders, ...receivers],
      });
    }
    return findings;
  },
});
