import { describe, expect, it } from 'vitest';
import type { Transaction } from '../../model/index.js';
import { DAY_MS } from '../rule.js';
import { LegIndex, MAX_COUNTERPART_LEGS } from './legs.js';

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

describe('mirror-swap leg index', () => {
  const params = { minUsd: 10_000, windowDays: 7, amountTolerance: 0.05 };

  it('names the accounts of offsetting legs only: other currency and country, close value, within the window', () => {
    const index = new LegIndex(params);
    index.add(0, leg(0, 100, 'MXN', 'MX', 50_000));
    index.add(1, leg(1, 100, 'USD', 'US', 50_000)); // same currency as the new leg
    index.add(2, leg(2, 100, 'MXN', 'MX', 80_000)); // value too far
    index.add(3, leg(3, 90, 'MXN', 'MX', 50_000)); // too early
    index.add(4, leg(4, 101, 'MXN', 'MX', 9_000)); // not a leg
    const into = new Set<string>();
    index.counterparts(leg(5, 102, 'USD', 'US', 51_000), 0, 0, into);
    expect([...into].sort()).toEqual(['C0', 'D0']);
  });

  it('takes at most a bounded number of legs, latest day first, however many offset', () => {
    const index = new LegIndex(params);
    for (let k = 0; k < 200; k++) index.add(k, leg(k, 100 + Math.floor(k / 40), 'MXN', 'MX', 50_000 + k));
    const into = new Set<string>();
    index.counterparts(leg(999, 105, 'USD', 'US', 50_100), 0, 0, into);
    expect(into.size).toBe(2 * MAX_COUNTERPART_LEGS);
    // Legs 160-199 are of the latest day (104).
    for (const account of into) expect(Number(account.slice(1))).toBeGreaterThanOrEqual(160);
  });
});
