import { dayStartMs } from '../calendar.js';
import { makeParty, partyId } from '../population.js';
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
 * Mirror swaps through a Chinese money laundering network (FIN-2025-A003). The cartel's US
 * distributor pays dollars to the CMLN broker in the US; within two days a party linked to the
 * broker pays the equivalent in pesos to the cartel cell inside Mexico, and a Chinese client who
 * wanted dollars abroad pays yuan to the broker's associate inside China. Every leg is domestic:
 * no money crosses a border, only the pairing in time and amount links them.
 * Truth counts each swap's dollars once, on the USD leg (the evaluator sums usd over records).
 * The Chinese client is written as an entity and listed in truth with its account, as is the
 * broker's associate's account in China: both take part in every yuan leg.
 */
const MXN_PER_USD = 18.5;
const CNY_PER_USD = 7.2;

export const mirrorSwap: SchemeType = {
  name: 'mirror-swap',
  typology: 'mirror_swap',
  plan(ctx: SchemeContext, network: Network): SchemePlan {
    const rng = streamRng(ctx.seed, 'scheme', 'mirror-swap', network.index);
    const id = schemeId(mirrorSwap, network);
    const typology = mirrorSwap.typology;
    const swaps = Math.max(1, Math.round(ctx.budget / 3));
    const client = makeParty(rng, {
      id: partyId(ctx.seed, 'network', network.index, 'cmln-client', 0),
      schema: 'Person',
      country: 'CN',
    });
    const transactions: Planted<TransactionRow>[] = [];
    const leg = (day: number, row: TransactionRow, role: string, keyRecord: boolean, usd: number): void => {
      transactions.push({
        day,
        row: { timestamp: isoTimestamp(dayStartMs(ctx.startDate, day) + businessHoursMs(rng)), ...row },
        truth: { schemeId: id, typology, role, keyRecord, kg: 0, usd: round2(usd) },
      });
    };
    for (let i = 0; i < swaps; i++) {
      const day = rng.int(0, Math.max(0, ctx.days - 3));
      const usd = round2(rng.range(15_000, 120_000));
      const cash = rng.chance(0.4);
      leg(
        day,
        {
          ...(cash
            ? { debtor_account: 'CASH', debtor_name: network.distributor.name, debtor_country: 'US' }
            : debtorColumns(network.distributor)),
          ...creditorColumns(network.cmlnBroker),
          amount: usd,
          currency: 'USD',
          amount_usd: usd,
          channel: cash ? 'cash_deposit' : 'wire',
          purpose: cash ? null : rng.pick(['Consulting services', 'Loan repayment', 'Tuition support']),
        },
        'usd_leg',
        true,
        usd,
      );
      const mxn = round2(usd * MXN_PER_USD * rng.range(0.93, 0.97));
      leg(
        Math.min(ctx.days - 1, day + rng.int(0, 2)),
        {
          ...debtorColumns(network.cmlnMexico),
          ...creditorColumns(network.cell),
          amount: mxn,
          currency: 'MXN',
          amount_usd: round2(mxn / MXN_PER_USD),
          channel: 'wire',
          purpose: rng.pick(['Pago de servicios', 'Anticipo', 'Pago factura']),
        },
        'mxn_leg',
        true,
        0,
      );
      const cny = round2(usd * CNY_PER_USD * rng.range(1.01, 1.04));
      leg(
        Math.min(ctx.days - 1, day + rng.int(0, 2)),
        {
          ...debtorColumns(client),
          ...creditorColumns(network.cmlnChina),
          amount: cny,
          currency: 'CNY',
          amount_usd: round2(cny / CNY_PER_USD),
          channel: 'wire',
          purpose: null,
        },
        'cny_leg',
        false,
        0,
      );
    }
    const tag = (role: string, keyRecord: boolean) => ({ schemeId: id, typology, role, keyRecord });
    return {
      shipments: [],
      transactions,
      truth: [
        entityTruth(network.cmlnBroker, tag('cmln_broker', true)),
        accountTruth(network.cmlnBroker, tag('cmln_broker_account', true)),
        entityTruth(network.cmlnMexico, tag('cmln_mx_counterpart', false)),
        accountTruth(network.cmlnMexico, tag('cmln_mx_account', false)),
        entityTruth(network.cmlnChina, tag('cmln_cn_counterpart', false)),
        accountTruth(network.cmlnChina, tag('cmln_cn_account', false)),
        entityTruth(client, tag('cmln_cn_client', false)),
        accountTruth(client, tag('cmln_cn_client_account', false)),
      ],
      parties: [client],
    };
  },
};
