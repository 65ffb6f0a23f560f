import { dateOf, dayStartMs } from '../calendar.js';
import { isoTimestamp, round2, type Planted, type TransactionRow } from '../records.js';
import { streamRng } from '../rng.js';
import type { Network } from '../world.js';
import {
  accountTruth,
  businessHoursMs,
  creditorColumns,
  debtorColumns,
  entityTruth,
  schemeId,
  type SchemeContext,
  type SchemePlan,
  type SchemeType,
} from './scheme.js';

/**
 * Structuring into a funnel account (domain.md §4): money mules and "students" deposit cash just
 * below the $10,000 currency-transaction-report threshold at branches in different cities, and
 * the balance leaves quickly by wire to Mexico or as cash withdrawn across the border.
 */
export const BRANCHES = [
  'Phoenix AZ',
  'El Paso TX',
  'Los Angeles CA',
  'Chicago IL',
  'Atlanta GA',
  'Houston TX',
  'San Diego CA',
  'Laredo TX',
];

export const structuring: SchemeType = {
  name: 'structuring',
  typology: 'structuring',
  plan(ctx: SchemeContext, network: Network): SchemePlan {
    const rng = streamRng(ctx.seed, 'scheme', 'structuring', network.index);
    const id = schemeId(structuring, network);
    const typology = structuring.typology;
    const deposits = Math.max(3, Math.round(ctx.budget * 0.8));
    const span = Math.min(ctx.days, 14);
    const firstDay = rng.int(0, Math.max(0, ctx.days - span));
    const funnel = network.funnel;
    const transactions: Planted<TransactionRow>[] = [];
    let balance = 0;
    for (let i = 0; i < deposits; i++) {
      const day = firstDay + rng.int(0, span - 1);
      const mule = rng.pick(network.mules);
      const amount = round2(rng.range(8_600, 9_950));
      balance += amount;
      transactions.push({
        day,
        row: {
          timestamp: isoTimestamp(dayStartMs(ctx.startDate, day) + businessHoursMs(rng)),
          debtor_account: 'CASH',
          debtor_name: mule.name,
          debtor_country: 'US',
          ...creditorColumns(funnel),
          amount,
          currency: 'USD',
          amount_usd: amount,
          channel: 'cash_deposit',
          purpose: `Cash deposit, branch ${rng.pick(BRANCHES)}`,
        },
        truth: { schemeId: id, typology, role: 'structured_deposit', keyRecord: true, kg: 0, usd: amount },
      });
    }
    // Rapid movement out: within a day or two of the deposits, mostly wires to Mexico. At the
    // smallest budget (tiny worlds) the deposits stand alone: the illicit share is tight there.
    const outgoing = ctx.budget <= 3 ? 0 : Math.max(1, Math.round(deposits / 5));
    for (let i = 0; i < outgoing; i++) {
      const day = Math.min(ctx.days - 1, firstDay + span - 1 + rng.int(0, 2));
      const amount = round2((balance / outgoing) * rng.range(0.9, 0.99));
      const wire = rng.chance(0.7);
      transactions.push({
        day,
        row: {
          timestamp: isoTimestamp(dayStartMs(ctx.startDate, day) + businessHoursMs(rng)),
          ...debtorColumns(funnel),
          ...(wire
            ? creditorColumns(network.importer)
            : { creditor_account: 'CASH', creditor_name: network.cell.name, creditor_country: 'MX' }),
          amount,
          currency: 'USD',
          amount_usd: amount,
          channel: wire ? 'wire' : 'cash_withdrawal',
          purpose: wire ? `Payment services ${dateOf(ctx.startDate, day).slice(0, 7)}` : 'ATM withdrawal Tijuana',
        },
        // The deposits already carry these dollars in truth (counted once per scheme).
        truth: { schemeId: id, typology, role: 'funnel_outflow', keyRecord: false, kg: 0, usd: 0 },
      });
    }
    const tag = (role: string, keyRecord: boolean) => ({ schemeId: id, typology, role, keyRecord });
    return {
      shipments: [],
      transactions,
      truth: [
        accountTruth(funnel, tag('funnel_account', true)),
        entityTruth(funnel, tag('student_account_holder', false)),
        ...network.mules.map((m) => entityTruth(m, tag('money_mule', false))),
      ],
    };
  },
};
