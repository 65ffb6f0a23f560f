import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/temp.js';
import { DEFAULT_LEVERS } from '../levers.js';
import { planWorld, schemeBudget } from '../plan.js';
import type { Party, Planted, TransactionRow } from '../records.js';
import { SCALES } from '../scale.js';
import { simulate, SIMULATED_FILES } from '../index.js';
import { buildWorld, type Network } from '../world.js';
import { cardPaydown } from './card-paydown.js';
import { layering } from './layering.js';
import { relatedStructuring } from './related-structuring.js';
import type { SchemeContext, SchemePlan, SchemeType } from './scheme.js';
import { sharedContacts } from './shared-contacts.js';

const DAY_MS = 86_400_000;
const scale = SCALES.small;
const world = buildWorld(3, scale);
const context = (budget: number, seed = 3): SchemeContext => ({
  seed,
  startDate: '2024-09-02',
  days: scale.days,
  levers: DEFAULT_LEVERS,
  world: seed === 3 ? world : buildWorld(seed, scale),
  budget,
});
const network = (i: number): Network => world.networks[i] as Network;
const time = (t: Planted<TransactionRow>): number => Date.parse(String(t.row.timestamp));
const byRole = (plan: SchemePlan, role: string) => plan.transactions.filter((t) => t.truth.role === role);
const TYPES: readonly SchemeType[] = [layering, cardPaydown, sharedContacts, relatedStructuring];

describe.each(TYPES.map((t) => [t.name, t] as const))('%s scheme', (_name, type) => {
  it.each([3, 14, 54])('plants key records with truth of its typology, the same for the same seed (budget %i)', (budget) => {
    const plan = type.plan(context(budget), network(1));
    expect(plan.transactions.some((t) => t.truth.keyRecord)).toBe(true);
    for (const t of plan.transactions) {
      expect(t.truth).toMatchObject({ schemeId: `${type.name}-0001`, typology: type.typology });
      expect(t.day).toBeGreaterThanOrEqual(0);
      expect(t.day).toBeLessThan(scale.days);
    }
    // Account truth names accounts its payments use; entity truth names parties it brings or the network's.
    const accounts = new Set(plan.transactions.flatMap((t) => [t.row.debtor_account, t.row.creditor_account]));
    const ids = new Set([...(plan.parties ?? []), network(1).cmlnBroker].map((p) => p.id));
    for (const row of plan.truth) {
      if (row.recordKind === 'account') expect(accounts.has(row.recordId), row.role).toBe(true);
      if (row.recordKind === 'entity') expect(ids.has(row.recordId), row.role).toBe(true);
    }
    expect(type.plan(context(budget), network(1))).toEqual(plan);
    expect(type.plan(context(budget, 4), buildWorld(4, scale).networks[1] as Network)).not.toEqual(plan);
  });
});

describe('layering', () => {
  /** Each sender of a layer pays each of its receivers; returns senders and receivers by account. */
  const sets = (rows: readonly Planted<TransactionRow>[]) => ({
    senders: new Set(rows.map((t) => t.row.debtor_account)),
    receivers: new Set(rows.map((t) => t.row.creditor_account)),
    pairs: new Set(rows.map((t) => `${t.row.debtor_account}>${t.row.creditor_account}`)),
  });

  it('pays many-to-many within days, and the receivers move 80% or more on within five days', () => {
    for (const [budget, index, layers] of [
      [3, 0, 1],
      [54, 0, 1],
      [54, 1, 2],
    ] as const) {
      const plan = layering.plan(context(budget), network(index));
      const width = budget >= 10 ? 4 : 3;
      for (let n = 1; n <= 2; n++) {
        const rows = byRole(plan, `layer_${n}_payment`);
        if (n > layers) {
          expect(rows).toEqual([]);
          continue;
        }
        const { senders, receivers, pairs } = sets(rows);
        expect([senders.size, receivers.size, pairs.size]).toEqual([width, width, width * width]);
        expect(Math.max(...rows.map(time)) - Math.min(...rows.map(time))).toBeLessThan(5 * DAY_MS);
        // The receivers' onward transfers (the next layer or the exit) start within five days of their first receipt.
        const onward = plan.transactions.filter((t) => receivers.has(t.row.debtor_account as string));
        for (const r of receivers) {
          const first = Math.min(...rows.filter((t) => t.row.creditor_account === r).map(time));
          const out = onward.filter((t) => t.row.debtor_account === r);
          const got = rows.filter((t) => t.row.creditor_account === r).reduce((s, t) => s + Number(t.row.amount_usd), 0);
          const moved = out.filter((t) => time(t) <= first + 5 * DAY_MS).reduce((s, t) => s + Number(t.row.amount_usd), 0);
          expect(moved / got).toBeGreaterThanOrEqual(0.8);
        }
      }
      // Dollars are counted once, on the first layer.
      expect(plan.transactions.filter((t) => t.truth.usd > 0).every((t) => t.truth.role === 'layer_1_payment')).toBe(true);
    }
  });
});

