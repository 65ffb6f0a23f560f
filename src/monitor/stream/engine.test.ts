import { beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from '../../model/index.js';
import { analyse } from '../engine.js';
import { loadPolicy, type Policy } from '../policy.js';
import { TestWorld } from '../test-world.js';
import { DEFAULT_STREAM_OPTIONS, EvidenceMarks, mergeRuns, StreamEngine, type Decision } from './engine.js';
import type { LocalTable } from './local-table.js';
import { inPartition, parsePartition, stableHash, type Partition } from './partition.js';
import { retentionMs, streamPolicy } from './profile.js';

let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicy();
});

const SHIPPERS = [{ name: 'Hubei Kaiyuan New Material Co., Ltd.', hs: '2933.39' }];

/** One world with a planted case of each typology on its own accounts, among ordinary payments. */
function plantedWorld() {
  const w = new TestWorld();
  const planted: Record<string, string[]> = {};
  const plant = (typology: string, id: string): string => {
    (planted[typology] ??= []).push(id);
    return id;
  };
  // Ordinary traffic: salaries, card spending, rent.
  for (let d = 0; d < 28; d++) {
    for (let k = 0; k < 6; k++)
      w.pay({ from: `P${(d + k) % 25}`, to: `SHOP${k % 3}`, usd: 20 + k * 7 + d, day: d + k / 10, channel: 'card' });
    if (d % 14 === 0)
      for (let k = 0; k < 25; k++) w.pay({ from: 'EMPLOYER', to: `P${k}`, usd: 2_400 + k, day: d + 0.3, channel: 'ach' });
  }
  // Structuring by three mules into a funnel, emptied to Mexico.
  const mules = ['Ana Cruz', 'Li Wei', 'Tom Hart'];
  [9_400, 9_850, 8_900, 9_700, 9_150].forEach((usd, k) =>
    plant(
      'structuring',
      w.pay({
        from: 'CASH',
        to: 'FUNNEL',
        usd,
        day: 1 + k * 2,
        channel: 'cash_deposit',
        fromName: mules[k % 3],
        purpose: `Cash deposit, branch ${k % 2 ? 'El Paso TX' : 'Phoenix AZ'}`,
      }),
    ),
  );
  plant('structuring', w.pay({ from: 'FUNNEL', to: 'MX-IMPORTER', usd: 44_000, day: 12, toCountry: 'MX' }));
  // Mirror swaps between linked parties.
  w.party('broker', 'Person', 'Chen Broker', 'US-BROKER');
  w.party('mxco', 'Company', 'Servicios Delta S.A. de C.V.', 'MX-CO');
  w.director('broker', 'mxco');
  for (let k = 0; k < 2; k++) {
    const usd = 40_000 + k * 13_000;
    plant('mirror_swap', w.pay({ from: `US-DIST-${k}`, to: 'US-BROKER', usd, day: 2 + k * 5 }));
    plant(
      'mirror_swap',
      w.pay({
        from: 'MX-CO',
        to: 'MX-CELL',
        usd: usd * 0.95,
        amount: usd * 0.95 * 18.5,
        currency: 'MXN',
        day: 3 + k * 5,
        fromCountry: 'MX',
      }),
    );
  }
  // A new Mexican company paying a PRC chemical shipper for intermediates.
  w.party('imp', 'Company', 'Importadora Norte S. de R.L. de C.V.', 'MX-IMP', { incorporationDate: ['2023'] });
  for (const day of [4, 11])
    plant(
      'precursor_payment',
      w.pay({
        from: 'MX-IMP',
        to: 'CN-SELLER',
        usd: 24_000,
        day,
        fromCountry: 'MX',
        toCountry: 'CN',
        toName: 'Hubei Kaiyuan New Material Co., Ltd.',
        purpose: 'Invoice 2024-311, organic intermediate',
      }),
    );
  // Remittances from several US senders to a PRC individual who directs a biotech company.
  w.party('rep', 'Person', 'Zhao Ming', 'CN-REP');
  w.party('sup', 'Company', 'Wuhan Huajie Biotech Co., Ltd.', 'CN-SUP');
  w.director('rep', 'sup');
  ['US-R1', 'US-R2', 'US-R3', 'US-R1'].forEach((from, k) =>
    plant(
      'precursor_payment',
      w.pay({ from, to: 'CN-REP', usd: 900 + k * 400, day: 5 + k * 3, channel: 'remittance', toCountry: 'CN' }),
    ),
  );
  // A new holding company funded by round transfers buys a house.
  w.party('llc', 'Company', 'Canyon Ridge Holdings LLC', 'US-LLC', { incorporationDate: ['2024'] });
  [50_000, 75_000, 25_000].forEach((usd, k) => w.pay({ from: `US-F${k}`, to: 'US-LLC', usd, day: 14 + k }));
  plant(
    'shell_real_estate',
    w.pay({
      from: 'US-LLC',
      to: 'US-TITLE',
      usd: 146_000,
      day: 20,
      toName: 'Desert Title & Escrow Inc.',
      purpose: 'Escrow 44120, purchase of 12 Palm Vista Dr',
    }),
  );
  // Round "consulting" fees from companies to a customs officer.
  w.party('off', 'Person', 'Jorge Ruiz', 'MX-OFF', { position: ['Customs officer, Port of Manzanillo'] });
  [20_000, 30_000, 20_000, 50_000].forEach((mxn, k) =>
    plant(
      'official_bribe',
      w.pay({
        from: k % 2 ? 'MX-CO1' : 'MX-CO2',
        to: 'MX-OFF',
        usd: mxn / 18.5,
        amount: mxn * 1.01,
        currency: 'MXN',
        day: 2 + k * 6,
        fromCountry: 'MX',
        fromName: 'Comercializadora Sur S.A. de C.V.',
        toName: 'Jorge Ruiz',
        purpose: 'Honorarios consultoría',
      }),
    ),
  );
  // Weak signals that do not alert alone: pass-through, fan-in, gather-scatter.
  w.pay({ from: 'X', to: 'CONDUIT', usd: 50_000, day: 8 });
  plant('rapid_pass_through', w.pay({ from: 'CONDUIT', to: 'Y', usd: 49_000, day: 8.4 }));
  for (let k = 0; k < 7; k++) plant('fan_in', w.pay({ from: `FS${k}`, to: 'FAN-IN', usd: 3_000, day: 9 + k / 2 }));
  for (const s of ['GS1', 'GS2', 'GS3']) w.pay({ from: s, to: 'GS-HUB', usd: 10_000, day: 6 });
  for (const r of ['GR1', 'GR2', 'GR3']) plant('gather_scatter', w.pay({ from: 'GS-HUB', to: r, usd: 9_500, day: 7 }));
  // A cycle: batch-only.
  plant('cycle', w.pay({ from: 'CA', to: 'CB', usd: 20_000, day: 1 }));
  plant('cycle', w.pay({ from: 'CB', to: 'CC', usd: 19_500, day: 2 }));
  plant('cycle', w.pay({ from: 'CC', to: 'CD', usd: 19_200, day: 2.5 }));
  plant('cycle', w.pay({ from: 'CD', to: 'CA', usd: 19_000, day: 3 }));
  return { w, planted };
}

