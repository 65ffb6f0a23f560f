import { describe, expect, it } from 'vitest';
import { EMPTY_CONTEXT } from '../context.js';
import type { Finding } from '../rule.js';
import { row, type TransactionTable } from '../table.js';
import { TestWorld } from '../test-world.js';
import { scatterGatherDetector } from './scatter-gather.js';

const P = { minFan: 3, windowDays: 5, minForwardRatio: 0.85, minUsd: 1_000 };
const WINDOW = P.windowDays * 86_400_000;

/**
 * The gather-scatter rule as written before its windows slid: every inflow anchors a window,
 * and each window's parties and sums are counted over all the hub's rows.
 */
function reference(t: TransactionTable, h: number): { rows: number[]; text: string } | undefined {
  const edge = (i: number): boolean => row.channel(t, i) === 'wire' && row.usd(t, i) >= P.minUsd;
  const ins = Array.from(t.inRows.subarray(t.inOffsets[h], t.inOffsets[h + 1])).filter(edge);
  const outs = Array.from(t.outRows.subarray(t.outOffsets[h], t.outOffsets[h + 1])).filter(edge);
  if (ins.length < P.minFan || outs.length < P.minFan) return undefined;
  for (let a = 0; a + P.minFan <= ins.length; a++) {
    const from = t.time[ins[a] as number] as number;
    const gathered = ins.filter((i) => (t.time[i] as number) >= from && (t.time[i] as number) <= from + WINDOW);
    const senders = new Set(gathered.map((i) => t.debtor[i]));
    if (senders.size < P.minFan) continue;
    const lastIn = Math.max(...gathered.map((i) => t.time[i] as number));
    const scattered = outs.filter((i) => (t.time[i] as number) >= from && (t.time[i] as number) <= lastIn + WINDOW);
    const receivers = new Set(scattered.map((i) => t.creditor[i]));
    let inUsd = 0;
    for (const i of gathered) inUsd += row.usd(t, i);
    let outUsd = 0;
    for (const i of scattered) outUsd += row.usd(t, i);
    if (receivers.size < P.minFan || outUsd < inUsd * P.minForwardRatio || outUsd > inUsd * 1.05) continue;
    const text = `gathered $${Math.round(inUsd).toLocaleString('en-US')} from ${senders.size} senders and paid $${Math.round(outUsd).toLocaleString('en-US')} to ${receivers.size} receivers`;
    return { rows: [...gathered, ...scattered], text };
  }
  return undefined;
}

describe('gather-scatter', () => {
  it('finds the same windows as counting every row for every anchor, on 300 random hubs', () => {
    let seed = 7;
    const random = (): number => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
    let found = 0;
    for (let round = 0; round < 300; round++) {
      const w = new TestWorld();
      const rows = 4 + Math.floor(random() * 40);
      // Few parties (repeats), amounts near each other, days close enough to share windows.
      const party = (): string => `P${Math.floor(random() * 8)}`;
      for (let k = 0; k < rows; k++) {
        const usd = 800 + Math.round(random() * 1_500);
        const day = Math.floor(random() * 12 * 4) / 4;
        if (random() < 0.5) w.pay({ from: party(), to: 'HUB', usd, day, channel: 'wire' });
        else w.pay({ from: 'HUB', to: party(), usd, day, channel: random() < 0.9 ? 'wire' : 'card' });
      }
      const { table: t } = w.build();
      const hub = t.accounts.indexOf('HUB');
      const findings = scatterGatherDetector
        .run({ table: t, context: EMPTY_CONTEXT, prior: [], flagged: new Set() }, P)
        .filter((f: Finding) => f.ruleId === 'gather-scatter.hub');
      const expected = reference(t, hub);
      expect(findings.length, `round ${round}`).toBe(expected === undefined ? 0 : 1);
      if (expected === undefined) continue;
      found++;
      expect(findings[0]?.rows, `round ${round}`).toEqual(expected.rows);
      expect(findings[0]?.text, `round ${round}`).toBe(`HUB ${expected.text}`);
    }
    // Both outcomes are exercised.
    expect(found).toBeGreaterThan(20);
    expect(found).toBeLessThan(280);
  });
});
