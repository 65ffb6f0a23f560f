import type { Transaction } from '../../model/index.js';
import { DAY_MS } from '../rule.js';

/** The mirror-swap detector's leg parameters (its policy params, parsed by its own schema). */
export interface LegParams {
  readonly minUsd: number;
  readonly windowDays: number;
  readonly amountTolerance: number;
}

/**
 * Offsetting legs whose accounts join one decision's neighbourhood, at most: many legs of nearly
 * the same value (a payroll in two currencies) would otherwise pull hundreds of accounts into
 * every decision. The latest days are read first.
 */
export const MAX_COUNTERPART_LEGS = 16;

/** Dollar value the columnar table gives a row: the source's conversion, else the amount when in USD. */
function usdOf(t: Transaction): number {
  return t.amountUsd ?? (t.currency === 'USD' ? t.amount : Number.NaN);
}

/** A domestic leg as the mirror-swap detector defines one: large, both sides in one known country. */
function isLeg(t: Transaction, minUsd: number): boolean {
  const usd = usdOf(t);
  if (!(usd >= minUsd) || t.creditorCountry === null) return false;
  return t.debtorCountry === null || t.debtorCountry === t.creditorCountry;
}

export interface Leg {
  readonly seq: number;
  readonly usd: number;
  readonly debtor: string;
  readonly creditor: string;
  readonly country: string;
}

/**
 * The other half of a mirror swap is paid between different accounts, so an account's own
 * window cannot hold it: this index keeps the recent domestic legs by day and currency, sorted
 * by dollar value, and names the accounts of the legs that could offset a new one. The detector
 * itself then decides over those accounts' rows; this only widens what it is shown. Keyed by
 * currency too because an offsetting leg is in another currency: a dollar leg skips every other
 * dollar leg of the window without reading it (that reading was 3% of a decision's time).
 */
export class LegIndex {
  private readonly byDay = new Map<number, Map<string, SortedLegs>>();
  /** Currencies any leg was ever in: a stream of one currency has no offsetting legs to look for. */
  private readonly currencies = new Set<string>();

  constructor(private readonly p: LegParams) {}

  add(seq: number, t: Transaction): void {
    if (!isLeg(t, this.p.minUsd)) return;
    this.currencies.add(t.currency);
    const day = Math.floor(t.timestamp / DAY_MS);
    let currencies = this.byDay.get(day);
    if (currencies === undefined) this.byDay.set(day, (currencies = new Map()));
    let list = currencies.get(t.currency);
    if (list === undefined) currencies.set(t.currency, (list = new SortedLegs()));
    list.insert({
      seq,
      usd: usdOf(t),
      debtor: t.debtorAccount,
      creditor: t.creditorAccount,
      country: t.creditorCountry as string,
    });
  }

  /**
   * Accounts of live legs that could offset `t` (other country and currency, close value, within
   * the window), at most `MAX_COUNTERPART_LEGS` legs' worth, latest day first. Days before `oldest` are skipped whether or not `prune` has dropped them yet,
   * so what is found never depends on when pruning ran (a restored monitor prunes at other times).
   */
  counterparts(t: Transaction, head: number, oldest: number, into: Set<string>): void {
    if (!isLeg(t, this.p.minUsd)) return;
    if (this.currencies.size === 0 || (this.currencies.size === 1 && this.currencies.has(t.currency))) return;
    const usd = usdOf(t);
    const day = Math.floor(t.timestamp / DAY_MS);
    const lo = usd * (1 - this.p.amountTolerance);
    const hi = usd * (1 + this.p.amountTolerance);
    const first = Math.max(day - this.p.windowDays, Math.floor(oldest / DAY_MS));
    let found = 0;
    for (let d = day + this.p.windowDays; d >= first; d--) {
      const currencies = this.byDay.get(d);
      if (currencies === undefined) continue;
      for (const [currency, list] of currencies) {
        if (currency === t.currency) continue;
        const blocks = list.blocks;
        const start = list.blockAfter(lo - Number.EPSILON);
        for (let b = start; b < blocks.length; b++) {
          const block = blocks[b] as Leg[];
          let k = b === start ? upperBound(block, lo - Number.EPSILON) : 0;
          for (; k < block.length && (block[k] as Leg).usd <= hi; k++) {
            const leg = block[k] as Leg;
            if (leg.seq < head || leg.country === t.creditorCountry) continue;
            into.add(leg.debtor);
            into.add(leg.creditor);
            if (++found >= MAX_COUNTERPART_LEGS) return;
          }
          if (k < block.length) break;
        }
      }
    }
  }

  /** Forgets days wholly older than `oldest` (epoch ms). */
  prune(oldest: number): void {
    const first = Math.floor(oldest / DAY_MS);
    for (const day of this.byDay.keys()) if (day < first) this.byDay.delete(day);
  }
}

/** Legs per block of a `SortedLegs` before it splits in two. */
const BLOCK_LEGS = 512;

/**
 * One day's legs of one currency by dollar value, ascending, equal values in arrival order: as
 * one sorted array, but in blocks of at most `BLOCK_LEGS`, so an insert moves at most a block.
 * A day of a busy stream holds tens of thousands of legs, and inserting into one array moved
 * half of them each time (about 5% of the monitor's time).
 */
export class SortedLegs {
  /** Non-empty blocks; every value of a block is at most every value of the next. */
  readonly blocks: Leg[][] = [];

  /** The first block whose last value exceeds `usd` (where the first value above `usd` is), or the number of blocks. */
  blockAfter(usd: number): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const block = this.blocks[mid] as Leg[];
      if ((block[block.length - 1] as Leg).usd <= usd) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Inserts after every leg of equal or lower value, as a single sorted array would. */
  insert(leg: Leg): void {
    if (this.blocks.length === 0) {
      this.blocks.push([leg]);
      return;
    }
    const b = Math.min(this.blockAfter(leg.usd), this.blocks.length - 1);
    const block = this.blocks[b] as Leg[];
    block.splice(upperBound(block, leg.usd), 0, leg);
    if (block.length > BLOCK_LEGS) this.blocks.splice(b + 1, 0, block.splice(block.length >> 1));
  }

  /** Every leg in order (for tests). */
  toArray(): Leg[] {
    return this.blocks.flat();
  }
}

/** First index whose value exceeds `usd`. */
function upperBound(list: readonly Leg[], usd: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Leg).usd <= usd) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
