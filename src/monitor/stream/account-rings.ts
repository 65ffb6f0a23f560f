import { copyRecord, F64_STRIDE, I32_STRIDE, Records, SEQ, TIME } from './records.js';

/** Accounts per chunk of ring references (4 int32s each: 256 KB a chunk). */
const ACCOUNT_BITS = 14;
const ACCOUNT_MASK = (1 << ACCOUNT_BITS) - 1;
/** Entries per slab (4 MB of records): a slab is allocated whole and never copied. */
const SLAB_ENTRY_BITS = 16;
/** A reference is `block * CLASSES + sizeClass`; class `c` holds `2 << c` entries. */
const CLASSES = 16;
/** Meta slots per account: the outgoing ring's reference and entries written, then the incoming one's. */
const META = 4;

/** The most entries a ring can keep (so the most rows per account and direction a decision can read). */
export const MAX_RING_CAPACITY = 2 << (CLASSES - 1);

export const OUTGOING = 0;
export const INCOMING = 2;
export type Direction = typeof OUTGOING | typeof INCOMING;

/**
 * Per account and direction (outgoing, incoming), copies of the records of its latest rows, kept
 * contiguous: a ring that starts at two entries and doubles, by copying, up to its cap (the
 * entries asked for, rounded up to a power of two), then overwrites its oldest. Reading an
 * account's recent rows is then a sequential read of one small block.
 *
 * The rings held sequence numbers before, and each row read was then a load of its record from
 * the window: scattered over hundreds of megabytes, a cache and TLB miss per row, and two fifths
 * of a decision's time once the window held millions of rows. The rings are now where the
 * records live: 64 bytes per row and direction (each row in its payer's and its payee's ring,
 * plus the rings' slack), bought for a read that touches a hub's block and nothing else.
 *
 * Blocks live in slabs per size class with a free list, all typed arrays: no object per
 * account for the garbage collector to trace. Entries older than the window's head stay in a
 * ring until overwritten; readers stop at the first one.
 */
export class AccountRings {
  /** Per account (chunked): ring reference (-1 none) and entries written, for each direction. */
  private readonly meta: Int32Array[] = [];
  private readonly slabs: Records[][] = Array.from({ length: CLASSES }, () => []);
  private readonly blocks = new Int32Array(CLASSES);
  private readonly free: number[][] = Array.from({ length: CLASSES }, () => []);
  private readonly topClass: number;

  /** Rings keep at least `entries` entries each (rounded up to a power of two, at most `MAX_RING_CAPACITY`). */
  constructor(entries: number) {
    if (!Number.isInteger(entries) || entries < 1 || entries > MAX_RING_CAPACITY)
      throw new Error(`a ring keeps from 1 to ${MAX_RING_CAPACITY} entries, asked for ${entries}`);
    let top = 0;
    while (2 << top < entries) top++;
    this.topClass = top;
  }

  /** Records row `record` of `source` (whose `SEQ` names it) as the newest of `account`'s rings in `direction`. */
  push(account: number, direction: Direction, source: Int32Array, record: number): void {
    const meta = this.metaOf(account);
    const m = (account & ACCOUNT_MASK) * META + direction;
    let ref = meta[m] as number;
    let written = meta[m + 1] as number;
    if (ref === -1) {
      ref = this.allocate(0);
      meta[m] = ref;
      written = 0;
    } else {
      const c = ref % CLASSES;
      // Full and below the cap: move to a block twice the size. It never wrapped, so entries are in order.
      if (written === 2 << c && c < this.topClass) {
        const next = this.allocate(c + 1);
        const from = this.base(ref) * I32_STRIDE;
        this.slab(next).i32.set(this.slab(ref).i32.subarray(from, from + written * I32_STRIDE), this.base(next) * I32_STRIDE);
        this.free[c]?.push(Math.floor(ref / CLASSES));
        ref = next;
        meta[m] = ref;
      }
    }
    const size = 2 << (ref % CLASSES);
    copyRecord(source, record, this.slab(ref).i32, this.base(ref) + (written & (size - 1)));
    // At the cap a ring only wraps: a count kept within two laps (same slot, still full) never overflows.
    meta[m + 1] = written + 1 === 2 * size ? size : written + 1;
  }

  /**
   * Appends `account`'s entries in `direction`, newest first, to `into` (their sequence numbers)
   * and `records` (their records), both from `length`: at most `limit` (no more than the cap),
   * stopping at the first below `head` or older than `since` (a late row stops the read as it
   * would a scan). Returns the new length.
   */
  collect(
    account: number,
    direction: Direction,
    head: number,
    since: number,
    limit: number,
    into: Float64Array,
    records: Records | undefined,
    length: number,
  ): number {
    const meta = this.meta[account >> ACCOUNT_BITS];
    if (meta === undefined) return length;
    const m = (account & ACCOUNT_MASK) * META + direction;
    const ref = meta[m] as number;
    if (ref === -1) return length;
    const written = meta[m + 1] as number;
    const mask = (2 << (ref % CLASSES)) - 1;
    const slab = this.slab(ref);
    const f64 = slab.f64;
    const base = this.base(ref);
    const n = Math.min(written, mask + 1, limit);
    for (let k = 1; k <= n; k++) {
      const entry = base + ((written - k) & mask);
      const seq = f64[entry * F64_STRIDE + SEQ] as number;
      if (seq < head || (f64[entry * F64_STRIDE + TIME] as number) < since) break;
      into[length] = seq;
      if (records !== undefined) copyRecord(slab.i32, entry, records.i32, length);
      length++;
    }
    return length;
  }

  private metaOf(account: number): Int32Array {
    const chunk = account >> ACCOUNT_BITS;
    while (this.meta.length <= chunk) this.meta.push(new Int32Array((ACCOUNT_MASK + 1) * META).fill(-1));
    return this.meta[chunk] as Int32Array;
  }

  private allocate(c: number): number {
    const reused = this.free[c]?.pop();
    if (reused !== undefined) return reused * CLASSES + c;
    const block = this.blocks[c] as number;
    this.blocks[c] = block + 1;
    const slabs = this.slabs[c] as Records[];
    if (block >> blockBits(c) >= slabs.length) slabs.push(new Records(1 << SLAB_ENTRY_BITS));
    return block * CLASSES + c;
  }

  private slab(ref: number): Records {
    const c = ref % CLASSES;
    return (this.slabs[c] as Records[])[Math.floor(ref / CLASSES) >> blockBits(c)] as Records;
  }

  /** The ring's first entry (record index) within its slab. */
  private base(ref: number): number {
    const c = ref % CLASSES;
    return (Math.floor(ref / CLASSES) & ((1 << blockBits(c)) - 1)) * (2 << c);
  }
}

/** Log2 of the blocks per slab of class `c`: a slab holds `2^SLAB_ENTRY_BITS` entries however large its blocks. */
function blockBits(c: number): number {
  return Math.max(0, SLAB_ENTRY_BITS - c - 1);
}
