import type { Transaction } from '../../model/index.js';
import { AccountRings, INCOMING, OUTGOING, type Direction } from './account-rings.js';
import { Dictionary } from './dictionary.js';

type F64 = Float64Array<ArrayBuffer>;

/** Rows per chunk of the window: 2^15 rows are about 3 MB (64-byte records, id bytes and purposes). */
const ROW_BITS = 15;
const ROWS_PER_CHUNK = 1 << ROW_BITS;
const ROW_MASK = ROWS_PER_CHUNK - 1;

/** Transaction ids kept decoded by `WindowState.id` (a power of two). */
const ID_CACHE = 1 << 15;

/** Bytes per row in a chunk's record buffer: one cache line. */
const RECORD_BYTES = 64;
/** Float64 slots of a row's record (index `s * F64_STRIDE + field`). */
export const F64_STRIDE = RECORD_BYTES / 8;
export const TIME = 0;
export const AMOUNT = 1;
export const AMOUNT_USD = 2;
/** Int32 slots (index `s * I32_STRIDE + field`), after five floats (the last two free). */
export const I32_STRIDE = RECORD_BYTES / 4;
export const DEBTOR = 10;
export const CREDITOR = 11;
export const DEBTOR_NAME = 12;
export const CREDITOR_NAME = 13;
/** Uint16 slots (index `s * U16_STRIDE + field`), the last eight bytes. */
export const U16_STRIDE = RECORD_BYTES / 2;
export const CURRENCY = 28;
export const CHANNEL = 29;
export const DEBTOR_COUNTRY = 30;
export const CREDITOR_COUNTRY = 31;

/**
 * A fixed block of `ROWS_PER_CHUNK` consecutive rows. A row's numbers (the batch table's
 * columns, interned) are one 64-byte record, so reading a row is one
 * cache line, not one per column: the rows of a decision's neighbourhood are scattered over the
 * whole window (megabytes), and with a typed array per column building the neighbourhood table
 * took a cache miss per column and row, the largest single cost of a decision once the window
 * outgrew the cache. Ids are bytes and purposes strings, kept beside. Rows are addressed within a
 * chunk by `seq & ROW_MASK`.
 */
export class RowChunk {
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
  private readonly buffer = new ArrayBuffer(ROWS_PER_CHUNK * RECORD_BYTES);
  /** The records seen as floats, int32s and uint16s (slots above). */
  readonly f64 = new Float64Array(this.buffer);
  readonly i32 = new Int32Array(this.buffer);
  readonly u16 = new Uint16Array(this.buffer);

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

  time(s: number): number {
    return this.f64[s * F64_STRIDE + TIME] as number;
  }
  amount(s: number): number {
    return this.f64[s * F64_STRIDE + AMOUNT] as number;
  }
}

/** The slot of a sequence number within its chunk (exact for any safe integer: `&` keeps the low 32 bits). */
export function rowOffset(seq: number): number {
  return seq & ROW_MASK;
}

/**
 * The monitor's memory: every transaction of the last `retentionMs` (by transaction time), in
 * columnar chunks indexed by sequence number (the same interned columns as the batch table), and
 * per account and direction the sequence numbers of its latest rows (`AccountRings`), so an
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
    const f = s * F64_STRIDE;
    const i = s * I32_STRIDE;
    const u = s * U16_STRIDE;
    c.f64[f + TIME] = t.timestamp;
    c.f64[f + AMOUNT] = t.amount;
    // As the batch table: the source's conversion, else the amount when in dollars, else unknown.
    c.f64[f + AMOUNT_USD] = t.amountUsd ?? (t.currency === 'USD' ? t.amount : Number.NaN);
    c.i32[i + DEBTOR] = debtor;
    c.i32[i + CREDITOR] = creditor;
    c.i32[i + DEBTOR_NAME] = t.debtorName === null ? 0 : this.names.id(t.debtorName);
    c.i32[i + CREDITOR_NAME] = t.creditorName === null ? 0 : this.names.id(t.creditorName);
    c.u16[u + CURRENCY] = this.currencies.id(t.currency);
    c.u16[u + CHANNEL] = t.channel === null ? 0 : this.channels.id(t.channel);
    c.u16[u + DEBTOR_COUNTRY] = t.debtorCountry === null ? 0 : this.countries.id(t.debtorCountry);
    c.u16[u + CREDITOR_COUNTRY] = t.creditorCountry === null ? 0 : this.countries.id(t.creditorCountry);
    this.rings.push(debtor, OUTGOING, seq);
    this.rings.push(creditor, INCOMING, seq);
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
      if (c.time(s) >= oldest) break;
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
   * (`runEnds[2a]`) and incoming run (`runEnds[2a + 1]`), each newest first, is noted there.
   */
  neighbourRows(
    ids: Int32Array,
    k: number,
    since: number,
    limit: number,
    into: F64,
    length: number,
    runEnds?: Int32Array,
  ): number {
    if (limit > this.maxAccountRows) throw new Error(`at most ${this.maxAccountRows} rows per account, asked for ${limit}`);
    for (let a = 0; a < k; a++) {
      length = this.recent(ids[a] as number, OUTGOING, since, limit, into, length);
      if (runEnds !== undefined) runEnds[2 * a] = length;
      length = this.recent(ids[a] as number, INCOMING, since, limit, into, length);
      if (runEnds !== undefined) runEnds[2 * a + 1] = length;
    }
    return length;
  }

  /** One ring's live rows, newest first, up to the first older than `since` (a late row stops the read as it would a scan). */
  private recent(id: number, direction: Direction, since: number, limit: number, into: F64, length: number): number {
    const start = length;
    const end = this.rings.collect(id, direction, this.headSeq, limit, into, length);
    for (let j = start; j < end; j++) {
      const seq = into[j] as number;
      if (this.chunk(seq).time(seq & ROW_MASK) < since) return j;
    }
    return end;
  }
}
