/** An append-only Uint32 buffer that doubles when full: building an index without boxing numbers. */
export class GrowableUint32 {
  private data: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Uint32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i] ?? 0;
  }

  /** A right-sized copy; the buffer's spare capacity is released with it. */
  toArray(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

export class GrowableUint8 {
  private data: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Uint8Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint8Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i] ?? 0;
  }

  toArray(): Uint8Array {
    return this.data.slice(0, this.length);
  }
}

/** FNV-1a over a string's UTF-16 code units, seeded per key type so "t:ab" and "p:ab" differ. */
export function fnv1a(seed: number, s: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
