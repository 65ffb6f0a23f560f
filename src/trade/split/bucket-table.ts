import { mix32 } from '../fold.js';

/**
 * Aggregates of one (party key, time window) bucket, in parallel typed arrays: a few dozen
 * bytes per bucket instead of an object per bucket, so millions of consignees stay compact.
 * Keys are 53-bit hashes in an open-addressing table (linear probing, 0 = empty).
 */
export class BucketTable {
  private keys: Float64Array;
  private slots: Int32Array;
  private mask: number;
  private used = 0;

  /** Dense per-bucket columns, indexed by the bucket number `upsert` returns. */
  parcels = new Uint32Array(1024);
  lowValueCount = new Uint32Array(1024);
  lowValueUsd = new Float64Array(1024);
  /** Smallest positive threshold among the bucket's low-value parcels. */
  minThreshold = new Float64Array(1024);
  kg = new Float64Array(1024);
  chemical = new Uint32Array(1024);
  /** Hash of the first parcel's description and how many parcels share it. */
  firstDescription = new Float64Array(1024);
  sameDescription = new Uint32Array(1024);
  /** Findings, set by the split detector once every row is in (bits of SPLIT_FLAGS). */
  flags = new Uint8Array(1024);

  constructor(initialSlots = 1 << 12) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, initialSlots)));
    this.keys = new Float64Array(size);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.used;
  }

  /** Approximate bytes held, for the benchmark's memory account. */
  bytes(): number {
    return this.keys.byteLength + this.slots.byteLength + this.parcels.length * 53;
  }

  private slotOf(key: number): number {
    let i = mix32((key / 0x200000) ^ key) & this.mask;
    for (;;) {
      const k = this.keys[i] as number;
      if (k === key || k === 0) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** The bucket of a key, or -1. */
  find(key: number): number {
    const i = this.slotOf(key);
    return this.keys[i] === key ? (this.slots[i] as number) : -1;
  }

  /** The bucket of a key, created empty when new. */
  upsert(key: number): number {
    let i = this.slotOf(key);
    if (this.keys[i] === key) return this.slots[i] as number;
    if ((this.used + 1) * 10 > this.keys.length * 7) {
      this.rehash();
      i = this.slotOf(key);
    }
    const bucket = this.used++;
    this.keys[i] = key;
    this.slots[i] = bucket;
    if (bucket >= this.parcels.length) this.growColumns();
    this.minThreshold[bucket] = Infinity;
    return bucket;
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.slots = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const k = oldKeys[j] as number;
      if (k === 0) continue;
      const i = this.slotOf(k);
      this.keys[i] = k;
      this.slots[i] = oldSlots[j] as number;
    }
  }

  private growColumns(): void {
    const n = this.parcels.length * 2;
    const grow = <T extends Uint32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.parcels = grow(this.parcels, (k) => new Uint32Array(k));
    this.lowValueCount = grow(this.lowValueCount, (k) => new Uint32Array(k));
    this.lowValueUsd = grow(this.lowValueUsd, (k) => new Float64Array(k));
    this.minThreshold = grow(this.minThreshold, (k) => new Float64Array(k));
    this.kg = grow(this.kg, (k) => new Float64Array(k));
    this.chemical = grow(this.chemical, (k) => new Uint32Array(k));
    this.firstDescription = grow(this.firstDescription, (k) => new Float64Array(k));
    this.sameDescription = grow(this.sameDescription, (k) => new Uint32Array(k));
    this.flags = grow(this.flags, (k) => new Uint8Array(k));
  }
}

/** The key of a (party key hash, window) bucket: a 53-bit mix, never 0 (0 marks an empty slot). */
export function bucketKey(keyHash: number, window: number): number {
  const hi = mix32(Math.floor(keyHash / 0x200000) ^ Math.imul(window, 0x9e3779b1));
  const lo = mix32((keyHash % 0x200000) ^ Math.imul(window + 0x632be5ab, 0x85ebca6b));
  return hi * 0x200000 + (lo & 0x1fffff) || 1;
}
