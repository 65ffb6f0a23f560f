import { adjacencyInto, CASH_ACCOUNTS, timeOrderInto, type TransactionTable } from '../table.js';
import {
  AMOUNT,
  AMOUNT_USD,
  CHANNEL,
  CREDITOR,
  CREDITOR_COUNTRY,
  CREDITOR_NAME,
  CURRENCY,
  DEBTOR,
  DEBTOR_COUNTRY,
  DEBTOR_NAME,
  F64_STRIDE,
  I32_STRIDE,
  SEQ,
  TIME,
  U16_STRIDE,
  type Records,
} from './records.js';
import { rowOffset, type WindowState } from './window.js';

/**
 * Tables of at most this many rows (or accounts) get views cached by their size; larger ones
 * (a mirror-swap neighbourhood of many legs) take fresh views, so the cache stays small.
 */
const CACHED_SIZES = 512;

/**
 * Gathers a decision's neighbourhood (its rows' records, as the account rings copied them out)
 * into the batch engine's columnar table, so the batch detectors run unchanged over it. Names,
 * currencies, channels and countries keep the window's dictionary ids (detectors only compare
 * and read them); accounts are renumbered locally in order of first appearance, because
 * detectors iterate accounts by index: with rows in sequence order, a decision depends on the
 * rows alone, never on ids that a restored window would assign differently.
 *
 * The table is built into reused buffers, seen through views cached by length (a decision's
 * table has a few dozen rows; creating fourteen typed-array views and five arrays per decision
 * was a good part of its garbage and time), and is valid until the next build.
 */
export class LocalTableBuilder {
  /**
   * Window account id to local number for one build: a small open-addressing table (keys + 1,
   * 0 empty), so numbering reads no array sized by the window's accounts (a cache miss each).
   */
  private slots = new Int32Array(256);
  private locals = new Int32Array(256);
  /** This build's table is the first `2^(32 - shift)` slots (a power of two); `count` accounts numbered so far. */
  private shift = 24;
  private count = 0;
  private rows = new RowScratch(256);
  private accounts = new AccountScratch(256);
  /** The cash pseudo accounts' keys and window ids (-1 until they appear). */
  private readonly cashKeys = [...CASH_ACCOUNTS];
  private readonly cashIds = new Int32Array(this.cashKeys.length).fill(-1);

  constructor(private readonly w: WindowState) {}

  /**
   * The table of records `order[0..n)` of `records` (copies of live rows, in ascending order of
   * sequence number): reads nothing of the window but purposes. Valid until the next build.
   */
  build(records: Records, order: Int32Array, n: number): LocalTable {
    const w = this.w;
    if (this.rows.capacity < n) this.rows = new RowScratch(Math.max(n, this.rows.capacity * 2));
    // Each row brings at most two new accounts; the hash table stays at most a quarter full.
    if (this.accounts.capacity < 2 * n) this.accounts = new AccountScratch(Math.max(2 * n, this.accounts.capacity * 2));
    // Sized to the rows (4 to 8 slots per possible account), so clearing it is proportional to them.
    let bits = 6;
    while (1 << bits < 8 * n) bits++;
    if (this.slots.length < 1 << bits) {
      this.slots = new Int32Array(1 << bits);
      this.locals = new Int32Array(1 << bits);
    }
    this.slots.fill(0, 0, 1 << bits);
    this.shift = 32 - bits;
    this.count = 0;
    const v = this.rows.views(n);
    const purpose = v.purpose;
    const { f64, i32, u16 } = records;
    for (let i = 0; i < n; i++) {
      const r = order[i] as number;
      const f = r * F64_STRIDE;
      const x = r * I32_STRIDE;
      const u = r * U16_STRIDE;
      const seq = f64[f + SEQ] as number;
      v.seq[i] = seq;
      purpose[i] = w.chunk(seq).purpose(rowOffset(seq));
      v.time[i] = f64[f + TIME] as number;
      v.amount[i] = f64[f + AMOUNT] as number;
      v.amountUsd[i] = f64[f + AMOUNT_USD] as number;
      // Local account numbers in order of first appearance: the debtor, then the creditor.
      v.debtor[i] = this.local(i32[x + DEBTOR] as number);
      v.creditor[i] = this.local(i32[x + CREDITOR] as number);
      v.debtorName[i] = i32[x + DEBTOR_NAME] as number;
      v.creditorName[i] = i32[x + CREDITOR_NAME] as number;
      v.currency[i] = u16[u + CURRENCY] as number;
      v.channel[i] = u16[u + CHANNEL] as number;
      v.debtorCountry[i] = u16[u + DEBTOR_COUNTRY] as number;
      v.creditorCountry[i] = u16[u + CREDITOR_COUNTRY] as number;
    }
    const k = this.count;
    const a = this.accounts.views(k);
    this.findCash();
    for (let j = 0; j < k; j++) a.isCash[j] = this.isCash(a.globals[j] as number) ? 1 : 0;
    timeOrderInto(v.time, v.order);
    adjacencyInto(v.debtor, v.order, a.outOffsets, a.cursor, v.outRows);
    adjacencyInto(v.creditor, v.order, a.inOffsets, a.cursor, v.inRows);
    return new LocalTable(w, v, a);
  }

