import type { Transaction } from '../../model/index.js';
import { Dictionary } from './dictionary.js';

type F64 = Float64Array<ArrayBuffer>;
type I32 = Int32Array<ArrayBuffer>;
type U16 = Uint16Array<ArrayBuffer>;

/**
 * The monitor's memory: every transaction of the last `retentionMs` (by transaction time), in
 * columnar rings indexed by sequence number (the same interned columns as the batch table), and
 * per account a chain through its recent rows: each row points at its debtor's previous outgoing
 * row and its creditor's previous incoming row, so an account's window is read newest first in
 * O(rows read) and adding a row is O(1). Rows leave from the head once older than the
 * retention; the rings double when full.
 *
 * Everything a decision reads is a function of the sequence of rows added: restoring a
 * checkpoint re-adds the live rows in order and decides exactly as the original would have.
 * (Dictionary ids may differ after a restore; decisions never depend on them, see local-table.ts.)
 */
export class WindowState {
  private headSeq = 0;
  private tailSeq = 0;
  private capacity: number;
  private mask: number;
  readonly accounts = new Dictionary();
  readonly names = new Dictionary('');
  readonly currencies = new Dictionary();
  readonly channels = new Dictionary('');
  readonly countries = new Dictionary('');
  ids: string[];
  purpose: (string | null)[];
  time: F64;
  amount: F64;
  amountUsd: F64;
  debtor: I32;
  creditor: I32;
  debtorName: I32;
  creditorName: I32;
  currency: U16;
  channel: U16;
  debtorCountry: U16;
  creditorCountry: U16;
  /** Sequence of the debtor's previous outgoing row and of the creditor's previous incoming row; -1 none. */
  private prevOut: F64;
  private prevIn: F64;
  private lastOut: F64 = new Float64Array(1024).fill(-1);
  private lastIn: F64 = new Float64Array(1024).fill(-1);
  /** Latest transaction time seen: the stream's clock. */
  watermark = Number.NEGATIVE_INFINITY;

  constructor(
    readonly retentionMs: number,
    initialCapacity = 1 << 12,
  ) {
    this.capacity = 1 << Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.mask = this.capacity - 1;
    const c = this.capacity;
    this.ids = new Array<string>(c);
    this.purpose = new Array<string | null>(c);
    this.time = new Float64Array(c);
    this.amount = new Float64Array(c);
    this.amountUsd = new Float64Array(c);
    this.debtor = new Int32Array(c);
    this.creditor = new Int32Array(c);
    this.debtorName = new Int32Array(c);
    this.creditorName = new Int32Array(c);
    this.currency = new Uint16Array(c);
    this.channel = new Uint16Array(c);
    this.debtorCountry = new Uint16Array(c);
    this.creditorCountry = new Uint16Array(c);
    this.prevOut = new Float64Array(c);
    this.prevIn = new Float64Array(c);
  }

  get head(): number {
    return this.headSeq;
  }
  get tail(): number {
    return this.tailSeq;
  }
  get size(): number {
    return this.tailSeq - this.headSeq;
  }

  /** Ring slot of a sequence number. */
  slot(seq: number): number {
    return seq & this.mask;
  }

  isLive(seq: number): boolean {
    return seq >= this.headSeq && seq < this.tailSeq;
  }

  /** Restarts numbering at `seq` (a restore keeps the checkpoint's numbers). */
  startAt(seq: number): void {
    if (this.size !== 0) throw new Error('startAt needs an empty window');
    this.headSeq = seq;
    this.tailSeq = seq;
  }

  private account(key: string): number {
    const id = this.accounts.id(key);
    if (id >= this.lastOut.length) {
      const grow = (a: F64): F64 => {
        const next = new Float64Array(a.length * 2).fill(-1);
        next.set(a);
        return next;
      };
      this.lastOut = grow(this.lastOut);
      this.lastIn = grow(this.lastIn);
    }
    return id;
  }

