import { z } from 'zod';
import { holdersLinked } from '../context.js';
import { DAY_MS, defineDetector, type Finding } from '../rule.js';
import { accountKey, row, type TransactionTable } from '../table.js';

const Params = z.strictObject({
  minUsd: z.number().positive().default(10_000),
  windowDays: z.number().nonnegative().default(2),
  /** Largest relative difference of the two legs' dollar values (the broker's spread fits in it). */
  amountTolerance: z.number().positive().max(1).default(0.08),
  /** Matches between the same two accounts that make a pairing more than chance. */
  minRepeats: z.number().int().min(1).default(3),
  /** Share of each account's large domestic legs (in that role) that the pairing explains: partners in a swap book trade mostly with each other. */
  minMatchedShare: z.number().min(0).max(1).default(0.5),
  /** Distinct offsetting counterparts that make an account the broker's hub. */
  minHubCounterparts: z.number().int().min(2).default(2),
});

/** A domestic leg: both sides in one jurisdiction, money not crossing a border. */
interface Leg {
  readonly row: number;
  readonly usd: number;
  readonly jurisdiction: number;
  readonly currency: number;
}

/** Whether row `i` is a domestic leg of at least `minUsd`. */
function isDomesticLeg(t: TransactionTable, i: number, minUsd: number): boolean {
  const to = t.creditorCountry[i] as number;
  const from = t.debtorCountry[i] as number;
  return (t.amountUsd[i] as number) >= minUsd && to !== 0 && (from === 0 || from === to);
}

function domesticLegs(t: TransactionTable, minUsd: number): Map<number, Leg[]> {
  const byDay = new Map<number, Leg[]>();
  for (let i = 0; i < t.size; i++) {
    if (!isDomesticLeg(t, i, minUsd)) continue;
    const usd = t.amountUsd[i] as number;
    const to = t.creditorCountry[i] as number;
    const day = Math.floor((t.time[i] as number) / DAY_MS);
    let list = byDay.get(day);
    if (list === undefined) byDay.set(day, (list = []));
    list.push({ row: i, usd, jurisdiction: to, currency: t.currency[i] as number });
  }
  for (const list of byDay.values()) list.sort((a, b) => a.usd - b.usd);
  return byDay;
}

/** Whether the table's domestic legs are in more than one currency (read before any leg is built). */
function severalCurrencies(t: TransactionTable, minUsd: number): boolean {
  let currency = -1;
  for (let i = 0; i < t.size; i++) {
    if (!isDomesticLeg(t, i, minUsd)) continue;
    if (currency === -1) currency = t.currency[i] as number;
    else if (t.currency[i] !== currency) return true;
  }
  return false;
}

function lowerBound(list: readonly Leg[], usd: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Leg).usd < usd) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Mirror swaps (FIN-2025-A003): value moves between jurisdictions without crossing a border.
 * Two domestic payments in different countries and currencies, within days of each other and
 * of matching dollar value, where money comes in to one party and goes out from another, are
 * the two halves of one swap when those two parties are linked or keep pairing up. Chance
 * matches between unrelated accounts do not repeat.
 */
