import { dayStartMs } from '../calendar.js';
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

/**
 * FinCEN FIN-2019-A006 (domain.md §4): buyers in the US pay for fentanyl and precursors by
 * low-dollar remittances to individuals in China who are nominees of one seller. Each buyer sends
 * to one or two of them; the nominees have different names but share the seller's collection
 * phone number, and some its e-mail or a flat, so only their contact details tie them together.
 * No single beneficiary need receive from many senders. The senders are the network's customers,
 * written as entities but not listed in truth; truth lists the remittances and the nominees.
 */
export const sharedContacts: SchemeType = {
  name: 'shared-contacts',
  typology: 'precursor_payment',
  plan(ctx: SchemeContext, network: Network): SchemePlan {
    const rng = streamRng(ctx.seed, 'scheme', 'shared-contacts', network.index);
    const id = schemeId(sharedContacts, network);
    const typology = sharedContacts.typology;
    const remittances = Math.max(3, Math.round(ctx.budget / 3));
    const nominees = Math.max(2, Math.min(5, Math.round(remittances / 5)));
    const senders = Math.max(3, Math.round(remittances * 0.7));
    const party = (role: string, k: number, country: string): Party =>
      makeParty(rng, { id: partyId(ctx.seed, 'network', network.index, role, k), schema: 'Person', country });
    // The controller's mailbox, not derived from a name (a namesake's address would join strangers in).
    const first = { ...party('nominee', 0, 'CN'), email: ownMailbox(rng, 'pay', 'CN') };
    const beneficiaries = Array.from({ length: nominees }, (_, k) => {
      if (k === 0) return first;
      const p = party('nominee', k, 'CN');
      // The shared phone always; the mailbox or the flat on some.
      return {
        ...p,
        phone: first.phone,
        email: rng.chance(0.4) ? first.email : ownMailbox(rng, p.name, 'CN'),
        ...(rng.chance(0.3) ? { address: first.address, city: first.city } : {}),
      };
    });
    const buyers = Array.from({ length: senders }, (_, k) => party('remitting-buyer', k, 'US'));
    const span = Math.min(ctx.days, 21);
    const firstDay = rng.int(0, Math.max(0, ctx.days - span));
    const transactions: Planted<TransactionRow>[] = [];
    for (let i = 0; i < remittances; i++) {
      // Every buyer sends once, then some again; the first remittances cover every nominee.
      const sender = buyers[i < senders ? i : rng.int(0, senders - 1)] as Party;
      const to = beneficiaries[i < nominees ? i : rng.int(0, nominees - 1)] as Party;
      const day = firstDay + rng.int(0, span - 1);
      const usd = round2(rng.range(250, 2_800));
      transactions.push({
        day,
        row: {
          timestamp: isoTimestamp(dayStartMs(ctx.startDate, day) + businessHoursMs(rng)),
          ...debtorColumns(sender),
          ...creditorColumns(to),
          amount: usd,
          currency: 'USD',
          amount_usd: usd,
          channel: 'remittance',
          purpose: rng.pick([null, null, 'gift', 'family support']),
        },
        truth: { schemeId: id, typology, role: 'remittance_to_nominee', keyRecord: true, kg: 0, usd },
      });
    }
    const tag = (role: string, keyRecord: boolean) => ({ schemeId: id, typology, role, keyRecord });
    return {
      shipments: [],
      transactions,
      truth: beneficiaries.flatMap((b) => [
        entityTruth(b, tag('nominee_beneficiary', false)),
        accountTruth(b, tag('nominee_account', true)),
      ]),
      parties: [...beneficiaries, ...buyers],
    };
  },
};