  /** The local number of window account `g`, numbering it next when it is new to this build. */
  private local(g: number): number {
    const slots = this.slots;
    const mask = (1 << (32 - this.shift)) - 1;
    // Fibonacci hashing: the top bits of the product.
    let h = Math.imul(g, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const key = slots[h] as number;
      if (key === g + 1) return this.locals[h] as number;
      if (key === 0) {
        slots[h] = g + 1;
        this.locals[h] = this.count;
        this.accounts.globals[this.count] = g;
        return this.count++;
      }
      h = (h + 1) & mask;
    }
  }

  private isCash(global: number): boolean {
    for (let j = 0; j < this.cashIds.length; j++) if (this.cashIds[j] === global) return true;
    return false;
  }

  /**
   * Looks up the window ids of the cash pseudo accounts (`CASH_ACCOUNTS`) not seen yet: an
   * account is cash when its id is one of them, with no lookup of its key per account. A
   * dictionary id never changes once given.
   */
  private findCash(): void {
    for (let j = 0; j < this.cashKeys.length; j++)
      if (this.cashIds[j] === -1) this.cashIds[j] = this.w.accounts.find(this.cashKeys[j] as string) ?? -1;
  }
}

/**
 * A neighbourhood as the batch engine's table. Transaction ids are read from the window only
 * when asked for: no detector reads them, and loading each row's id was a cache miss per row of
 * every decision; the engine reads the few its evidence names with `id`.
 */
export class LocalTable implements TransactionTable {
  readonly size: number;
  readonly debtor: Int32Array;
  readonly creditor: Int32Array;
  readonly time: Float64Array;
  readonly amount: Float64Array;
  readonly amountUsd: Float64Array;
  readonly currency: Uint16Array;
  readonly channel: Uint16Array;
  readonly debtorCountry: Uint16Array;
  readonly creditorCountry: Uint16Array;
  readonly debtorName: Int32Array;
  readonly creditorName: Int32Array;
  readonly purpose: readonly (string | null)[];
  readonly accountCount: number;
  readonly accountEntityIds: readonly string[];
  readonly accountIsCash: Uint8Array;
  readonly names: readonly string[];
  readonly currencies: readonly string[];
  readonly channels: readonly string[];
  readonly countries: readonly string[];
  readonly outOffsets: Int32Array;
  readonly outRows: Int32Array;
  readonly inOffsets: Int32Array;
  readonly inRows: Int32Array;
  private readonly seqs: Float64Array;
  /** Window id of each local account. */
  private readonly globals: Int32Array;
  private allIds: string[] | undefined;
  private keys: string[] | undefined;

  constructor(
    private readonly w: WindowState,
    v: RowViews,
    a: AccountViews,
  ) {
    this.size = v.time.length;
    this.seqs = v.seq;
    this.debtor = v.debtor;
    this.creditor = v.creditor;
    this.time = v.time;
    this.amount = v.amount;
    this.amountUsd = v.amountUsd;
    this.currency = v.currency;
    this.channel = v.channel;
    this.debtorCountry = v.debtorCountry;
    this.creditorCountry = v.creditorCountry;
    this.debtorName = v.debtorName;
    this.creditorName = v.creditorName;
    this.purpose = v.purpose;
    this.accountCount = a.isCash.length;
    this.globals = a.globals;
    this.accountEntityIds = a.entityIds;
    this.accountIsCash = a.isCash;
    this.names = w.names.values;
    this.currencies = w.currencies.values;
    this.channels = w.channels.values;
    this.countries = w.countries.values;
    this.outOffsets = a.outOffsets;
    this.outRows = v.outRows;
    this.inOffsets = a.inOffsets;
    this.inRows = v.inRows;
  }

  /** The transaction id of row `i`. */
  id(i: number): string {
    return this.w.id(this.seqs[i] as number);
  }

  get ids(): readonly string[] {
    if (this.allIds === undefined) {
      const ids = new Array<string>(this.size);
      for (let i = 0; i < this.size; i++) ids[i] = this.id(i);
      this.allIds = ids;
    }
    return this.allIds;
  }

  /** The key of local account `a`, without building `accounts`. */
  accountKey(a: number): string {
    return this.w.accounts.values[this.globals[a] as number] as string;
  }

