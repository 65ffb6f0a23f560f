import { dayStartMs } from '../calendar.js';
import { isoTimestamp, round2, type Planted, type TransactionRow } from '../records.js';
import { streamRng } from '../rng.js';
import type { Network } from '../world.js';
import {
  accountTruth,
  businessHoursMs,
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
 */
export function remittanceShare(penalty: number): number {
  return 0.7 * (1 - penalty);
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
      const timestamp = isoTimestamp(dayStartMs(ctx.startDate, day) + businessHoursMs(rng));
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
            purpose: `Invoice ${timestamp.slice(0, 4)}-${rng.int(100, 999)}, ${rng.pick(['industrial chemicals', 'raw materials', 'organic intermediate', 'CAS 79099'])}`,
          },
          truth: { schemeId: id, typology, role: 'importer_to_supplier_wire', keyRecord: true, kg: 0, usd },
        });
      }
    }
    const tag = (role: string) => ({ schemeId: id, typology, role, keyRecord: false });
    return {
      shipments: [],
      transactions,
      truth: [accountTruth(network.importer, tag('importer_account')), accountTruth(network.supplier, tag('supplier_account'))],
    };
  },
};
