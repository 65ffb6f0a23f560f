import type { Transaction } from '../../model/index.js';
import { Dictionary } from './dictionary.js';

type F64 = Float64Array<ArrayBuffer>;

/** Rows per chunk of the window: 2^15 rows are about 2.6 MB of columns. */
const ROW_BITS = 15;
const ROWS_PER_CHUNK = 1 << ROW_BITS;
const ROW_MASK = ROWS_PER_CHUNK - 1;
/** Accounts per chunk of the per-account chain heads (128 KB each). */
const ACCOUNT_BITS = 14;
const ACCOUNT_MASK = (1 << ACCOUNT_BITS) - 1;

/**
 * A fixed block of `ROWS_PER_CHUNK` consecutive rows, one typed array per column, with the
 * batch table's interned columns. Rows are addressed within a chunk by `seq & ROW_MASK`.
 */
export class RowChunk {
  readonly ids = new Array<string>(ROWS_PER_CHUNK);
  readonly purpose = new Array<string | null>(ROWS_PER_CHUNK).fill(null);
  readonly time = new Float64Array(ROWS_PER_CHUNK);
  readonly amount = new Float64Array(ROWS_PER_CHUNK);
  readonly amountUsd = new Float64Array(ROWS_PER_CHUNK);
  readonly debtor = new Int32Array(ROWS_PER_CHUNK);
  readonly creditor = new Int32Array(ROWS_PER_CHUNK);
  readonly debtorName = new Int32Array(ROWS_PER_CHUNK);
  readonly creditorName = new Int32Array(ROWS_PER_CHUNK);
  readonly currency = new Uint16Array(ROWS_PER_CHUNK);
  readonly channel = new Uint16Array(ROWS_PER_CHUNK);
  readonly debtorCountry = new Uint16Array(ROWS_PER_CHUNK);
  readonly creditorCountry = new Uint16Array(ROWS_PER_CHUNK);
  /** Sequence of the debtor's previous outgoing row and of the creditor's previous incoming row; -1 none. */
  readonly prevOut = new Float64Array(ROWS_PER_CHUNK);
  readonly prevIn = new Float64Array(ROWS_PER_CHUNK);
}

/** The slot of a sequence number within its chunk (exact for any safe integer: `&` keeps the low 32 bits). */
export function rowOffset(seq: number): number {
  return seq & ROW_MASK;
}

/**
 * The monitor's memory: every transaction of the last `retentionMs` (by transaction time), in
 * columnar chunks indexed by sequence number (the same interned columns as the batch table), and
 * per account a chain through its recent rows: each row points at its debtor's previous outgoing
 * row and its creditor's previous incoming row, so an account's window is read newest first in
 * O(rows read) and adding a row is O(1). Rows leave from the head once older than the retention.
 *
 * Growth never copies rows: the window is a ring of fixed-size chunks, a chunk is taken (from
 * those the head has left behind, else new) when the tail reaches it, and only the small table
 * of chunk references ever doubles. The per-account chain heads are chunked the same way. A
 * ring that doubled its columns stalled decisions for 15 ms and more at 2^19 rows.
 *
 * Everything a decision reads is a function of the sequence of rows added: restoring a
 * checkpoint re-adds the live rows in order and decides exactly as the original would have.
 * (Dictionary ids may differ after a restore; decisions never depend on them, see local-table.ts.)
 */
export class WindowState {
  private headSeq = 0;
  private tailSeq = 0;
  /** Chunk of sequence `seq` is `chunks[floor(seq / ROWS_PER_CHUNK) & chunkMask]`. */
  private chunks: (RowChunk | undefined)[] = new Array<RowChunk | undefined>(16);
  private chunkMask = 15;
  /** Chunks the head has passed, reused before allocating. */
  private readonly spare: RowChunk[] = [];
  readonly accounts = new Dictionary(undefined, { incremental: true });
  readonly names = new Dictionary('', { incremental: true });
  readonly currencies = new Dictionary();
  readonly channels = new Dictionary('');
  readonly countries = new Dictionary('');
  /** Per account (in chunks of 2^ACCOUNT_BITS): its latest outgoing and incoming row; -1 none. */
  private readonly lastOut: F64[] = [];
  private readonly lastIn: F64[] = [];
  /** Latest transaction time seen: the stream's clock. */
  watermark = Number.NEGATIVE_INFINITY;
  /** Chunks allocated so far (the rest were reused): for the pause report. */
  chunksAllocated = 0;

  constructor(readonly retentionMs: number) {}

  get head(): number {
    return this.headSeq;
  }
  get tail(): number {
    return this.tailSeq;
  }
  get size(): number {
    return this.tailSeq - this.headSeq;
  }

  /** The chunk holding live row `seq` (read its columns at `rowOffset(seq)`). */
  chunk(seq: number): RowChunk {
    return this.chunks[(seq / ROWS_PER_CHUNK) & this.chunkMask] as RowChunk;
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
    if (id >> ACCOUNT_BITS >= this.lastOut.length) {
      this.lastOut.push(new Float64Array(ACCOUNT_MASK + 1).fill(-1));
      this.lastIn.push(new Float64Array(ACCOUNT_MASK + 1).fill(-1));
    }
    return id;
  }

