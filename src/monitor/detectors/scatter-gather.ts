import { z } from 'zod';
import { DAY_MS, defineDetector, dollars, type Finding } from '../rule.js';
import { accountKey, row } from '../table.js';
import { excludedChannelMask, excludedChannels, isEdge, maxDegree } from './graph-params.js';
import { Int32Scratch } from './scratch.js';

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

/** Stamps of the parties counted in one gather-scatter window. */
const stamps = new Int32Scratch();

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
    let seen: Int32Array | undefined;
    let stamp = 0;
    for (let h = 0; h < t.accountCount; h++) {
      if (t.accountIsCash[h] === 1 || degree(t.inOffsets, h) < p.minFan || degree(t.outOffsets, h) < p.minFan) continue;
      if (degree(t.inOffsets, h) > p.maxDegree * 5) continue;
      const ins: number[] = [];
      for (let k = t.inOffsets[h] as number; k < (t.inOffsets[h + 1] as number); k++) {
        const i = t.inRows[k] as number;
        if (row.usd(t, i) >= p.minUsd && isEdge(t, skip, i)) ins.push(i);
      }
      const outs: number[] = [];
      for (let k = t.outOffsets[h] as number; k < (t.outOffsets[h + 1] as number); k++) {
        const i = t.outRows[k] as number;
        if (row.usd(t, i) >= p.minUsd && isEdge(t, skip, i)) outs.push(i);
      }
      if (ins.length < p.minFan || outs.length < p.minFan) continue;
      seen ??= stamps.zeroed(t.accountCount);
      // Anchor the window at each inflow; the first window that qualifies is reported. A busy
      // account has dozens of anchors: each is tested without allocating (distinct parties
      // counted with stamps, sums in the order of the rows), its lists made only once it qualifies.
      for (let a = 0; a + p.minFan <= ins.length; a++) {
        const from = t.time[ins[a] as number] as number;
        const until = from + window;
        stamp++;
        let senderCount = 0;
        let inUsd = 0;
        let lastIn = 0;
        for (let k = 0; k < ins.length; k++) {
          const i = ins[k] as number;
          if ((t.time[i] as number) < from || (t.time[i] as number) > until) continue;
          const sender = t.debtor[i] as number;
          if (seen[sender] !== stamp) {
            seen[sender] = stamp;
            senderCount++;
          }
          inUsd += row.usd(t, i);
          lastIn = t.time[i] as number;
        }
        if (senderCount < p.minFan) continue;
        stamp++;
        let receiverCount = 0;
        let outUsd = 0;
        for (let k = 0; k < outs.length; k++) {
          const i = outs[k] as number;
          if ((t.time[i] as number) < from || (t.time[i] as number) > lastIn + window) continue;
          const receiver = t.creditor[i] as number;
          if (seen[receiver] !== stamp) {
            seen[receiver] = stamp;
            receiverCount++;
          }
          outUsd += row.usd(t, i);
        }
        if (receiverCount < p.minFan || outUsd < inUsd * p.minForwardRatio || outUsd > inUsd * 1.05) continue;
        const gathered = ins.filter((i) => (t.time[i] as number) >= from && (t.time[i] as number) <= until);
        const senders = new Set(gathered.map((i) => t.debtor[i] as number));
        const scattered = outs.filter((i) => (t.time[i] as number) >= from && (t.time[i] as number) <= lastIn + window);
        const receivers = new Set(scattered.map((i) => t.creditor[i] as number));
        findings.push({
          ruleId: 'gather-scatter.hub',
          text: `${accountKey(t, h)} gathered $${dollars(inUsd)} from ${senders.size} senders and paid $${dollars(outUsd)} to ${receivers.size} receivers`,
          rows: [...gathered, ...scattered],
          accounts: [h],
          related: [...senders, ...receivers],
        });
        break;
      }
    }
    return findings;
  },
});