describe('card pay-downs', () => {
  it('one payer, the CMLN broker, pays down the cards of three or more people within 30 days', () => {
    for (const budget of [3, 54]) {
      const plan = cardPaydown.plan(context(budget), network(0));
      expect(new Set(plan.transactions.map((t) => t.row.debtor_account))).toEqual(
        new Set([network(0).cmlnBroker.account.number]),
      );
      const cards = new Set(
        plan.transactions.map((t) => `${t.row.creditor_account}${/ending (\d{4})/.exec(String(t.row.purpose))?.[1] ?? ''}`),
      );
      expect(cards.size).toBeGreaterThanOrEqual(3);
      const times = plan.transactions.map(time);
      expect(Math.max(...times) - Math.min(...times)).toBeLessThan(30 * DAY_MS);
      for (const t of plan.transactions) expect(String(t.row.purpose)).toMatch(/card|CC payment/i);
    }
  });
});

describe('remittances to nominees sharing contacts', () => {
  it('three or more US senders pay two or more people in China with different names and one phone', () => {
    for (const budget of [3, 54]) {
      const plan = sharedContacts.plan(context(budget), network(0));
      const parties = new Map((plan.parties ?? []).map((p) => [p.account.number, p]));
      const beneficiaries = [...new Set(plan.transactions.map((t) => t.row.creditor_account as string))].map(
        (a) => parties.get(a) as Party,
      );
      expect(beneficiaries.length).toBeGreaterThanOrEqual(2);
      expect(new Set(beneficiaries.map((b) => b.name)).size).toBe(beneficiaries.length);
      expect(new Set(beneficiaries.map((b) => b.phone)).size).toBe(1);
      expect(new Set(plan.transactions.map((t) => t.row.debtor_account)).size).toBeGreaterThanOrEqual(3);
      for (const t of plan.transactions) {
        expect(t.row).toMatchObject({ channel: 'remittance', debtor_country: 'US', creditor_country: 'CN' });
        expect(Number(t.row.amount_usd)).toBeLessThan(3_000);
      }
    }
  });
});

describe('structuring across related accounts', () => {
  it('splits cash deposits below $10,000 over accounts sharing an address and phone, at most one per account a day', () => {
    for (const budget of [3, 14, 54]) {
      const plan = relatedStructuring.plan(context(budget), network(0));
      const deposits = byRole(plan, 'related_account_deposit');
      expect(deposits.length).toBe(Math.max(3, Math.round(budget / 2)));
      const holders = plan.parties ?? [];
      expect(holders.length).toBeGreaterThanOrEqual(2);
      expect(new Set(holders.map((h) => `${h.address}|${h.phone}`)).size).toBe(1);
      const perAccountDay = new Set<string>();
      for (const d of deposits) {
        expect(Number(d.row.amount_usd)).toBeGreaterThanOrEqual(8_500);
        expect(Number(d.row.amount_usd)).toBeLessThan(10_000);
        const key = `${d.row.creditor_account}@${d.day}`;
        expect(perAccountDay.has(key), key).toBe(false);
        perAccountDay.add(key);
      }
      // Every deposit has two more within a day of it, into another account of the household.
      for (const d of deposits) {
        const near = deposits.filter((e) => Math.abs(e.day - d.day) <= 1);
        expect(near.length).toBeGreaterThanOrEqual(3);
        expect(new Set(near.map((e) => e.row.creditor_account)).size).toBeGreaterThanOrEqual(2);
      }
      expect(byRole(plan, 'related_account_outflow').length > 0).toBe(budget >= 10);
    }
  });
});

describe('the world', () => {
  const plan = planWorld({ seed: 3, startDate: '2024-09-02', days: scale.days, levers: DEFAULT_LEVERS, world }, scale);

  it('sizes every scheme from the same budget as before the laundering schemes were added', () => {
    expect(schemeBudget(scale)).toBe(14);
    expect(schemeBudget(SCALES.medium)).toBe(54);
  });

  it('lists in truth the accounts of illicit actors that planted payments use (fronts, the representative, mules)', () => {
    const accounts = new Set(plan.truth.filter((t) => t.recordKind === 'account').map((t) => t.recordId));
    for (const n of world.networks) {
      expect(accounts.has(n.cmlnChina.account.number)).toBe(true);
      const paid = new Set(
        [...plan.transactionsByDay.values()].flat().flatMap((t) => [t.row.debtor_account, t.row.creditor_account]),
      );
      for (const p of [...n.fronts, n.representative, ...n.mules])
        expect(accounts.has(p.account.number)).toBe(paid.has(p.account.number));
    }
  });

  it('writes every party a scheme brings (title companies, CMLN clients, shells, nominees) to entities.ftm.json once', async () => {
    const tmp = tempDir('chokepoint-sim-schemes-');
    const dir = tmp.dir;
    await simulate({ outDir: dir, seed: 5, scale: 'tiny' });
    const tiny = planWorld(
      { seed: 5, startDate: '2024-09-02', days: 28, levers: DEFAULT_LEVERS, world: buildWorld(5, SCALES.tiny) },
      SCALES.tiny,
    );
    const ids = readFileSync(join(dir, SIMULATED_FILES.entities), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(tiny.parties.length).toBeGreaterThan(10);
    for (const p of tiny.parties) expect(ids.filter((id) => id === p.id)).toHaveLength(1);
    // Spread through the file, not all at its end.
    const positions = tiny.parties.map((p) => ids.indexOf(p.id)).sort((a, b) => a - b);
    expect(positions[0]).toBeLessThan(ids.length / 2);
    tmp.cleanup();
  });
});
