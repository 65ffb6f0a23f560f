import { dayStartMs } from '../calendar.js';
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
 * Port and customs officials paid by cartel-linked companies (domain.md §1: precursors leave
 * Mexican ports "with the help of bribed officials"). The network's Mexican importer, or the
 * CMLN broker's Mexican company, pays the official small recurring peso amounts described as
 * consulting or logistics advice, roughly every week or two, inside Mexico.
 */
const MXN_PER_USD = 18.5;

export const officialBribe: SchemeType = {
  name: 'official-bribe',
  typology: 'official_bribe',
  plan(ctx: SchemeContext, network: Network): SchemePlan {
    const rng = streamRng(ctx.seed, 'scheme', 'official-bribe', network.index);
    const id = schemeId(officialBribe, network);
    const typology = officialBribe.typology;
    const count = Math.max(1, Math.min(Math.round(ctx.days / 7), Math.round(ctx.budget / 4)));
    const transactions: Planted<TransactionRow>[] = [];
    for (let i = 0; i < count; i++) {
      const day = rng.int(0, ctx.days - 1);
      const payer = rng.chance(0.6) ? network.importer : network.cmlnMexico;
      const mxn = round2(rng.pick([15_000, 20_000, 25_000, 30_000, 50_000]) * rng.range(0.98, 1.02));
      transactions.push({
        day,
        row: {
          timestamp: isoTimestamp(dayStartMs(ctx.startDate, day) + businessHoursMs(rng)),
          ...debtorColumns(payer),
          ...creditorColumns(network.official),
          amount: mxn,
          currency: 'MXN',
          amount_usd: round2(mxn / MXN_PER_USD),
          channel: rng.chance(0.8) ? 'wire' : 'cash_deposit',
          purpose: rng.pick(['Honorarios consultoría', 'Asesoría logística', 'Servicios profesionales', null]),
        },
        truth: { schemeId: id, typology, role: 'bribe_payment', keyRecord: true, kg: 0, usd: round2(mxn / MXN_PER_USD) },
      });
    }
    const tag = (role: string, keyRecord: boolean) => ({ schemeId: id, typology, role, keyRecord });
    return {
      shipments: [],
      transactions,
      truth: [
        entityTruth(network.official, tag('bribed_official', true)),
        accountTruth(network.official, tag('official_account', false)),
      ],
    };
  },
};
