import { dayStartMs } from '../calendar.js';
import { isoTimestamp, round2, type Planted, type TransactionRow } from '../records.js';
import { streamRng, type Rng } from '../rng.js';
import type { Network } from '../world.js';
import {
  accountTruth,
  businessHoursMs,
  entityTruth,
  creditorColumns,
  debtorColumns,
  schemeId,
  type SchemeContext,
  type SchemePlan,
  type SchemeType,
} from './scheme.js';

/**
 * Payments for precursors (FIN-2019-A006, FIN-2024-A002): the Mexican importer, or mules on its
 * behalf, pay the PRC supplier and its fronts. Adaptive: the weaker the penalties on money
 * transmitters, the more of it goes as low-dollar remittances from individuals to the supplier's
 * representative in China; strong penalties push it into trade-invoice wires from the importer.
 *
 * Half of the trade-invoice purchases go through the network's broker (domain.md §1: precursors
 * are sold "through front companies ... and brokers"): the importer pays the broker's trading
 * company, which pays the supplier or a front one to three days later and keeps a commission.
 * The share and the commission are assumptions of this simulator.
 */
export function remittanceShare(penalty: number): number {
  return 0.7 * (1 - penalty);
}

/** Share of the importer's trade-invoice purchases placed through the broker (assumed). */
export const BROKERED_SHARE = 0.5;
/** What the broker passes on to the supplier: the rest is its commission (7-15%, assumed). */
const PASSED_ON: readonly [number, number] = [0.85, 0.93];

interface PurchaseOptions {
  readonly rng: Rng;
  readonly day: number;
  /** When the importer pays, in ms since the epoch. */
  readonly at: number;
  readonly schemeId: string;
}

function invoicePurpose(rng: Rng, timestamp: string, goods: readonly string[]): string {
  return `Invoice ${timestamp.slice(0, 4)}-${rng.int(100, 999)}, ${rng.pick(goods)}`;
}

const GOODS = ['industrial chemicals', 'raw materials', 'organic intermediate', 'CAS 79099'] as const;

/**
 * One purchase placed through the broker: the importer wires the broker's trading company for
 * "sourcing", and the company wires the supplier or a front most of it one to three days later
 * (the same day when the period ends first, an hour or more later). The second leg passes the
 * first leg's money on, so truth counts the dollars once, on the first.
 */
function brokeredPurchase(ctx: SchemeContext, network: Network, o: PurchaseOptions): Planted<TransactionRow>[] {
  const { rng } = o;
  const typology = precursorPayment.typology;
  const usd = round2(rng.range(4_000, 60_000));
  const paid = isoTimestamp(o.at);
  const outDay = Math.min(ctx.days - 1, o.day + rng.int(1, 3));
  const outAt = outDay === o.day ? o.at + rng.int(1, 4) * 3_600_000 : dayStartMs(ctx.startDate, outDay) + businessHoursMs(rng);
  const passed = round2(usd * rng.range(PASSED_ON[0], PASSED_ON[1]));
  const payee = rng.chance(0.5) ? network.supplier : rng.pick(network.fronts);
  const onward = isoTimestamp(outAt);
  return [
    {
      day: o.day,
      row: {
        timestamp: paid,
        ...debtorColumns(network.importer),
        ...creditorColumns(network.brokerFirm),
        amount: usd,
        currency: 'USD',
        amount_usd: usd,
        channel: 'wire',
        purpose: invoicePurpose(rng, paid, ['sourcing services', 'procurement of raw materials', 'chemical raw materials']),
      },
      truth: { schemeId: o.schemeId, typology, role: 'importer_to_broker_wire', keyRecord: true, kg: 0, usd },
    },
    {
      day: outDay,
      row: {
        timestamp: onward,
        ...debtorColumns(network.brokerFirm),
        ...creditorColumns(payee),
        amount: passed,
        currency: 'USD',
        amount_usd: passed,
        channel: 'wire',
        purpose: invoicePurpose(rng, onward, GOODS),
      },
      truth: { schemeId: o.schemeId, typology, role: 'broker_to_supplier_wire', keyRecord: true, kg: 0, usd: 0 },
    },
  ];
}

export const precursorPayment: SchemeType = {
  name: 'precursor-payment',
  typology: 'precursor_payment',
  plan(ctx: SchemeContext, network: Network): SchemePlan {
    const rng = streamRng(ctx.seed, 'scheme', 'precursor-payment', network.index);
    const id = schemeId(precursorPayment, network);
    const typology = precursorPayment.typology;
    const count = Math.max(2, Math.round(ctx.budget * 0.6));
    const share = remittanceShare(ctx.levers.moneyTransmitterPenalty);
    const transactions: Planted<TransactionRow>[] = [];
    for (let i = 0; i < count; i++) {
      const day = rng.int(0, ctx.days - 1);
      const at = dayStartMs(ctx.startDate, day) + businessHoursMs(rng);
      const timestamp = isoTimestamp(at);
      if (rng.chance(share)) {
        const sender = rng.pick(network.mules);
        const usd = round2(rng.range(400, 2_900));
        transactions.push({
          day,
          row: {
            timestamp,
            ...debtorColumns(sender),
            ...creditorColumns(network.representative),
            amount: usd,
            currency: 'USD',
            amount_usd: usd,
            channel: 'remittance',
            purpose: rng.pick([null, 'family support', 'gift']),
          },
          truth: { schemeId: id, typology, role: 'remittance_to_supplier', keyRecord: true, kg: 0, usd },
        });
      } else if (rng.chance(BROKERED_SHARE)) {
        transactions.push(...brokeredPurchase(ctx, network, { rng, day, at, schemeId: id }));
      } else {
        const usd = round2(rng.range(4_000, 60_000));
        const payee = rng.chance(0.5) ? network.supplier : rng.pick(network.fronts);
        transactions.push({
          day,
          row: {
            timestamp,
            ...debtorColumns(network.importer),
            ...creditorColumns(payee),
            amount: usd,
            currency: 'USD',
            amount_usd: usd,
            channel: 'wire',
            purpose: invoicePurpose(rng, timestamp, GOODS),
          },
          truth: { schemeId: id, typology, role: 'importer_to_supplier_wire', keyRecord: true, kg: 0, usd },
        });
      }
    }
    const tag = (role: string) => ({ schemeId: id, typology, role, keyRecord: false });
    // Account rows for accounts no payment uses are dropped by planWorld.
    return {
      shipments: [],
      transactions,
      truth: [
        accountTruth(network.importer, tag('importer_account')),
        accountTruth(network.supplier, tag('supplier_account')),
        ...network.fronts.map((f) => accountTruth(f, tag('front_account'))),
        accountTruth(network.brokerFirm, tag('broker_account')),
        entityTruth(network.brokerFirm, tag('broker_company')),
      ],
    };
  },
};
