import { dateOf, dayStartMs } from '../calendar.js';
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
  ownMailbox,
  schemeId,
  type SchemeContext,
  type SchemePlan,
  type SchemeType,
} from './scheme.js';
import { BRANCHES } from './structuring.js';

/**
 * Structuring split across related accounts (domain.md §4, issue 6): the cell's US household
 * (relatives at one address with one phone, each with an account at a different bank) takes cash
 * deposits just below $10,000 from the network's mules, several on the same or the next day at
 * branches in different cities, so that no account alone shows the pattern: one account gets at
 * most one deposit a day. A day or two after each round, every account that took deposits wires
 * 90-98% of them to the Mexican importer.
 */
export const relatedStructuring: SchemeType = {
  name: 'related-structuring',
  typology: 'structuring',
  plan(ctx: SchemeContext, network: Network): SchemePlan {
    const rng = streamRng(ctx.seed, 'scheme', 'related-structuring', network.index);
    const id = schemeId(relatedStructuring, network);
    const typology = relatedStructuring.typology;
    const deposits = Math.max(3, Math.round(ctx.budget / 2));
    const size = Math.max(2, Math.min(5, Math.round(deposits / 6)));
    const head = makeParty(rng, {
      id: partyId(ctx.seed, 'network', network.index, 'household', 0),
      schema: 'Person',
      country: 'US',
    });
    // Each member has a mailbox of its own: name-derived ones would tie the household to namesakes.
    const first = { ...head, email: ownMailbox(rng, head.name, 'US') };
    const surname = first.name.split(' ').slice(-1)[0] ?? '';
    const household: Party[] = Array.from({ length: size }, (_, k) => {
      if (k === 0) return first;
      const p = makeParty(rng, {
        id: partyId(ctx.seed, 'network', network.index, 'household', k),
        schema: 'Person',
        country: 'US',
      });
      const given = p.name.split(' ')[0] ?? p.name;
      const name = `${given} ${surname}`;
      return { ...p, name, email: ownMailbox(rng, name, 'US'), address: first.address, city: first.city, phone: first.phone };
    });
    // Rounds of three or four deposits on one day or two adjacent days, a few days apart; each
    // round starts at the next account, so every account takes part.
    const roundCount = Math.floor(deposits / 3);
    const rounds = Array.from({ length: roundCount }, (_, r) => 3 + (r < deposits - 3 * roundCount ? 1 : 0));
    const gap = roundCount > 1 ? Math.max(1, Math.min(6, Math.floor((ctx.days - 4) / roundCount))) : 1;
    let day = rng.int(0, Math.max(0, ctx.days - 4 - gap * (roundCount - 1)));
    let next = 0;
    const transactions: Planted<TransactionRow>[] = [];
    for (const n of rounds) {
      const taken = new Map<Party, number>();
      for (let j = 0; j < n; j++) {
        // At most one deposit per account a day: the accounts in turn, on the next day once each had one.
        const account = household[(next + j) % size] as Party;
        const d = Math.min(ctx.days - 1, day + Math.floor(j / size));
        const usd = round2(rng.range(8_600, 9_950));
        taken.set(account, (taken.get(account) ?? 0) + usd);
        transactions.push({
          day: d,
          row: {
            timestamp: isoTimestamp(dayStartMs(ctx.startDate, d) + businessHoursMs(rng)),
            debtor_account: 'CASH',
            debtor_name: rng.pick(network.mules).name,
            debtor_country: 'US',
            ...creditorColumns(account),
            amount: usd,
            currency: 'USD',
            amount_usd: usd,
            channel: 'cash_deposit',
            purpose: `Cash deposit, branch ${rng.pick(BRANCHES)}`,
          },
          truth: { schemeId: id, typology, role: 'related_account_deposit', keyRecord: true, kg: 0, usd },
        });
      }
      next = (next + n) % size;
      // The outflows; at the smallest budget the deposits stand alone (the illicit share is tight there).
      if (ctx.budget >= 10) {
        for (const [account, usd] of taken) {
          const out = Math.min(ctx.days - 1, day + 2 + rng.int(0, 1));
          const amount = round2(usd * rng.range(0.9, 0.98));
          transactions.push({
            day: out,
            row: {
              timestamp: isoTimestamp(dayStartMs(ctx.startDate, out) + businessHoursMs(rng)),
              ...debtorColumns(account),
              ...creditorColumns(network.importer),
              amount,
              currency: 'USD',
              amount_usd: amount,
              channel: 'wire',
              purpose: `Payment services ${dateOf(ctx.startDate, out).slice(0, 7)}`,
            },
            truth: { schemeId: id, typology, role: 'related_account_outflow', keyRecord: false, kg: 0, usd: 0 },
          });
        }
      }
      day = Math.min(ctx.days - 4, day + gap);
    }
    const tag = (role: string, keyRecord: boolean) => ({ schemeId: id, typology, role, keyRecord });
    return {
      shipments: [],
      transactions,
      truth: household.flatMap((p) => [
        entityTruth(p, tag('related_account_holder', false)),
        accountTruth(p, tag('related_account', true)),
      ]),
      parties: household,
    };
  },
};
