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
  schemeId,
  type SchemeContext,
  type SchemePlan,
  type SchemeType,
} from './scheme.js';

/**
 * Bipartite and stacked layering through shell accounts (domain.md §4; AMLworld's "bipartite" and
 * "stack"): a set of newly formed US shells each pays every shell of a second set within three
 * days ("consulting", "management fee"), and the second set passes nearly all of it on. In a
 * stacked scheme the second set pays a third set the same way before the money leaves; in a single
 * layer it leaves at once. It leaves by wire to a Hong Kong trading company of the network.
 * Every network with an odd index stacks two layers when the budget allows (at least 10 records);
 * the others plant one layer, so both the bipartite and the stacked rule have schemes to find.
 * The shells share one registered agent's address, as shells formed in bulk do.
 */
const PURPOSES = ['Consulting services', 'Management fee', 'Intercompany loan', 'Marketing services', 'Software license'];
const SHELL_TRADES = ['Consulting', 'Trading', 'Holdings', 'Ventures', 'Capital', 'Global Services'];

export const layering: SchemeType = {
  name: 'layering',
  typology: 'bipartite',
  plan(ctx: SchemeContext, network: Network): SchemePlan {
    const rng = streamRng(ctx.seed, 'scheme', 'layering', network.index);
    const id = schemeId(layering, network);
    const typology = layering.typology;
    const stacked = network.index % 2 === 1 && ctx.budget >= 10;
    // Three accounts per set at the smallest budget (the least a many-to-many layer can be), four above.
    const width = ctx.budget >= 10 ? 4 : 3;
    const agent = makeParty(rng, {
      id: partyId(ctx.seed, 'network', network.index, 'registered-agent', 0),
      schema: 'Company',
      country: 'US',
    });
    const shell = (set: number, k: number): Party => {
      const p = makeParty(rng, {
        id: partyId(ctx.seed, 'network', network.index, `layer-${set}`, k),
        schema: 'Company',
        country: 'US',
        trade: rng.pick(SHELL_TRADES),
        extra: { incorporationDate: [`202${rng.int(3, 4)}`] },
      });
      return { ...p, address: agent.address, city: agent.city };
    };
    const sets = Array.from({ length: stacked ? 3 : 2 }, (_, s) => Array.from({ length: width }, (_, k) => shell(s, k)));
    const exit = makeParty(rng, {
      id: partyId(ctx.seed, 'network', network.index, 'layer-exit', 0),
      schema: 'Company',
      country: 'HK',
      trade: 'Trading',
    });
    const span = stacked ? 7 : 5;
    const firstDay = rng.int(0, Math.max(0, ctx.days - span));
    const transactions: Planted<TransactionRow>[] = [];
    const pay = (day: number, from: Party, to: Party, usd: number, role: string, keyRecord: boolean, counted: boolean): void => {
      const exitLeg = to === exit;
      transactions.push({
        day: Math.min(ctx.days - 1, day),
        row: {
          timestamp: isoTimestamp(dayStartMs(ctx.startDate, Math.min(ctx.days - 1, day)) + businessHoursMs(rng)),
          ...debtorColumns(from),
          ...creditorColumns(to),
          amount: usd,
          currency: 'USD',
          amount_usd: usd,
          channel: exitLeg || rng.chance(0.5) ? 'wire' : 'ach',
          purpose: exitLeg ? `Invoice HK-${rng.int(1000, 9999)}, electronics` : rng.pick(PURPOSES),
        },
        // Dollars are counted once, on the first layer; later layers and the exit move the same money.
        truth: { schemeId: id, typology, role, keyRecord, kg: 0, usd: counted ? usd : 0 },
      });
    };
    // One layer: every sender pays every receiver within three days; returns what each receiver got.
    // The timing keeps each set's onward payments within five days of its first receipt.
    const layer = (
      senders: readonly Party[],
      receivers: readonly Party[],
      day: number,
      budgets: readonly number[],
      n: number,
    ) => {
      const got = receivers.map(() => 0);
      senders.forEach((from, a) => {
        const shares = receivers.map(() => rng.range(0.7, 1.3));
        const total = shares.reduce((s, x) => s + x, 0);
        receivers.forEach((to, b) => {
          const usd = round2(((budgets[a] as number) * (shares[b] as number)) / total);
          got[b] = (got[b] as number) + usd;
          pay(day + rng.int(0, 2), from, to, usd, `layer_${n}_payment`, true, n === 1);
        });
      });
      return got;
    };
    const placed = (sets[0] as Party[]).map(() => round2(rng.range(60_000, 180_000)));
    let received = layer(sets[0] as Party[], sets[1] as Party[], firstDay, placed, 1);
    if (stacked) {
      // The second set moves 90-98% of what it received on to the third, from two days later.
      const onward = received.map((usd) => round2(usd * rng.range(0.9, 0.98)));
      received = layer(sets[1] as Party[], sets[2] as Party[], firstDay + 2, onward, 2);
    }
    // The last set wires 90-98% to the exit a day or two after its layer.
    const last = sets[sets.length - 1] as Party[];
    const exitDay = firstDay + (stacked ? 5 : 3);
    last.forEach((from, b) =>
      pay(exitDay + rng.int(0, 1), from, exit, round2((received[b] as number) * rng.range(0.9, 0.98)), 'exit_wire', false, false),
    );

    const tag = (role: string, keyRecord: boolean) => ({ schemeId: id, typology, role, keyRecord });
    const shells = sets.flat();
    return {
      shipments: [],
      transactions,
      truth: [
        ...shells.flatMap((p) => [entityTruth(p, tag('layering_shell', false)), accountTruth(p, tag('layer_account', true))]),
        entityTruth(exit, tag('layering_exit', false)),
        accountTruth(exit, tag('layering_exit_account', false)),
      ],
      parties: [...shells, exit],
    };
  },
};