  /**
   * Account keys, read from the window's dictionary on first access (detectors and a reason's
   * evidence read them one at a time through `accountKey`).
   */
  get accounts(): readonly string[] {
    if (this.keys === undefined) {
      const keys = new Array<string>(this.accountCount);
      for (let a = 0; a < this.accountCount; a++) keys[a] = this.accountKey(a);
      this.keys = keys;
    }
    return this.keys;
  }

  /** The stream's rows carry their source's id as their id. */
  get sourceIds(): readonly string[] {
    return this.ids;
  }
}

/** The row columns of one table: views of `RowScratch`'s buffers, `n` long. */
interface RowViews {
  readonly time: Float64Array;
  readonly amount: Float64Array;
  readonly amountUsd: Float64Array;
  readonly debtor: Int32Array;
  readonly creditor: Int32Array;
  readonly debtorName: Int32Array;
  readonly creditorName: Int32Array;
  readonly currency: Uint16Array;
  readonly channel: Uint16Array;
  readonly debtorCountry: Uint16Array;
  readonly creditorCountry: Uint16Array;
  readonly order: Int32Array;
  readonly outRows: Int32Array;
  readonly inRows: Int32Array;
  /** Each row's sequence number in the window. */
  readonly seq: Float64Array;
  readonly purpose: (string | null)[];
}

class RowScratch {
  private readonly time: Float64Array;
  private readonly amount: Float64Array;
  private readonly amountUsd: Float64Array;
  private readonly seq: Float64Array;
  private readonly ints: Int32Array[];
  private readonly shorts: Uint16Array[];
  private readonly cache: (RowViews | undefined)[] = [];

  constructor(readonly capacity: number) {
    this.time = new Float64Array(capacity);
    this.amount = new Float64Array(capacity);
    this.amountUsd = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.ints = Array.from({ length: 7 }, () => new Int32Array(capacity));
    this.shorts = Array.from({ length: 4 }, () => new Uint16Array(capacity));
  }

  views(n: number): RowViews {
    const cached = this.cache[n];
    if (cached !== undefined) return cached;
    const [debtor, creditor, debtorName, creditorName, order, outRows, inRows] = this.ints.map((a) => a.subarray(0, n));
    const [currency, channel, debtorCountry, creditorCountry] = this.shorts.map((a) => a.subarray(0, n));
    const views: RowViews = {
      time: this.time.subarray(0, n),
      amount: this.amount.subarray(0, n),
      amountUsd: this.amountUsd.subarray(0, n),
      debtor: debtor as Int32Array,
      creditor: creditor as Int32Array,
      debtorName: debtorName as Int32Array,
      creditorName: creditorName as Int32Array,
      currency: currency as Uint16Array,
      channel: channel as Uint16Array,
      debtorCountry: debtorCountry as Uint16Array,
      creditorCountry: creditorCountry as Uint16Array,
      order: order as Int32Array,
      outRows: outRows as Int32Array,
      inRows: inRows as Int32Array,
      seq: this.seq.subarray(0, n),
      purpose: new Array<string | null>(n).fill(null),
    };
    if (n <= CACHED_SIZES) this.cache[n] = views;
    return views;
  }
}

/** The per-account columns of one table, `k` accounts long (offsets `k + 1`). */
interface AccountViews {
  /** Window id of each account. */
  readonly globals: Int32Array;
  /** All empty: the stream has no store entity ids. Never written, so shared by every table of this size. */
  readonly entityIds: readonly string[];
  readonly isCash: Uint8Array;
  readonly outOffsets: Int32Array;
  readonly inOffsets: Int32Array;
  readonly cursor: Int32Array;
}

class AccountScratch {
  /** Filled by the build as it numbers accounts, before it knows how many there are. */
  readonly globals: Int32Array;
  private readonly isCash: Uint8Array;
  private readonly outOffsets: Int32Array;
  private readonly inOffsets: Int32Array;
  private readonly cursor: Int32Array;
  private readonly cache: (AccountViews | undefined)[] = [];

  constructor(readonly capacity: number) {
    this.globals = new Int32Array(capacity);
    this.isCash = new Uint8Array(capacity);
    this.outOffsets = new Int32Array(capacity + 1);
    this.inOffsets = new Int32Array(capacity + 1);
    this.cursor = new Int32Array(capacity);
  }

  views(k: number): AccountViews {
    const cached = this.cache[k];
    if (cached !== undefined) return cached;
    const views: AccountViews = {
      globals: this.globals.subarray(0, k),
      entityIds: new Array<string>(k).fill(''),
      isCash: this.isCash.subarray(0, k),
      outOffsets: this.outOffsets.subarray(0, k + 1),
      inOffsets: this.inOffsets.subarray(0, k + 1),
      cursor: this.cursor.subarray(0, k),
    };
    if (k <= CACHED_SIZES) this.cache[k] = views;
    return views;
  }
}
