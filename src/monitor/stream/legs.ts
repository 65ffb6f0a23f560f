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

/** A leg as the index keeps it: its row, dollar value, accounts (window ids) and creditor country (window dictionary id). */
export interface Leg {
  readonly seq: number;
  readonly usd: number;
  readonly debtor: number;
  readonly creditor: number;
  readonly country: number;
}

/**
 * The other half of a mirror swap is paid between different accounts, so an account's own
 * window cannot hold it: this index keeps the recent domestic legs by day and currency, sorted
 * by dollar value, and names the accounts of the legs that could offset a new one. The detector
 * itself then decides over those accounts' rows; this only widens what it is shown. Keyed by
 * currency too because an offsetting leg is in another currency: a dollar leg skips every other
 * dollar leg of the window without reading it (that reading was 3% of a decision's time).
 *
 * Legs are numbers in typed arrays (accounts and countries by the window's ids), not an object
 * with the parsed account strings per leg: a tenth of a busy stream's rows are legs, and each
 * one's object and strings lived a month, so every scavenge copied and every full GC marked them
 * (a fifth of a decision thread's heap after two and a half minutes, and growing with the window).
 */
export class LegIndex {
  private readonly byDay = new Map<number, Map<string, SortedLegs>>();
  /** Currencies any leg was ever in: a stream of one currency has no offsetting legs to look for. */
  private readonly currencies = new Set<string>();

  constructor(private readonly p: LegParams) {}

  /** Indexes row `seq` (the transaction `t`) if it is a leg; `debtor`, `creditor` and `country` are its window ids. */
  add(seq: number, t: Transaction, debtor: number, creditor: number, country: number): void {
    if (!isLeg(t, this.p.minUsd)) return;
    this.currencies.add(t.currency);
    const day = Math.floor(t.timestamp / DAY_MS);
    let currencies = this.byDay.get(day);
    if (currencies === undefined) this.byDay.set(day, (currencies = new Map()));
    let list = currencies.get(t.currency);
    if (list === undefined) currencies.set(t.currency, (list = new SortedLegs()));
    list.insert({ seq, usd: usdOf(t), debtor, creditor, country });
  }

  /**
   * Appends to `into[0..k)` the accounts (window ids, each once) of live legs that could offset
   * `t` (creditor country `country`, a window id): other country and currency, close value,
   * within the window, at most `MAX_COUNTERPART_LEGS` legs' worth, latest day first; returns the
   * new length. Days before `oldest` are skipped whether or not `prune` has dropped them yet, so
   * what is found never depends on when pruning ran (a restored monitor prunes at other times).
   */
  counterparts(t: Transaction, country: number, head: number, oldest: number, into: Int32Array, k: number): number {
    if (!isLeg(t, this.p.minUsd)) return k;
    if (this.currencies.size === 0 || (this.currencies.size === 1 && this.currencies.has(t.currency))) return k;
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
          const block = blocks[b] as LegBlock;
          let j = b === start ? block.upperBound(lo - Number.EPSILON) : 0;
          for (; j < block.length && (block.usd[j] as number) <= hi; j++) {
            if ((block.seq[j] as number) < head || block.country[j] === country) continue;
            k = addOnce(into, k, block.accounts[2 * j] as number);
            k = addOnce(into, k, block.accounts[2 * j + 1] as number);
            if (++found >= MAX_COUNTERPART_LEGS) return k;
          }
          if (j < block.length) break;
        }
      }
    }
    return k;
  }

  /** Forgets days wholly older than `oldest` (epoch ms). */
  prune(oldest: number): void {
    const first = Math.floor(oldest / DAY_MS);
    for (const day of this.byDay.keys()) if (day < first) this.byDay.delete(day);
  }
}

/** Appends `id` to `list[0..k)` unless it is there; returns the new length. */
function addOnce(list: Int32Array, k: number, id: number): number {
  for (let j = 0; j < k; j++) if (list[j] === id) return k;
  list[k] = id;
  return k + 1;
}

/** Legs per block of a `SortedLegs` before it splits in two. */
const BLOCK_LEGS = 512;

/** Up to `BLOCK_LEGS` legs by dollar value, as columns. */
export class LegBlock {
  length = 0;
  readonly usd = new Float64Array(BLOCK_LEGS + 1);
  readonly seq = new Float64Array(BLOCK_LEGS + 1);
  /** Debtor and creditor of leg j at 2j and 2j + 1. */
  readonly accounts = new Int32Array(2 * (BLOCK_LEGS + 1));
  readonly country = new Uint16Array(BLOCK_LEGS + 1);

  /** First index whose value exceeds `usd`. */
  upperBound(usd: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.usd[mid] as number) <= usd) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Puts `leg` at index `j`, moving the legs from `j` on up by one. */
  insertAt(j: number, leg: Leg): void {
    const n = this.length;
    this.usd.copyWithin(j + 1, j, n);
    this.seq.copyWithin(j + 1, j, n);
    this.accounts.copyWithin(2 * j + 2, 2 * j, 2 * n);
    this.country.copyWithin(j + 1, j, n);
    this.set(j, leg);
    this.length = n + 1;
  }

  /** Moves the upper half of the legs into a new block, which it returns. */
  splitUpper(): LegBlock {
    const upper = new LegBlock();
    const from = this.length >> 1;
    const n = this.length - from;
    upper.usd.set(this.usd.subarray(from, this.length));
    upper.seq.set(this.seq.subarray(from, this.length));
    upper.accounts.set(this.accounts.subarray(2 * from, 2 * this.length));
    upper.country.set(this.country.subarray(from, this.length));
    upper.length = n;
    this.length = from;
    return upper;
  }

  leg(j: number): Leg {
    return {
      seq: this.seq[j] as number,
      usd: this.usd[j] as number,
      debtor: this.accounts[2 * j] as number,
      creditor: this.accounts[2 * j + 1] as number,
      country: this.country[j] as number,
    };
  }

  private set(j: number, leg: Leg): void {
    this.usd[j] = leg.usd;
    this.seq[j] = leg.seq;
    this.accounts[2 * j] = leg.debtor;
    this.accounts[2 * j + 1] = leg.creditor;
    this.country[j] = leg.country;
  }
}

/**
 * One day's legs of one currency by dollar value, ascending, equal values in arrival order: as
 * one sorted array, but in blocks of at most `BLOCK_LEGS`, so an insert moves at most a block.
 * A day of a busy stream holds tens of thousands of legs, and inserting into one array moved
 * half of them each time (about 5% of the monitor's time).
 */
export class SortedLegs {
  /** Non-empty blocks; every value of a block is at most every value of the next. */
  readonly blocks: LegBlock[] = [];

  /** The first block whose last value exceeds `usd` (where the first value above `usd` is), or the number of blocks. */
  blockAfter(usd: number): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const block = this.blocks[mid] as LegBlock;
      if ((block.usd[block.length - 1] as number) <= usd) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Inserts after every leg of equal or lower value, as a single sorted array would. */
  insert(leg: Leg): void {
    if (this.blocks.length === 0) this.blocks.push(new LegBlock());
    const b = Math.min(this.blockAfter(leg.usd), this.blocks.length - 1);
    const block = this.blocks[b] as LegBlock;
    block.insertAt(block.upperBound(leg.usd), leg);
    if (block.length > BLOCK_LEGS) this.blocks.splice(b + 1, 0, block.splitUpper());
  }

  /** Every leg in order (for tests). */
  toArray(): Leg[] {
    return this.blocks.flatMap((block) => Array.from({ length: block.length }, (_, j) => block.leg(j)));
  }
}