export const mirrorSwapDetector = defineDetector({
  id: 'mirror-swap',
  version: '1.0.0',
  description: 'offsetting domestic payments in two jurisdictions and currencies between linked or recurring parties',
  rules: {
    'mirror-swap.offsetting-legs': {
      typology: 'mirror_swap',
      description: 'domestic payments in two countries, matching in value within days, between parties that keep pairing up',
    },
    'mirror-swap.counterpart': {
      typology: 'mirror_swap',
      description: 'the account receives one leg while its counterpart pays the other, repeatedly',
    },
    'mirror-swap.linked-parties': {
      typology: 'mirror_swap',
      description: 'the receiving and paying parties are linked (directorship or ownership)',
    },
    'mirror-swap.hub': {
      typology: 'mirror_swap',
      description: 'the account offsets payments with counterparts in several jurisdictions (the broker)',
    },
  },
  params: Params,
  detect({ table: t, context }, p) {
    // Every finding comes from a pair of legs in two currencies: a table in one (most of a stream's neighbourhoods) has none.
    if (!severalCurrencies(t, p.minUsd)) return [];
    const byDay = domesticLegs(t, p.minUsd);
    // Offsetting pairs: (account receiving one leg, account paying the other) → matched legs.
    // A leg can match several others by chance; a pairing counts the distinct legs on each side.
    const pairs = new Map<string, { receiver: number; payer: number; received: Set<number>; paid: Set<number> }>();
    const note = (receiver: number, payer: number, inLeg: number, outLeg: number): void => {
      if (receiver === payer || t.accountIsCash[receiver] === 1 || t.accountIsCash[payer] === 1) return;
      const key = `${receiver}:${payer}`;
      let pair = pairs.get(key);
      if (pair === undefined) pairs.set(key, (pair = { receiver, payer, received: new Set(), paid: new Set() }));
      pair.received.add(inLeg);
      pair.paid.add(outLeg);
    };
    for (const [day, legs] of byDay) {
      for (const a of legs) {
        for (let d = day; d <= day + p.windowDays; d++) {
          const others = byDay.get(d);
          if (others === undefined) continue;
          const lo = a.usd * (1 - p.amountTolerance);
          const hi = a.usd * (1 + p.amountTolerance);
          for (let k = lowerBound(others, lo); k < others.length && (others[k] as Leg).usd <= hi; k++) {
            const b = others[k] as Leg;
            if (b.jurisdiction === a.jurisdiction || b.currency === a.currency) continue;
            // Each unordered pair of legs once: same day only when a precedes b.
            if (d === day && b.row <= a.row) continue;
            note(t.creditor[a.row] as number, t.debtor[b.row] as number, a.row, b.row);
            note(t.creditor[b.row] as number, t.debtor[a.row] as number, b.row, a.row);
          }
        }
      }
    }
    const received = new Int32Array(t.accountCount);
    const paid = new Int32Array(t.accountCount);
    for (const legs of byDay.values()) {
      for (const leg of legs) {
        received[t.creditor[leg.row] as number]!++;
        paid[t.debtor[leg.row] as number]!++;
      }
    }
    const findings: Finding[] = [];
    const counterparts = new Map<number, Set<number>>();
    for (const pair of pairs.values()) {
      const matches = Math.min(pair.received.size, pair.paid.size);
      const linked = holdersLinked(context, accountKey(t, pair.receiver), accountKey(t, pair.payer));
      const share = Math.min(
        pair.received.size / (received[pair.receiver] as number),
        pair.paid.size / (paid[pair.payer] as number),
      );
      if (!linked && (matches < p.minRepeats || share < p.minMatchedShare)) continue;
      const rows = [...new Set([...pair.received, ...pair.paid])].sort((x, y) => x - y);
      const names = `${accountKey(t, pair.receiver)} (receives) and ${accountKey(t, pair.payer)} (pays)`;
      findings.push({
        ruleId: 'mirror-swap.offsetting-legs',
        text: `${matches} offsetting domestic payment pairs in ${jurisdictions(t, rows)} between ${names}`,
        rows,
        accounts: [],
        related: [pair.receiver, pair.payer],
      });
      findings.push({
        ruleId: 'mirror-swap.counterpart',
        text: `${names} offset ${matches} payments`,
        rows,
        accounts: [pair.receiver, pair.payer],
      });
      if (linked)
        findings.push({
          ruleId: 'mirror-swap.linked-parties',
          text: `${names} are linked parties`,
          rows,
          accounts: [pair.receiver, pair.payer],
        });
      for (const [x, y] of [
        [pair.receiver, pair.payer],
        [pair.payer, pair.receiver],
      ] as const) {
        let set = counterparts.get(x);
        if (set === undefined) counterparts.set(x, (set = new Set()));
        set.add(y);
      }
    }
    for (const [account, set] of counterparts) {
      const others = new Set([...set].map((o) => accountKey(t, o)));
      if (set.size < p.minHubCounterparts) continue;
      findings.push({
        ruleId: 'mirror-swap.hub',
        text: `${accountKey(t, account)} offsets payments with ${set.size} counterparts: ${[...others].sort().join(', ')}`,
        rows: [],
        accounts: [account],
        related: [...set],
      });
    }
    return findings;
  },
});

function jurisdictions(t: TransactionTable, rows: readonly number[]): string {
  const set = new Set(rows.map((i) => `${row.creditorCountry(t, i)}/${row.currency(t, i)}`));
  return [...set].sort().join(' and ');
}