  /** The chunk the tail row goes into, taking one when the tail starts a new chunk. */
  private tailChunk(seq: number): RowChunk {
    const index = Math.floor(seq / ROWS_PER_CHUNK);
    if ((seq & ROW_MASK) === 0 || this.chunks[index & this.chunkMask] === undefined) {
      // The head's chunk must not be overwritten: double the reference table when it is full.
      const headIndex = Math.floor(this.headSeq / ROWS_PER_CHUNK);
      if (index - headIndex > this.chunkMask) this.growChunkTable(headIndex, index);
      let c = this.spare.pop();
      if (c === undefined) {
        c = new RowChunk();
        this.chunksAllocated++;
      }
      this.chunks[index & this.chunkMask] = c;
    }
    return this.chunks[index & this.chunkMask] as RowChunk;
  }

  /** Doubles the table of chunk references (a few dozen pointers), keeping chunks `from` to `to - 1`. */
  private growChunkTable(from: number, to: number): void {
    const size = 2 * this.chunks.length;
    const next = new Array<RowChunk | undefined>(size);
    for (let i = from; i < to; i++) next[i & (size - 1)] = this.chunks[i & this.chunkMask];
    this.chunks = next;
    this.chunkMask = size - 1;
  }

  /** Adds a row, evicts what fell out of the retention, and returns the row's sequence number. */
  add(t: Transaction): number {
    const seq = this.tailSeq;
    const c = this.tailChunk(seq);
    this.tailSeq++;
    const s = seq & ROW_MASK;
    const debtor = this.account(t.debtorAccount);
    const creditor = this.account(t.creditorAccount);
    c.ids[s] = t.id;
    c.purpose[s] = t.purpose;
    c.time[s] = t.timestamp;
    c.amount[s] = t.amount;
    // As the batch table: the source's conversion, else the amount when in dollars, else unknown.
    c.amountUsd[s] = t.amountUsd ?? (t.currency === 'USD' ? t.amount : Number.NaN);
    c.debtor[s] = debtor;
    c.creditor[s] = creditor;
    c.debtorName[s] = t.debtorName === null ? 0 : this.names.id(t.debtorName);
    c.creditorName[s] = t.creditorName === null ? 0 : this.names.id(t.creditorName);
    c.currency[s] = this.currencies.id(t.currency);
    c.channel[s] = t.channel === null ? 0 : this.channels.id(t.channel);
    c.debtorCountry[s] = t.debtorCountry === null ? 0 : this.countries.id(t.debtorCountry);
    c.creditorCountry[s] = t.creditorCountry === null ? 0 : this.countries.id(t.creditorCountry);
    const outs = this.lastOut[debtor >> ACCOUNT_BITS] as F64;
    const ins = this.lastIn[creditor >> ACCOUNT_BITS] as F64;
    c.prevOut[s] = outs[debtor & ACCOUNT_MASK] as number;
    c.prevIn[s] = ins[creditor & ACCOUNT_MASK] as number;
    outs[debtor & ACCOUNT_MASK] = seq;
    ins[creditor & ACCOUNT_MASK] = seq;
    if (t.timestamp > this.watermark) this.watermark = t.timestamp;
    this.evict();
    return seq;
  }

  /**
   * Drops rows from the head while they are older than the retention. Only the head moves, so a
   * late (out-of-order) row waits behind younger ones: state stays a function of arrival order.
   * Each row is evicted once, so the work is O(1) per row added (amortized); a chunk the head
   * leaves is kept for reuse.
   */
  private evict(): void {
    const oldest = this.watermark - this.retentionMs;
    while (this.headSeq < this.tailSeq - 1) {
      const seq = this.headSeq;
      const c = this.chunk(seq);
      const s = seq & ROW_MASK;
      if ((c.time[s] as number) >= oldest) break;
      c.purpose[s] = null;
      this.headSeq++;
      if (s === ROW_MASK) {
        this.chunks[(seq / ROWS_PER_CHUNK) & this.chunkMask] = undefined;
        this.spare.push(c);
      }
    }
  }

  /**
   * Appends the sequence numbers of an account's live rows no older than `since`, newest first,
   * at most `limit` outgoing and `limit` incoming: a hub's window is its latest rows. Returns
   * the new length of `into`, which it fills from index `length`.
   */
  accountRows(account: string, since: number, limit: number, into: F64, length: number): number {
    const id = this.accounts.find(account);
    if (id === undefined) return length;
    const start = id >> ACCOUNT_BITS;
    const k = id & ACCOUNT_MASK;
    length = this.walk((this.lastOut[start] as F64)[k] as number, true, since, limit, into, length);
    return this.walk((this.lastIn[start] as F64)[k] as number, false, since, limit, into, length);
  }

  private walk(start: number, out: boolean, since: number, limit: number, into: F64, length: number): number {
    let seq = start;
    for (let n = 0; seq >= this.headSeq && n < limit; n++) {
      const c = this.chunk(seq);
      const s = seq & ROW_MASK;
      if ((c.time[s] as number) < since) break;
      into[length++] = seq;
      seq = (out ? c.prevOut[s] : c.prevIn[s]) as number;
    }
    return length;
  }
}
