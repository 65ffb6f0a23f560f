import type { Transaction } from '../model/index.js';
import { Interner } from './interner.js';

/**
 * Transactions in columnar form, so that millions of rows fit in typed arrays: accounts, names,
 * currencies, channels and countries are interned to integers, amounts and times are floats,
 * and each account's outgoing and incoming rows are reachable through CSR offsets, sorted by
 * time. Detectors read this and never the row objects.
 */
export interface TransactionTable {
  readonly size: number;
  /** Store id per row (the source id when read from a file). */
  readonly ids: readonly string[];
  /** The source's own id per row, or null. */
  readonly sourceIds: readonly (string | null)[];
  readonly debtor: Int32Array;
  readonly creditor: Int32Array;
  /** Epoch milliseconds. */
  readonly time: Float64Array;
  readonly amount: Float64Array;
  /** US dollars; NaN when the source gave no conversion. */
  readonly amountUsd: Float64Array;
  readonly currency: Uint16Array;
  readonly channel: Uint16Array;
  readonly debtorCountry: Uint16Array;
  readonly creditorCountry: Uint16Array;
  /** Index into `names`; 0 is "no name". */
  readonly debtorName: Int32Array;
  readonly creditorName: Int32Array;
  readonly purpose: readonly (string | null)[];
  /** Accounts in the table: detectors iterate them as 0 .. accountCount - 1. */
  readonly accountCount: number;
  /**
   * Account keys by account index (the account number as the source wrote it). Detectors read
   * one with `accountKey`, only where it is needed (a finding's text, a holder lookup).
   */
  readonly accounts: readonly string[];
  /**
   * The key of one account, when the table can read it alone: the streaming monitor's table
   * reads keys from its window, a cache miss per account, and building `accounts` whole for a
   * finding's text cost every decision with a finding one per account of its neighbourhood.
   */
  accountKey?(a: number): string;
  /** Store entity id of each account's BankAccount (empty when read from a file). */
  readonly accountEntityIds: readonly string[];
  /** 1 for the pseudo account "CASH" (cash deposits and withdrawals): not a node of the graph. */
  readonly accountIsCash: Uint8Array;
  readonly names: readonly string[];
  readonly currencies: readonly string[];
  readonly channels: readonly string[];
  /** Index 0 is "unknown". */
  readonly countries: readonly string[];
  /** Rows each account pays, by time: rows outRows[outOffsets[a] .. outOffsets[a+1]). */
  readonly outOffsets: Int32Array;
  readonly outRows: Int32Array;
  /** Rows each account receives, by time. */
  readonly inOffsets: Int32Array;
  readonly inRows: Int32Array;
}

/** What a row needs besides its identities. */
export type TransactionFields = Omit<Transaction, 'id' | 'sourceId' | 'debtorAccountEntityId' | 'creditorAccountEntityId'>;

/** Account numbers the sources use for cash over the counter rather than an account. */
export const CASH_ACCOUNTS: ReadonlySet<string> = new Set(['CASH', 'cash']);

