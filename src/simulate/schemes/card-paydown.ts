import { dayStartMs } from '../calendar.js';
import { personName } from '../names.js';
import { makeParty, partyId } from '../population.js';
import { isoTimestamp, round2, type Party, type Planted, type TransactionRow } from '../records.js';
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
 * Third-party credit-card pay-downs by a Chinese money laundering network (FIN-2025-A003,
 * domain.md §4): the CMLN broker holds the cartel's dollars and, instead of moving them abroad,
 * pays down the US credit-card balances of Chinese nationals living in the US (students, recent
 * arrivals), whose families paid the equivalent in yuan to the broker's associate in China. One
 * payer, many unrelated cardholders, amounts a card limit allows, over three weeks.
 * Most pay-downs go to the cardholder's card account at a US bank ("Credit card payment"); some to
 * an issuer's collection account naming the card's last digits ("Card payment, card ending 4821").
 * The cardholders are the network's customers, not its members: truth lists the pay-downs and the
 * payer, and the cardholders appear in entities.ftm.json only.
 */
const PURPOSES = ['Credit card payment', 'CC payment', 'Card balance payment', 'Online payment, credit card'];

export const cardPaydown: SchemeType = {
  name: 'card-paydown',
  typology: 'card_paydown',
  plan(ctx: SchemeContext, network: Network): SchemePlan {
    const rng = streamRng(ctx.seed, 'scheme', 'card-paydown', network.index);
    const id = schemeId(cardPaydown, network);
    const typology = cardPaydown.typology;
    const paydowns = Math.max(3, Math.round(ctx.budget / 3));
    const holders = Math.max(3, Math.round(paydowns * 0.6));
    const cardholders: Party[] = Array.from({ length: holders }, (_, k) => {
      const name = personName(rng, 'CN');
      return makeParty(rng, {
        id: partyId(ctx.seed, 'network', network.index, 'card-client', k),
        schema: 'Person',
        country: 'US',
        name,
      });
    });
    const issuer = makeParty(rng, {
      id: partyId(ctx.seed, 'network', network.index, 'card-issuer', 0),
      schema: 'Company',
      country: 'US',
      trade: 'Card Services',
    });
    const digits = cardholders.map(() => String(rng.int(1000, 9999)));
    const span = Math.min(ctx.days, 21);
    const firstDay = rng.int(0, Math.max(0, ctx.days - span));
    const transactions: Planted<TransactionRow>[] = [];
    for (let i = 0; i < paydowns; i++) {
      // Every cardholder is paid at least once, then at random.
      const k = i < holders ? i : rng.int(0, holders - 1);
      const holder = cardholders[k] as Party;
      const day = firstDay + rng.int(0, span - 1);
      const usd = round2(rng.range(1_200, 9_000));
      const viaIssuer = rng.chance(0.3);
      transactions.push({
        day,
        row: {
          timestamp: isoTimestamp(dayStartMs(ctx.startDate, day) + businessHoursMs(rng)),
          ...debtorColumns(network.cmlnBroker),
          ...creditorColumns(viaIssuer ? issuer : holder),
          amount: usd,
          currency: 'USD',
          amount_usd: usd,
          channel: rng.chance(0.7) ? 'ach' : 'wire',
          purpose: viaIssuer ? `Card payment, card ending ${digits[k] as string} (${holder.name})` : rng.pick(PURPOSES),
        },
        truth: { schemeId: id, typology, role: 'third_party_paydown', keyRecord: true, kg: 0, usd },
      });
    }
    const tag = (role: string, keyRecord: boolean) => ({ schemeId: id, typology, role, keyRecord });
    return {
      shipments: [],
      transactions,
      truth: [
        entityTruth(network.cmlnBroker, tag('paydown_payer', false)),
        accountTruth(network.cmlnBroker, tag('paydown_payer_account', true)),
      ],
      parties: [...cardholders, issuer],
    };
  },
};
