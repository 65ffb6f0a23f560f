import { adjacency, CASH_ACCOUNTS, timeOrder, type TransactionTable } from '../table.js';
import { rowOffset, type WindowState } from './window.js';

/**
 * Gathers some of the window's rows into the batch engine's columnar table, so the batch
 * detectors run unchanged over a decision's neighbourhood. Names, currencies, channels and
 * countries keep the window's dictionary ids (detectors only compare and read them); accounts
 * are renumbered locally in order of first appearance, because detectors iterate accounts by
 * index: with rows in sequence order, a decision depends on the rows alone, never on ids that a
 * restored window would assign differently.
 */
export class LocalTableBuilder {
  private localOf = new Int32Array(1024);
  private stampOf = new Int32Array(1024);
  private stamp = 0;
  /** Column buffers reused from one decision to the next: the table lives only while it is decided. */
  private scratch = new Scratch(256);

  constructor(private readonly w: WindowState) {}

  /** `seqs[0..n)` are live sequence numbers in ascending order. The table is valid until the next build. */
  build(seqs: Float64Array, n: number): TransactionTable {
    const w = this.w;
    const accountCount = w.accounts.values.length;
    if (this.localOf.length < accountCount) {
      const size = Math.max(accountCount, this.localOf.length * 2);
      this.localOf = new Int32Array(size);
      this.stampOf = new Int32Array(size);
      this.stamp = 0;
    }
    // Stamps mark this build's accounts without clearing the array; wrap before they overflow.
    if (this.stamp >= 0x3fffffff) {
      this.stampOf.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const accounts: string[] = [];
    const local = (global: number): number => {
      if (this.stampOf[global] !== stamp) {
        this.stampOf[global] = stamp;
        this.localOf[global] = accounts.length;
        accounts.push(w.accounts.values[global] as string);
      }
      return this.localOf[global] as number;
    };
    const ids = new Array<string>(n);
    const purpose = new Array<string | null>(n);
    if (this.scratch.capacity < n) this.scratch = new Scratch(Math.max(n, this.scratch.capacity * 2));
    const time = this.scratch.time.subarray(0, n);
    const amount = this.scratch.amount.subarray(0, n);
    const amountUsd = this.scratch.amountUsd.subarray(0, n);
    const debtor = this.scratch.debtor.subarray(0, n);
    const creditor = this.scratch.creditor.subarray(0, n);
    const debtorName = this.scratch.debtorName.subarray(0, n);
    const creditorName = this.scratch.creditorName.subarray(0, n);
    const currency = this.scratch.currency.subarray(0, n);
    const channel = this.scratch.channel.subarray(0, n);
    const debtorCountry = this.scratch.debtorCountry.subarray(0, n);
    const creditorCountry = this.scratch.creditorCountry.subarray(0, n);
    for (let i = 0; i < n; i++) {
      const seq = seqs[i] as number;
      const c = w.chunk(seq);
      const s = rowOffset(seq);
      ids[i] = c.ids[s] as string;
      purpose[i] = c.purpose[s] as string | null;
      time[i] = c.time[s] as number;
      amount[i] = c.amount[s] as number;
      amountUsd[i] = c.amountUsd[s] as number;
      debtor[i] = local(c.debtor[s] as number);
      creditor[i] = local(c.creditor[s] as number);
      debtorName[i] = c.debtorName[s] as number;
      creditorName[i] = c.creditorName[s] as number;
      currency[i] = c.currency[s] as number;
      channel[i] = c.channel[s] as number;
      debtorCountry[i] = c.debtorCountry[s] as number;
      creditorCountry[i] = c.creditorCountry[s] as number;
    }
    const accountIsCash = new Uint8Array(accounts.length);
    accounts.forEach((key, a) => {
      if (CASH_ACCOUNTS.has(key)) accountIsCash[a] = 1;
    });
    const order = timeOrder(time);
    const [outOffsets, outRows] = adjacency(debtor, order, accounts.length);
    const [inOffsets, inRows] = adjacency(creditor, order, accounts.length);
    return {
      size: n,
      ids,
      sourceIds: ids,
      debtor,
      creditor,
      time,
      amount,
      amountUsd,
      currency,
      channel,
      debtorCountry,
      creditorCountry,
      debtorName,
      creditorName,
      purpose,
      accounts,
      accountEntityIds: accounts.map(() => ''),
      accountIsCash,
      names: w.names.values,
      currencies: w.currencies.values,
      channels: w.channels.values,
      countries: w.countries.values,
      outOffsets,
      outRows,
      inOffsets,
      inRows,
    };
  }
}

class Scratch {
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
  constructor(readonly capacity: number) {
    this.time = new Float64Array(capacity);
    this.amount = new Float64Array(capacity);
    this.amountUsd = new Float64Array(capacity);
    this.debtor = new Int32Array(capacity);
    this.creditor = new Int32Array(capacity);
    this.debtorName = new Int32Array(capacity);
    this.creditorName = new Int32Array(capacity);
    this.currency = new Uint16Array(capacity);
    this.channel = new Uint16Array(capacity);
    this.debtorCountry = new Uint16Array(capacity);
    this.creditorCountry = new Uint16Array(capacity);
  }
}