/** The world's transactions in time order, as a stream would carry them. */
function inTimeOrder(transactions: readonly Transaction[]): Transaction[] {
  return [...transactions].sort((a, b) => a.timestamp - b.timestamp);
}

function stream(w: TestWorld, p?: Partition, options = DEFAULT_STREAM_OPTIONS): Map<string, Decision> {
  const { context } = w.build(SHIPPERS);
  const engine = new StreamEngine(policy, context, options);
  const out = new Map<string, Decision>();
  for (const t of inTimeOrder(w.transactions)) {
    const seq = engine.add(t);
    if (p === undefined || inPartition(t, p)) out.set(t.id, engine.decide(seq, t));
  }
  return out;
}

describe('streaming engine over the batch detectors', () => {
  it('flags each planted typology the stream can see, on the transaction that completes it, and agrees with the batch engine', () => {
    const { w, planted } = plantedWorld();
    const { table, context } = w.build(SHIPPERS);
    const batch = analyse(table, context, policy);
    const batchFlagged = new Set<string>();
    for (const [row, s] of batch.rows) if (s.score >= policy.thresholds.alert) batchFlagged.add(table.ids[row] as string);
    const decisions = stream(w);
    expect(decisions.size).toBe(w.transactions.length);
    const flaggedIds = [...decisions.values()].filter((d) => d.flagged).map((d) => d.transaction_id);
    // Hindsight sees at least what the stream saw: nothing the stream flags is clean in batch.
    for (const id of flaggedIds) expect(batchFlagged.has(id), id).toBe(true);
    for (const typology of ['structuring', 'mirror_swap', 'precursor_payment', 'shell_real_estate', 'official_bribe']) {
      const ids = planted[typology] ?? [];
      const hit = ids.filter((id) => decisions.get(id)?.flagged === true && decisions.get(id)?.typologies[0] === typology);
      expect(hit.length, typology).toBeGreaterThan(0);
      expect(
        ids.some((id) => batchFlagged.has(id)),
        typology,
      ).toBe(true);
    }
    // The completing events are flagged on arrival: the third structured deposit, the funnel outflow, the purchase.
    const s = planted['structuring'] ?? [];
    expect(s.map((id) => decisions.get(id)?.flagged)).toEqual([false, false, true, true, true, true]);
    expect(decisions.get(planted['shell_real_estate']?.[0] ?? '')?.reasons.map((r) => r.ruleId)).toEqual(
      expect.arrayContaining(['real-estate.funded-purchase', 'real-estate.new-company']),
    );
    // Mirror swaps: the second leg of each swap completes it; a first leg has nothing to offset yet.
    expect((planted['mirror_swap'] ?? []).map((id) => decisions.get(id)?.flagged)).toEqual([false, true, false, true]);
    // Weak signals reach the decision as typologies with their reasons, below the alert threshold.
    for (const typology of ['rapid_pass_through', 'fan_in', 'gather_scatter']) {
      const seen = (planted[typology] ?? []).filter((id) => decisions.get(id)?.typologies.includes(typology));
      expect(seen.length, typology).toBeGreaterThan(0);
    }
    // Cycles are batch-only: found in batch, never claimed by the stream.
    expect((planted['cycle'] ?? []).every((id) => batchFlagged.has(id))).toBe(true);
    expect([...decisions.values()].some((d) => d.typologies.includes('cycle'))).toBe(false);
    // No ordinary payment is flagged.
    const plantedIds = new Set(Object.values(planted).flat());
    const ordinary = [...decisions.values()].filter((d) => !plantedIds.has(d.transaction_id) && d.flagged);
    expect(ordinary.map((d) => d.transaction_id)).toEqual([]);
  });

  it('gives every decision its reasons as data: rule, weight, text and evidence ids', () => {
    const { w, planted } = plantedWorld();
    const outflow = stream(w).get((planted['structuring'] ?? [])[5] ?? '');
    expect(outflow?.reasons).toContainEqual(
      expect.objectContaining({
        ruleId: 'structuring.funnel-outflow',
        weight: 55,
        evidence: expect.arrayContaining([(planted['structuring'] ?? [])[5], 'FUNNEL', 'MX-IMPORTER']),
      }),
    );
    expect(outflow?.reasons).toContainEqual(
      expect.objectContaining({ ruleId: 'sar.key-term', text: 'SAR key term: CMLN-2025-A003' }),
    );
  });

  it('names each evidence row and account once in a reason: rows, then accounts, then related, up to a cap of each', () => {
    const { w } = plantedWorld();
    const reasons = [...stream(w).values()].flatMap((d) => d.reasons);
    expect(reasons.filter((r) => r.evidence.length > 1).length).toBeGreaterThan(10);
    for (const r of reasons) expect(new Set(r.evidence).size, r.ruleId).toBe(r.evidence.length);
    // A finding that repeats rows and accounts (a table of 80 rows and 6 accounts).
    const table = { size: 80, accountCount: 6, id: (i: number) => `T${i}`, accountKey: (a: number) => `A${a}` };
    const finding = {
      ruleId: 'r',
      text: 'x',
      weight: 1,
      detectorId: 'd',
      typology: 't',
      rows: [3, 1, 3, ...Array.from({ length: 70 }, (_, k) => k + 5)],
      accounts: [2, 2],
      related: [4, 2, 5, 4],
    };
    const marks = new EvidenceMarks();
    for (let round = 0; round < 2; round++) {
      const { evidence } = marks.reason(table as unknown as LocalTable, finding, 50);
      expect(evidence.slice(0, 3)).toEqual(['T3', 'T1', 'T5']);
      expect(evidence.filter((e) => e.startsWith('T'))).toHaveLength(49);
      expect(evidence.slice(49)).toEqual(['A2', 'A4', 'A5']);
    }
    // Below the alert threshold a decision names fewer; flagged ones are alerts and name them all.
    const whole = stream(w);
    const brief = stream(w, undefined, { ...DEFAULT_STREAM_OPTIONS, unflaggedEvidence: 1 });
    let shortened = 0;
    for (const [id, d] of whole) {
      const b = brief.get(id) as Decision;
      expect({ ...b, reasons: [] }).toEqual({ ...d, reasons: [] });
      if (d.flagged) expect(b).toEqual(d);
      else
        d.reasons.forEach((r, k) => {
          expect(b.reasons[k]?.evidence).toEqual(r.evidence.length === 0 ? [] : expect.any(Array));
          expect(b.reasons[k]?.evidence.length).toBeLessThanOrEqual(2);
          if (r.evidence.length > 2) shortened++;
        });
    }
    expect(shortened).toBeGreaterThan(0);
    // Capped at 3: the first three rows (two distinct), the two accounts and the first related one.
    expect(marks.reason(table as unknown as LocalTable, finding, 3).evidence).toEqual(['T3', 'T1', 'A2', 'A4']);
  });

  it('splits decisions across partitions by originator account: together they decide every transaction once, identically', () => {
    const { w } = plantedWorld();
    const whole = stream(w);
    const parts = [0, 1, 2].map((index) => stream(w, { index, count: 3 }));
    expect(parts.reduce((n, p) => n + p.size, 0)).toBe(whole.size);
    for (const part of parts) for (const [id, d] of part) expect(d).toEqual(whole.get(id));
    expect(parts.every((p) => p.size > 0)).toBe(true);
  });

  it('keeps only the retention in memory and decides the same whatever happened before it', () => {
    const retention = retentionMs(streamPolicy(policy).policy);
    expect(retention).toBe(30 * 86_400_000);
    const engine = new StreamEngine(policy, new TestWorld().build().context);
    const w = new TestWorld();
    for (let d = 0; d < 120; d++) w.pay({ from: `A${d % 5}`, to: `B${d % 7}`, usd: 100 + d, day: d });
    for (const t of w.transactions) engine.add(t);
    expect(engine.window.size).toBeLessThanOrEqual(32);
    expect(engine.window.head).toBeGreaterThan(80);
  });
});

