// Shared by the batch table and the streaming window: both intern every row's accounts, names,
// currencies, channels and countries.
/**
 * Strings to dense ids. An open-addressing table over an FNV-1a hash of the characters, with the
 * hashes kept beside the slots: interning millions of fresh strings (every row's two accounts)
 * costs about half what a Map does, which has to hash and chain them its own way.
 */
export class Interner {
  readonly values: string[] = [];
  private readonly hashes: number[] = [];
  private slots = new Int32Array(1 << 10).fill(-1);
  private slotHashes = new Int32Array(1 << 10);

  constructor(first?: string) {
    if (first !== undefined) this.id(first);
  }

  private static hash(value: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
    return h;
  }

  /** The slot holding `value`, or the empty slot where it would go. */
  private slotOf(value: string, h: number): number {
    const mask = this.slots.length - 1;
    let i = h & mask;
    for (;;) {
      const v = this.slots[i] as number;
      if (v < 0 || (this.slotHashes[i] === h && this.values[v] === value)) return i;
      i = (i + 1) & mask;
    }
  }

  /** The id of `value`, or undefined when it was never interned. */
  find(value: string): number | undefined {
    const v = this.slots[this.slotOf(value, Interner.hash(value))] as number;
    return v < 0 ? undefined : v;
  }

  id(value: string): number {
    const h = Interner.hash(value);
    const i = this.slotOf(value, h);
    const found = this.slots[i] as number;
    if (found >= 0) return found;
    const id = this.values.length;
    this.values.push(value);
    this.hashes.push(h);
    this.slots[i] = id;
    this.slotHashes[i] = h;
    if (this.values.length * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    const mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    this.slotHashes = new Int32Array(size);
    for (let v = 0; v < this.values.length; v++) {
      const h = this.hashes[v] as number;
      let i = h & mask;
      while ((this.slots[i] as number) >= 0) i = (i + 1) & mask;
      this.slots[i] = v;
      this.slotHashes[i] = h;
    }
  }
}