class GrowableFloat {
  data: Float64Array;
  constructor(capacity: number) {
    this.data = new Float64Array(capacity);
  }
  ensure(n: number): void {
    if (n <= this.data.length) return;
    const next = new Float64Array(Math.max(n, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

function grow<T extends Int32Array | Uint16Array>(array: T, n: number, make: (size: number) => T): T {
  if (n <= array.length) return array;
  const next = make(Math.max(n, array.length * 2));
  next.set(array);
  return next;
}

/** Accumulates transactions one by one (from a stream) and freezes them into a table. */
export class TableBuilder {
  private n = 0;
  private readonly ids: string[] = [];
  private readonly sourceIds: (string | null)[] = [];
  private readonly purposes: (string | null)[] = [];
  private readonly accounts = new Interner();
  private readonly accountEntityIds: string[] = [];
  private readonly names = new Interner('');
  private readonly currencies = new Interner();
  private readonly channels = new Interner('');
  private readonly countries = new Interner('');
  private debtor = new Int32Array(1024);
  private creditor = new Int32Array(1024);
  private debtorName = new Int32Array(1024);
  private creditorName = new Int32Array(1024);
  private currency = new Uint16Array(1024);
  private channel = new Uint16Array(1024);
  private debtorCountry = new Uint16Array(1024);
  private creditorCountry = new Uint16Array(1024);
  private readonly time = new GrowableFloat(1024);
  private readonly amount = new GrowableFloat(1024);
  private readonly amountUsd = new GrowableFloat(1024);

  get size(): number {
    return this.n;
  }

  private account(key: string, entityId: string): number {
    const id = this.accounts.id(key);
    if (id === this.accountEntityIds.length) this.accountEntityIds.push(entityId);
    return id;
  }

  add(t: Transaction): void {
    this.addRow(t, t.id, t.sourceId, t.debtorAccountEntityId, t.creditorAccountEntityId);
  }

  /**
   * Adds a row from its fields and identities given apart, so a reader's record need not be
   * copied to set them (the lean screening readers hand bodies without ids).
   */
  addRow(t: TransactionFields, id: string, sourceId: string | null, debtorEntityId = '', creditorEntityId = ''): void {
    const i = this.n++;
    const need = this.n;
    if (need > this.debtor.length) this.growTo(need);
    this.ids.push(id);
    this.sourceIds.push(sourceId);
    this.purposes.push(t.purpose);
    this.debtor[i] = this.account(t.debtorAccount, debtorEntityId);
    this.creditor[i] = this.account(t.creditorAccount, creditorEntityId);
    this.debtorName[i] = t.debtorName === null ? 0 : this.names.id(t.debtorName);
    this.creditorName[i] = t.creditorName === null ? 0 : this.names.id(t.creditorName);
    this.currency[i] = this.currencies.id(t.currency);
    this.channel[i] = t.channel === null ? 0 : this.channels.id(t.channel);
    this.debtorCountry[i] = t.debtorCountry === null ? 0 : this.countries.id(t.debtorCountry);
    this.creditorCountry[i] = t.creditorCountry === null ? 0 : this.countries.id(t.creditorCountry);
    this.time.data[i] = t.timestamp;
    this.amount.data[i] = t.amount;
    this.amountUsd.data[i] = t.amountUsd ?? (t.currency === 'USD' ? t.amount : Number.NaN);
  }

  /** Grows every column at once (doubling), so `addRow` checks one length. */
  private growTo(need: number): void {
    this.debtor = grow(this.debtor, need, (s) => new Int32Array(s));
    this.creditor = grow(this.creditor, need, (s) => new Int32Array(s));
    this.debtorName = grow(this.debtorName, need, (s) => new Int32Array(s));
    this.creditorName = grow(this.creditorName, need, (s) => new Int32Array(s));
    this.currency = grow(this.currency, need, (s) => new Uint16Array(s));
    this.channel = grow(this.channel, need, (s) => new Uint16Array(s));
    this.debtorCountry = grow(this.debtorCountry, need, (s) => new Uint16Array(s));
    this.creditorCountry = grow(this.creditorCountry, need, (s) => new Uint16Array(s));
    this.time.ensure(need);
    this.amount.ensure(need);
    this.amountUsd.ensure(need);
  }

  build(): TransactionTable {
    const n = this.n;
    const time = this.time.data.slice(0, n);
    const order = timeOrder(time);
    const accountCount = this.accounts.values.length;
    const debtor = this.debtor.slice(0, n);
    const creditor = this.creditor.slice(0, n);
    const accountIsCash = new Uint8Array(accountCount);
    this.accounts.values.forEach((key, a) => {
      if (CASH_ACCOUNTS.has(key)) accountIsCash[a] = 1;
    });
    const [outOffsets, outRows] = adjacency(debtor, order, accountCount);
    const [inOffsets, inRows] = adjacency(creditor, order, accountCount);
    return {
      size: n,
      ids: this.ids,
      sourceIds: this.sourceIds,
      debtor,
      creditor,
      time,
      amount: this.amount.data.slice(0, n),
      amountUsd: this.amountUsd.data.slice(0, n),
      currency: this.currency.slice(0, n),
      channel: this.channel.slice(0, n),
      debtorCountry: this.debtorCountry.slice(0, n),
      creditorCountry: this.creditorCountry.slice(0, n),
      debtorName: this.debtorName.slice(0, n),
      creditorName: this.creditorName.slice(0, n),
      purpose: this.purposes,
      accountCount,
      accounts: this.accounts.values,
      accountEntityIds: this.accountEntityIds,
      accountIsCash,
      names: this.names.values,
      currencies: this.currencies.values,
      channels: this.channels.values,
      countries: this.countries.values,
      outOffsets,
      outRows,
      inOffsets,
      inRows,
    };
  }
}

/** Row indexes in time order (stable); most sources are nearly sorted already, so check first. */
export function timeOrder(time: Float64Array): Int32Array {
  const order = new Int32Array(time.length);
  timeOrderInto(time, order);
  return order;
}

/** Row indexes in time order (stable), into `order` (as long as `time`): the stream's tables reuse it. */
export function timeOrderInto(time: Float64Array, order: Int32Array): void {
  const n = time.length;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && (time[i] as number) < (time[i - 1] as number)) sorted = false;
  }
  if (!sorted) order.sort((a, b) => (time[a] as number) - (time[b] as number) || a - b);
}

/** CSR adjacency: for each account the rows where it is `side`, in time order. */
export function adjacency(side: Int32Array, order: Int32Array, accounts: number): [Int32Array, Int32Array] {
  const offsets = new Int32Array(accounts + 1);
  const rows = new Int32Array(side.length);
  adjacencyInto(side, order, offsets, new Int32Array(accounts), rows);
  return [offsets, rows];
}

/**
 * As `adjacency`, into `offsets` (accounts + 1), `cursor` (accounts: scratch) and `rows` (as long
 * as `side`), so the stream's tables build it without allocating.
 */
export function adjacencyInto(
  side: Int32Array,
  order: Int32Array,
  offsets: Int32Array,
  cursor: Int32Array,
  rows: Int32Array,
): void {
  const accounts = cursor.length;
  offsets.fill(0);
  for (let i = 0; i < side.length; i++) offsets[(side[i] as number) + 1]!++;
  for (let a = 0; a < accounts; a++) offsets[a + 1]! += offsets[a] as number;
  cursor.set(offsets.subarray(0, accounts));
  for (let k = 0; k < order.length; k++) {
    const row = order[k] as number;
    const a = side[row] as number;
    rows[cursor[a]!++] = row;
  }
}

export function buildTable(transactions: Iterable<Transaction>): TransactionTable {
  const builder = new TableBuilder();
  for (const t of transactions) builder.add(t);
  return builder.build();
}

/** The key of account `a` (see `TransactionTable.accountKey`). */
export function accountKey(t: TransactionTable, a: number): string {
  return t.accountKey === undefined ? (t.accounts[a] as string) : t.accountKey(a);
}

/** Small read helpers, so detectors stay readable. */
export const row = {
  channel: (t: TransactionTable, i: number): string => t.channels[t.channel[i] as number] as string,
  currency: (t: TransactionTable, i: number): string => t.currencies[t.currency[i] as number] as string,
  debtorCountry: (t: TransactionTable, i: number): string => t.countries[t.debtorCountry[i] as number] as string,
  creditorCountry: (t: TransactionTable, i: number): string => t.countries[t.creditorCountry[i] as number] as string,
  debtorName: (t: TransactionTable, i: number): string => t.names[t.debtorName[i] as number] as string,
  creditorName: (t: TransactionTable, i: number): string => t.names[t.creditorName[i] as number] as string,
  /** Dollars, falling back to the nominal amount when no conversion is known. */
  usd: (t: TransactionTable, i: number): number => {
    const usd = t.amountUsd[i] as number;
    return Number.isNaN(usd) ? (t.amount[i] as number) : usd;
  },
};
