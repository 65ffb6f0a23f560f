import { currencyOf } from './population.js';
import { isoTimestamp, round2, type TransactionRow } from './records.js';
import type { Rng } from './rng.js';
import { creditorColumns, debtorColumns } from './schemes/scheme.js';
import type { World } from './world.js';

/**
 * Ordinary payments: payroll (ACH, heavier on Fridays), retail card payments, B2B wires (some
 * to suppliers in China: legitimate trade looks like precursor payments), remittances to
 * families in Mexico, Guatemala, India and China, business cash deposits (restaurants bank
 * receipts, sometimes just under $10,000 too), ATM withdrawals and internal transfers.
 */
export interface TransactionContext {
  readonly world: World;
  /** Midnight of the day, epoch ms. */
  readonly dayMs: number;
  readonly friday: boolean;
}

type Kind = 'payroll' | 'retail' | 'b2b' | 'remittance' | 'cash_deposit' | 'cash_withdrawal' | 'internal';

const FX_PER_USD: Readonly<Record<string, number>> = {
  USD: 1,
  MXN: 18.5,
  CNY: 7.2,
  INR: 83,
  GTQ: 7.8,
  EUR: 0.92,
  HKD: 7.8,
  GBP: 0.79,
  CAD: 1.36,
  TRY: 32,
};

function kinds(friday: boolean): readonly (readonly [Kind, number])[] {
  return [
    ['payroll', friday ? 40 : 12],
    ['retail', 42],
    ['b2b', 12],
    ['remittance', 9],
    ['cash_deposit', 6],
    ['cash_withdrawal', 4],
    ['internal', 5],
  ];
}

export function backgroundTransaction(ctx: TransactionContext, rng: Rng): TransactionRow {
  const { world } = ctx;
  const consumer = () => world.parties.party('consumer', rng.int(0, world.population.consumer - 1));
  const business = () => world.parties.party('business', rng.int(0, world.population.business - 1));
  const kind = rng.weighted(kinds(ctx.friday));
  const at = (fromHour: number, toHour: number): string =>
    isoTimestamp(ctx.dayMs + (rng.int(fromHour, toHour) * 3600 + rng.int(0, 3599)) * 1000);
  const usd = (amount: number) => ({ amount: round2(amount), currency: 'USD', amount_usd: round2(amount) });
  switch (kind) {
    case 'payroll': {
      const employer = business();
      return {
        timestamp: at(1, 6),
        ...debtorColumns(employer),
        ...creditorColumns(consumer()),
        ...usd(Math.max(300, rng.normal(2400, 900))),
        channel: 'ach',
        purpose: `Payroll ${employer.name.split(' ')[0] ?? ''}`.trim(),
      };
    }
    case 'retail':
      return {
        timestamp: at(8, 22),
        ...debtorColumns(consumer()),
        ...creditorColumns(business()),
        ...usd(rng.lognormal(3.6, 1)),
        channel: 'card',
        purpose: null,
      };
    case 'b2b': {
      const payer = business();
      const payee = business();
      const amount = rng.lognormal(9, 1.3);
      const currency = payee.account.currency === 'USD' || rng.chance(0.6) ? 'USD' : payee.account.currency;
      const rate = FX_PER_USD[currency] ?? 1;
      return {
        timestamp: at(8, 17),
        ...debtorColumns(payer),
        ...creditorColumns(payee),
        amount: round2(amount * rate),
        currency,
        amount_usd: round2(amount),
        channel: payer.country === payee.country && rng.chance(0.5) ? 'ach' : 'wire',
        purpose: `Invoice ${rng.int(1000, 99999)}`,
      };
    }
    case 'remittance': {
      const family = world.parties.party('family', rng.int(0, world.population.family - 1));
      return {
        timestamp: at(9, 21),
        ...debtorColumns(consumer()),
        ...creditorColumns(family),
        ...usd(rng.range(100, 1500)),
        channel: 'remittance',
        purpose: rng.pick(['family support', 'for mom', null, 'school fees']),
      };
    }
    case 'cash_deposit': {
      const shop = business();
      const amount = rng.lognormal(7.8, 0.7);
      const currency = currencyOf(shop.account.country);
      const local = amount * (FX_PER_USD[currency] ?? 1);
      return {
        timestamp: at(9, 18),
        debtor_account: 'CASH',
        debtor_country: shop.account.country,
        ...creditorColumns(shop),
        amount: round2(local),
        currency,
        amount_usd: round2(amount),
        channel: 'cash_deposit',
        purpose: amount >= 10_000 ? 'Store receipts (CTR filed)' : 'Store receipts',
      };
    }
    case 'cash_withdrawal': {
      const person = consumer();
      return {
        timestamp: at(7, 23),
        ...debtorColumns(person),
        creditor_account: 'CASH',
        creditor_country: person.account.country,
        ...usd(rng.pick([20, 40, 60, 100, 200, 300, 500])),
        channel: 'cash_withdrawal',
        purpose: 'ATM withdrawal',
      };
    }
    case 'internal': {
      const person = consumer();
      return {
        timestamp: at(0, 23),
        ...debtorColumns(person),
        creditor_account: `${person.account.number}-S`,
        creditor_name: person.name,
        creditor_bank: person.account.bank,
        creditor_country: person.account.country,
        ...usd(rng.lognormal(5.5, 1)),
        channel: 'internal',
        purpose: 'Transfer to savings',
      };
    }
  }
}
