import type { Transaction } from '../../model/index.js';
import { AccountRings, INCOMING, OUTGOING } from './account-rings.js';
import { Dictionary } from './dictionary.js';
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
  Records,
  SEQ,
  TIME,
} from './records.js';

type F64 = Float64Array<ArrayBuffer>;

/** Rows per chunk of the window: 2^15 rows are about 1 MB (18 bytes of columns, id bytes and purposes). */
const ROW_BITS = 15;
const ROWS_PER_CHUNK = 1 << ROW_BITS;
const ROW_MASK = ROWS_PER_CHUNK - 1;

/** Transaction ids kept decoded by `WindowState.id` (a power of two). */
const ID_CACHE = 1 << 15;

/**
 * A fixed block of `ROWS_PER_CHUNK` consecutive rows: what the window needs of a row after the
 * rings took copies of its record (`records.ts`): its time (eviction), its accounts and creditor
 * country (the decided row's neighbourhood, the mirror-swap legs), its id as bytes and its
 * purpose. The records themselves live only in the rings: a decision reads its neighbourhood
 * from there, and a chunk of records was 2 MB that nothing read any more. Rows are addressed
 * within a chunk by `seq & ROW_MASK`.
 */
export class RowChunk {
  readonly time = new Float64Array(ROWS_PER_CHUNK);
  /** Window ids of the payer's and payee's accounts, and the creditor's country (dictionary id). */
  readonly debtor = new Int32Array(ROWS_PER_CHUNK);
  readonly creditor = new Int32Array(ROWS_PER_CHUNK);
  readonly creditorCountry = new Uint16Array(ROWS_PER_CHUNK);
  /**
   * Transaction ids as UTF-8 bytes, row after row (row `s` ends at `idEnds[s]`), not as a string
   * per row: hundreds of thousands of live id strings were most of what each major GC had to
   * mark, and, promoted at every row, half of what filled the old generation between them. On a
   * two-core machine the marking slowed decisions three- to fivefold for a tenth of a second,
   * every few seconds. Read back only for a reason's evidence.
   */
  private idBytes = Buffer.allocUnsafeSlow(ROWS_PER_CHUNK * 16);
  private readonly idEnds = new Int32Array(ROWS_PER_CHUNK);
  /**
   * Purposes by row, made when the chunk's first purpose is written: payments mostly carry none,
   * and an array of 2^15 nulls per chunk was 256 KB of the heap for every full GC to scan (a
   * reader of a chunk without one loads nothing either: no cache miss per row read).
   */
  private purposes: (string | null)[] | undefined;

  purpose(s: number): string | null {
    return this.purposes === undefined ? null : (this.purposes[s] as string | null);
  }

  setPurpose(s: number, purpose: string | null): void {
    if (purpose !== null) (this.purposes ??= new Array<string | null>(ROWS_PER_CHUNK).fill(null))[s] = purpose;
    else if (this.purposes !== undefined) this.purposes[s] = null;
  }

  /** Forgets the purposes (the head has left the chunk; it is reused from row 0). */
  clearPurposes(): void {
    this.purposes = undefined;
  }

  /** Stores row `s`'s id. Rows are written in order from 0 (a reused chunk starts over at 0). */
  setId(s: number, id: string): void {
    const start = s === 0 ? 0 : (this.idEnds[s - 1] as number);
    // At most three bytes per UTF-16 unit; the bytes grow like an array, but only the ids are copied.
    if (start + 3 * id.length > this.idBytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.idBytes.length, start + 3 * id.length));
      this.idBytes.copy(grown, 0, 0, start);
      this.idBytes = grown;
    }
    const bytes = this.idBytes;
    let end = start;
    // Ids are mostly ASCII: byte by byte, without a call into the encoder.
    for (let k = 0; k < id.length; k++) {
      const code = id.charCodeAt(k);
      if (code >= 0x80) {
        end = start + bytes.write(id, start, 'utf8');
        break;
      }
      bytes[end++] = code;
    }
    this.idEnds[s] = end;
  }

  id(s: number): string {
    return this.idBytes.toString('utf8', s === 0 ? 0 : this.idEnds[s - 1], this.idEnds[s]);
  }
}

/** The slot of a sequence number within its chunk (exact for any safe integer: `&` keeps the low 32 bits). */
export function rowOffset(seq: number): number {
  return seq & ROW_MASK;
}

