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
 * Shell companies buying real estate (domain.md §1, §4): the funnel account and the CMLN broker
 * wire round amounts to a newly formed US LLC (layering), which pays a title company for a
 * property within days. The LLC's owner (the cartel cell) appears in the entity data only when
 * the beneficial-ownership transparency lever discloses it. The title company is an ordinary
 * business: written as an entity, not listed in truth.
 */
export const realEstate: SchemeType = {
  name: 'shell-real-estate',
  typology: 'shell_real_estate',
  plan(ctx: SchemeContext, network: Network): SchemePlan {
    const rng = streamRng(ctx.seed, 'scheme', 'shell-real-estate', network.index);
    const id = schemeId(realEstate, network);
    const typology = realEstate.typology;
    const title = makeParty(rng, {
      id: partyId(ctx.seed, 'network', network.index, 'title-company', 0),
      schema: 'Company',
      country: 'US',
      trade: 'Title & Escrow',
    });
    // One wire at the smallest budget (tiny worlds, where the illicit share is tight), else two to eight.
    const deposits = ctx.budget <= 3 ? 1 : Math.max(2, Math.min(8, Math.round(ctx.budget / 5)));
    const firstDay = rng.int(0, Math.max(0, ctx.days - 10));
    const transactions: Planted<TransactionRow>[] = [];
    let total = 0;
    for (let i = 0; i < deposits; i++) {
      const day = Math.min(ctx.days - 1, firstDay + rng.int(0, 5));
      // A lone wire is a large one: a purchase needs one.
      const usd = rng.pick(deposits === 1 ? [75_000, 100_000] : [25_000, 40_000, 50_000, 75_000, 100_000]);
      total += usd;
      transactions.push({
        day,
        row: {
          timestamp: isoTimestamp(dayStartMs(ctx.startDate, day) + businessHoursMs(rng)),
          ...debtorColumns(rng.chance(0.5) ? network.funnel : network.cmlnBroker),
          ...creditorColumns(network.shell),
          amount: usd,
          currency: 'USD',
          amount_usd: usd,
          channel: 'wire',
          purpose: rng.pick(['Capital contribution', 'Member loan', 'Investment']),
        },
        // Counted once per scheme, on the property purchase.
        truth: { schemeId: id, typology, role: 'layering_wire', keyRecord: false, kg: 0, usd: 0 },
      });
    }
    const day = Math.min(ctx.days - 1, firstDay + 6 + rng.int(0, 3));
    const price = round2(total * rng.range(0.95, 0.99));
    transactions.push({
      day,
      row: {
        timestamp: isoTimestamp(dayStartMs(ctx.startDate, day) + businessHoursMs(rng)),
        ...debtorColumns(network.shell),
        ...creditorColumns(title),
        amount: price,
        currency: 'USD',
        amount_usd: price,
        channel: 'wire',
        purpose: `Escrow ${rng.int(10000, 99999)}, purchase of ${rng.int(100, 9999)} ${rng.pick(['Desert Bloom Ct', 'Palm Vista Dr', 'Canyon Ridge Rd'])}`,
      },
      truth: { schemeId: id, typology, role: 'property_purchase', keyRecord: true, kg: 0, usd: price },
    });
    const tag = (role: string, keyRecord: boolean) => ({ schemeId: id, typology, role, keyRecord });
    return {
      shipments: [],
      transactions,
      truth: [entityTruth(network.shell, tag('shell_company', true)), accountTruth(network.shell, tag('shell_account', true))],
      parties: [title],
    };
  },
};
