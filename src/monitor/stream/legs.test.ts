import { describe, expect, it } from 'vitest';
import type { Transaction } from '../../model/index.js';
import { DAY_MS } from '../rule.js';
import { seededRandom } from '../../resolve/random.js';
import { LegBlock, LegIndex, MAX_COUNTERPART_LEGS, SortedLegs, type Leg } from './legs.js';

function leg(k: number, day: number, currency: string, country: string, usd: number): Transaction {
  return {
    id: `L${k}`,
    sourceId: `L${k}`,
    timestamp: day * DAY_MS,
    debtorAccount: `D${k}`,
    debtorName: null,
    debtorBank: null,
    debtorCountry: country,
    creditorAccount: `C${k}`,
    creditorName: null,
    creditorBank: null,
    creditorCountry: country,
    amount: usd,
    currency,
    amountUsd: usd,
    channel: 'wire',
    purpose: null,
    debtorAccountEntityId: '',
    creditorAccountEntityId: '',
    truthLaundering: null,
    truthScheme: null,
  };
}

/** Window ids as the engine would give them: leg k's debtor 2k, creditor 2k + 1; a country's id. */
const COUNTRIES = ['', 'MX', 'US'];
const countryId = (t: Transaction): number => COUNTRIES.indexOf(t.creditorCountry as string);
function add(index: LegIndex, seq: number, t: Transaction): void {
  const k = Number(t.id.slice(1));
  index.add(seq, t, 2 * k, 2 * k + 1, countryId(t));
}
/** The accounts `counterparts` names, back as keys (D<k>, C<k>). */
function counterparts(index: LegIndex, t: Transaction): string[] {
  const into = new Int32Array(2 + 2 * MAX_COUNTERPART_LEGS);
  const n = index.counterparts(t, countryId(t), 0, 0, into, 0);
  return [...into.subarray(0, n)].map((id) => `${id % 2 === 0 ? 'D' : 'C'}${id >> 1}`);
}

describe('mirror-swap leg index', () => {
  const params = { minUsd: 10_000, windowDays: 7, amountTolerance: 0.05 };

  it('names the accounts of offsetting legs only: other currency and country, close value, within the window', () => {
    const index = new LegIndex(params);
    add(index, 0, leg(0, 100, 'MXN', 'MX', 50_000));
    add(index, 1, leg(1, 100, 'USD', 'US', 50_000)); // same currency as the new leg
    add(index, 2, leg(2, 100, 'MXN', 'MX', 80_000)); // value too far
    add(index, 3, leg(3, 90, 'MXN', 'MX', 50_000)); // too early
    add(index, 4, leg(4, 101, 'MXN', 'MX', 9_000)); // not a leg
    add(index, 5, leg(5, 101, 'EUR', 'US', 50_500)); // same country as the new leg
    expect(counterparts(index, leg(6, 102, 'USD', 'US', 51_000)).sort()).toEqual(['C0', 'D0']);
  });

  it('takes at most a bounded number of legs, latest day first, however many offset', () => {
    const index = new LegIndex(params);
    for (let k = 0; k < 200; k++) add(index, k, leg(k, 100 + Math.floor(k / 40), 'MXN', 'MX', 50_000 + k));
    const into = counterparts(index, leg(999, 105, 'USD', 'US', 50_100));
    expect(into).toHaveLength(2 * MAX_COUNTERPART_LEGS);
    // Legs 160-199 are of the latest day (104).
    for (const account of into) expect(Number(account.slice(1))).toBeGreaterThanOrEqual(160);
  });

  it('keeps legs in blocks in the order of one sorted array: by value, equal values in arrival order', () => {
    const random = seededRandom(7);
    const blocks = new SortedLegs();
    const plain: Leg[] = [];
    for (let seq = 0; seq < 5_000; seq++) {
      // Few distinct values, so ties are common and their order is tested.
      const usd = 10_000 + Math.floor(random() * 300) * 10;
      const leg: Leg = { seq, usd, debtor: 2 * seq, creditor: 2 * seq + 1, country: 1 };
      blocks.insert(leg);
      let k = plain.length;
      while (k > 0 && (plain[k - 1] as Leg).usd > usd) k--;
      plain.splice(k, 0, leg);
    }
    expect(blocks.blocks.length).toBeGreaterThan(1);
    expect(blocks.toArray().map((l) => l.seq)).toEqual(plain.map((l) => l.seq));
    // The block of the first value above a bound, for bounds between and at the values.
    for (const bound of [0, 10_000, 10_005, 11_500, 12_990, 20_000]) {
      const flat = blocks.toArray();
      const after = blocks.blockAfter(bound);
      const before = blocks.blocks.slice(0, after).reduce((n, b) => n + b.length, 0);
      const first = flat.findIndex((l) => l.usd > bound);
      expect(first === -1 ? flat.length : first).toBeGreaterThanOrEqual(before);
      if (first !== -1) {
        const block = blocks.blocks[after] as LegBlock;
        expect(Array.from({ length: block.length }, (_, j) => block.leg(j))).toContainEqual(flat[first]);
      }
    }
  });

  it('finds the same offsetting legs across block boundaries as in one block', () => {
    const index = new LegIndex(params);
    // 3,000 MXN legs of one day: many blocks; the USD leg's band spans several of them.
    for (let k = 0; k < 3_000; k++) add(index, k, leg(k, 100, 'MXN', 'MX', 40_000 + ((k * 7919) % 3_000) * 5));
    const into = counterparts(index, leg(9_999, 100, 'USD', 'US', 47_001));
    // The first legs of the band (47,001 ± 5%: no leg's value on its edges) by value, then arrival order.
    const expected: number[] = [];
    for (let k = 0; k < 3_000; k++) expected.push(k);
    const usd = (k: number): number => 40_000 + ((k * 7919) % 3_000) * 5;
    const chosen = expected
      .filter((k) => usd(k) >= 47_001 * 0.95 && usd(k) <= 47_001 * 1.05)
      .sort((a, b) => usd(a) - usd(b) || a - b)
      .slice(0, MAX_COUNTERPART_LEGS);
    expect(into.sort()).toEqual(chosen.flatMap((k) => [`C${k}`, `D${k}`]).sort());
  });
});