describe("merging a neighbourhood's runs", () => {
  it('gives one index per distinct row, ascending by row, as sorting would, with few runs and with many', () => {
    let x = 11;
    const next = (n: number): number => {
      x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
      return Math.floor((x / 2 ** 32) * n);
    };
    for (const count of [1, 2, 4, 8, 9, 20]) {
      for (let trial = 0; trial < 50; trial++) {
        // Runs newest first, drawn from a small range so rows repeat across runs; some runs empty.
        const runs: number[] = [];
        const ends = new Int32Array(count);
        for (let r = 0; r < count; r++) {
          const run = Array.from({ length: next(12) }, () => 1_000_000 + next(60));
          runs.push(...[...new Set(run)].sort((a, b) => b - a));
          ends[r] = runs.length;
        }
        const into = new Int32Array(runs.length);
        const keys = new Float64Array(runs.length);
        const m = mergeRuns(Float64Array.from(runs), count, ends, new Int32Array(count), into, runs.length, keys);
        // Indexes of the runs, each naming its row once.
        expect(Array.from(into.subarray(0, m), (j) => runs[j])).toEqual([...new Set(runs)].sort((a, b) => a - b));
      }
    }
  });
});

describe('partitions', () => {
  it('parses i/n and refuses anything else', () => {
    expect(parsePartition('1/4')).toEqual({ index: 1, count: 4 });
    expect(parsePartition('4/4')).toMatch(/0 <= i < n/);
    expect(parsePartition('x')).toMatch(/expects i\/n/);
  });

  it('hashes stably, and sends cash deposits by the account credited', () => {
    expect(stableHash('US-FUNNEL')).toBe(stableHash('US-FUNNEL'));
    expect(stableHash('a')).not.toBe(stableHash('b'));
    const p = { index: stableHash('FUNNEL') % 4, count: 4 };
    expect(inPartition({ debtorAccount: 'CASH', creditorAccount: 'FUNNEL' }, p)).toBe(true);
  });
});