/**
 * The monitor's memory: every transaction of the last `retentionMs` (by transaction time), in
 * chunks indexed by sequence number (time, accounts, id, purpose), and per account and direction
 * the records of its latest rows (`AccountRings`: the batch table's interned columns), so an
 * account's window is read newest first in O(rows read) and adding a row is O(1). Rows leave
 * from the head once older than the retention.
 *
 * Growth never copies rows: the window is a ring of fixed-size chunks, a chunk is taken (from
 * those the head has left behind, else new) when the tail reaches it, and only the small table
 * of chunk references ever doubles; the account rings live in slabs allocated whole. A ring
 * that doubled its columns stalled decisions for 15 ms and more at 2^19 rows.
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
  // Room for a million accounts from the start (12 MB): growing the store stalls a decision.
  readonly accounts = new Dictionary(undefined, { incremental: true, capacity: 1 << 20 });
  readonly names = new Dictionary('', { incremental: true });
  readonly currencies = new Dictionary();
  readonly channels = new Dictionary('');
  readonly countries = new Dictionary('');
  /** Each account's latest outgoing and incoming rows, as many as an account's read may ask for. */
  private readonly rings: AccountRings;
  /** The record of the row being added. */
  private readonly record = new Records(1);
  private readonly cachedSeqs = new Float64Array(ID_CACHE).fill(-1);
  private readonly cachedIds = new Array<string>(ID_CACHE).fill('');
  /** Latest transaction time seen: the stream's clock. */
  watermark = Number.NEGATIVE_INFINITY;
  /** Chunks allocated so far (the rest were reused): for the pause report. */
  chunksAllocated = 0;

  /** `maxAccountRows`: the most rows per account and direction a read may ask for (`neighbourRows`' limit). */
  constructor(
    readonly retentionMs: number,
    readonly maxAccountRows = 64,
  ) {
    this.rings = new AccountRings(maxAccountRows);
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

  /** The chunk holding live row `seq` (read its columns at `rowOffset(seq)`). */
  chunk(seq: number): RowChunk {
    return this.chunks[(seq / ROWS_PER_CHUNK) & this.chunkMask] as RowChunk;
  }

  /**
   * The transaction id of live row `seq`, from a small cache of the ids read lately: a hub's
   * latest rows are the evidence of decision after decision, and decoding each again was a
   * cache miss and a new string every time. A sequence number names one row forever, so a
   * cached id is never stale; the cache holds at most `ID_CACHE` strings.
   */
  id(seq: number): string {
    const k = seq & (ID_CACHE - 1);
    if (this.cachedSeqs[k] === seq) return this.cachedIds[k] as string;
    const id = this.chunk(seq).id(seq & ROW_MASK);
    this.cachedSeqs[k] = seq;
    this.cachedIds[k] = id;
    return id;
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
    const debtor = this.accounts.id(t.debtorAccount);
    const creditor = this.accounts.id(t.creditorAccount);
    c.setId(s, t.id);
    c.setPurpose(s, t.purpose);
    const country = t.creditorCountry === null ? 0 : this.countries.id(t.creditorCountry);
    c.time[s] = t.timestamp;
    c.debtor[s] = debtor;
    c.creditor[s] = creditor;
    c.creditorCountry[s] = country;
    // The record, written once here and copied into the payer's and the payee's rings.
    const r = this.record;
    r.f64[TIME] = t.timestamp;
    r.f64[AMOUNT] = t.amount;
    // As the batch table: the source's conversion, else the amount when in dollars, else unknown.
    r.f64[AMOUNT_USD] = t.amountUsd ?? (t.currency === 'USD' ? t.amount : Number.NaN);
    r.f64[SEQ] = seq;
    r.i32[DEBTOR] = debtor;
    r.i32[CREDITOR] = creditor;
    r.i32[DEBTOR_NAME] = t.debtorName === null ? 0 : this.names.id(t.debtorName);
    r.i32[CREDITOR_NAME] = t.creditorName === null ? 0 : this.names.id(t.creditorName);
    r.u16[CURRENCY] = this.currencies.id(t.currency);
    r.u16[CHANNEL] = t.channel === null ? 0 : this.channels.id(t.channel);
    r.u16[DEBTOR_COUNTRY] = t.debtorCountry === null ? 0 : this.countries.id(t.debtorCountry);
    r.u16[CREDITOR_COUNTRY] = country;
    this.rings.push(debtor, OUTGOING, r.i32, 0);
    this.rings.push(creditor, INCOMING, r.i32, 0);
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
      this.headSeq++;
      if (s === ROW_MASK) {
        this.chunks[(seq / ROWS_PER_CHUNK) & this.chunkMask] = undefined;
        c.clearPurposes();
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
    return id === undefined ? length : this.neighbourRows(Int32Array.of(id), 1, since, limit, into, length);
  }

  /**
   * As `accountRows` for each of `ids[0..k)`, by their dictionary ids (a row's `DEBTOR` or
   * `CREDITOR`): no lookup by key. With `runEnds`, the end of each account's outgoing run
   * (`runEnds[2a]`) and incoming run (`runEnds[2a + 1]`), each newest first, is noted there;
   * with `records`, each row's record is copied there at the index of its sequence number in `into`.
   */
  neighbourRows(
    ids: Int32Array,
    k: number,
    since: number,
    limit: number,
    into: F64,
    length: number,
    runEnds?: Int32Array,
    records?: Records,
  ): number {
    if (limit > this.maxAccountRows) throw new Error(`at most ${this.maxAccountRows} rows per account, asked for ${limit}`);
    for (let a = 0; a < k; a++) {
      const id = ids[a] as number;
      length = this.rings.collect(id, OUTGOING, this.headSeq, since, limit, into, records, length);
      if (runEnds !== undefined) runEnds[2 * a] = length;
      length = this.rings.collect(id, INCOMING, this.headSeq, since, limit, into, records, length);
      if (runEnds !== undefined) runEnds[2 * a + 1] = length;
    }
    return length;
  }
}