  /** Adds a row, evicts what fell out of the retention, and returns the row's sequence number. */
  add(t: Transaction): number {
    if (this.size === this.capacity) this.grow();
    const seq = this.tailSeq++;
    const s = seq & this.mask;
    const debtor = this.account(t.debtorAccount);
    const creditor = this.account(t.creditorAccount);
    this.ids[s] = t.id;
    this.purpose[s] = t.purpose;
    this.time[s] = t.timestamp;
    this.amount[s] = t.amount;
    // As the batch table: the source's conversion, else the amount when in dollars, else unknown.
    this.amountUsd[s] = t.amountUsd ?? (t.currency === 'USD' ? t.amount : Number.NaN);
    this.debtor[s] = debtor;
    this.creditor[s] = creditor;
    this.debtorName[s] = t.debtorName === null ? 0 : this.names.id(t.debtorName);
    this.creditorName[s] = t.creditorName === null ? 0 : this.names.id(t.creditorName);
    this.currency[s] = this.currencies.id(t.currency);
    this.channel[s] = t.channel === null ? 0 : this.channels.id(t.channel);
    this.debtorCountry[s] = t.debtorCountry === null ? 0 : this.countries.id(t.debtorCountry);
    this.creditorCountry[s] = t.creditorCountry === null ? 0 : this.countries.id(t.creditorCountry);
    this.prevOut[s] = this.lastOut[debtor] as number;
    this.prevIn[s] = this.lastIn[creditor] as number;
    this.lastOut[debtor] = seq;
    this.lastIn[creditor] = seq;
    if (t.timestamp > this.watermark) this.watermark = t.timestamp;
    this.evict();
    return seq;
  }

  /**
   * Drops rows from the head while they are older than the retention. Only the head moves, so a
   * late (out-of-order) row waits behind younger ones: state stays a function of arrival order.
   */
  private evict(): void {
    const oldest = this.watermark - this.retentionMs;
    while (this.headSeq < this.tailSeq - 1) {
      const s = this.headSeq & this.mask;
      if ((this.time[s] as number) >= oldest) break;
      this.purpose[s] = null;
      this.headSeq++;
    }
  }

  /**
   * Doubles the ring. A row's new slot is its old slot or its old slot plus the old capacity
   * (one more bit of the sequence number), so the new columns are the old ones twice over: two
   * memory copies per column, whichever half each row's slot falls in. Copying row by row
   * instead stalled decisions for tens of milliseconds each time the ring doubled.
   */
  private grow(): void {
    const c = this.capacity;
    const twice = <T extends F64 | I32 | U16>(a: T, make: (n: number) => T): T => {
      const next = make(2 * c);
      next.set(a, 0);
      next.set(a, c);
      return next;
    };
    this.ids = this.ids.concat(this.ids);
    this.purpose = this.purpose.concat(this.purpose);
    this.time = twice(this.time, (n) => new Float64Array(n));
    this.amount = twice(this.amount, (n) => new Float64Array(n));
    this.amountUsd = twice(this.amountUsd, (n) => new Float64Array(n));
    this.debtor = twice(this.debtor, (n) => new Int32Array(n));
    this.creditor = twice(this.creditor, (n) => new Int32Array(n));
    this.debtorName = twice(this.debtorName, (n) => new Int32Array(n));
    this.creditorName = twice(this.creditorName, (n) => new Int32Array(n));
    this.currency = twice(this.currency, (n) => new Uint16Array(n));
    this.channel = twice(this.channel, (n) => new Uint16Array(n));
    this.debtorCountry = twice(this.debtorCountry, (n) => new Uint16Array(n));
    this.creditorCountry = twice(this.creditorCountry, (n) => new Uint16Array(n));
    this.prevOut = twice(this.prevOut, (n) => new Float64Array(n));
    this.prevIn = twice(this.prevIn, (n) => new Float64Array(n));
    this.capacity = 2 * c;
    this.mask = 2 * c - 1;
  }

  /**
   * Appends the sequence numbers of an account's live rows no older than `since`, newest first,
   * at most `limit` outgoing and `limit` incoming: a hub's window is its latest rows.
   */
  accountRows(account: string, since: number, limit: number, into: number[]): void {
    const id = this.accounts.find(account);
    if (id === undefined) return;
    this.walk(this.lastOut[id] as number, this.prevOut, since, limit, into);
    this.walk(this.lastIn[id] as number, this.prevIn, since, limit, into);
  }

  private walk(start: number, prev: F64, since: number, limit: number, into: number[]): void {
    let seq = start;
    for (let n = 0; seq >= this.headSeq && n < limit; n++) {
      const s = seq & this.mask;
      if ((this.time[s] as number) < since) break;
      into.push(seq);
      seq = prev[s] as number;
    }
  }
}
