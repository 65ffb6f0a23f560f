// Shared by the batch table and the streaming window: both intern every row's accounts, names,
// currencies, channels and countries.

export interface InternerOptions {
  /**
   * Spread each doubling of the table over the inserts that follow it (a few entries moved per
   * insert) instead of rehashing everything at once. The stream needs it: rehashing 2^19
   * accounts at once stalled a decision for about 15 ms. The batch table does not (one pass, no
   * latency bound), and the plain rehash is slightly cheaper overall.
   */
  readonly incremental?: boolean;
  /**
   * Ids held without growing (incremental tables only; default 2^16). A JavaScript array grows
   * by copying itself whole, at half again its size: at 170,000 accounts that copy stalled one
   * decision for about 14 ms, at every growth step. The values are kept in a store of this size
   * made at start (filled, so V8 keeps it a plain array) and only doubled past it.
   */
  readonly capacity?: number;
}

/** Entries moved from the old table to the new one per insert while an incremental rehash runs. */
const MOVES_PER_INSERT = 8;

/**
 * Strings to dense ids. An open-addressing table over an FNV-1a hash of the characters, with the
 * hashes kept beside the slots: interning millions of fresh strings (every row's two accounts)
 * costs about half what a Map does, which has to hash and chain them its own way. Slots hold
 * id + 1 (0 is empty), so a new table needs no filling.
 *
 * An incremental rehash keeps the old table until every id interned before the doubling has been
 * moved (ids are moved in order, `moved` of `toMove` so far): a lookup that misses in the new
 * table looks in the old one, which still holds every id below `toMove`.
 */
export class Interner {
  /**
   * The values by id. An incremental table's store is larger than its count (`size`); entries
   * past it are ''. Read it by id only.
   */
  values: string[];
  private hashes: Int32Array;
  /** How many values are interned. */
  size = 0;
  private slots = new Int32Array(1 << 10);
  private slotHashes = new Int32Array(1 << 10);
  private oldSlots: Int32Array | undefined;
  private oldHashes: Int32Array | undefined;
  private moved = 0;
  private toMove = 0;
  private readonly incremental: boolean;
  /** Times the table doubled: for the stream's pause report. */
  rehashes = 0;

  constructor(first?: string, options: InternerOptions = {}) {
    this.incremental = options.incremental === true;
    const capacity = this.incremental ? Math.max(16, options.capacity ?? 1 << 16) : 0;
    this.values = new Array<string>(capacity).fill('');
    this.hashes = new Int32Array(Math.max(16, capacity));
    if (first !== undefined) this.id(first);
  }

  private static hash(value: string): number {
    // As an int32 from the start: the empty string's hash is the offset basis itself, which must
    // compare equal to what the Int32Array of hashes keeps.
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
    return h;
  }

  /** The slot of `slots` holding `value`, or the empty slot where it would go. */
  private slotOf(slots: Int32Array, hashes: Int32Array, value: string, h: number): number {
    const mask = slots.length - 1;
    let i = h & mask;
    for (;;) {
      const v = slots[i] as number;
      if (v === 0 || (hashes[i] === h && this.values[v - 1] === value)) return i;
      i = (i + 1) & mask;
    }
  }

  /** The id of `value` in the old table of a running rehash, or -1. */
  private findOld(value: string, h: number): number {
    if (this.oldSlots === undefined || this.oldHashes === undefined) return -1;
    return (this.oldSlots[this.slotOf(this.oldSlots, this.oldHashes, value, h)] as number) - 1;
  }

  /** The id of `value`, or undefined when it was never interned. */
  find(value: string): number | undefined {
    const h = Interner.hash(value);
    const v = (this.slots[this.slotOf(this.slots, this.slotHashes, value, h)] as number) - 1;
    if (v >= 0) return v;
    const old = this.findOld(value, h);
    return old >= 0 ? old : undefined;
  }

  id(value: string): number {
    const h = Interner.hash(value);
    const i = this.slotOf(this.slots, this.slotHashes, value, h);
    const found = (this.slots[i] as number) - 1;
    if (found >= 0) return found;
    if (this.oldSlots !== undefined) {
      const old = this.findOld(value, h);
      if (old >= 0) return old;
    }
    const id = this.size++;
    if (this.incremental) {
      if (id === this.values.length) this.values = doubled(this.values);
      this.values[id] = value;
    } else this.values.push(value);
    if (id === this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[id] = h;
    this.slots[i] = id + 1;
    this.slotHashes[i] = h;
    if (this.oldSlots !== undefined) this.moveSome();
    else if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    this.rehashes++;
    const oldSlots = this.slots;
    const oldHashes = this.slotHashes;
    this.slots = new Int32Array(oldSlots.length * 2);
    this.slotHashes = new Int32Array(oldSlots.length * 2);
    this.moved = 0;
    this.toMove = this.size;
    if (!this.incremental) {
      this.place(this.toMove);
      return;
    }
    // Inserts until the new table is half full again: as many as the ids to move, so moving
    // MOVES_PER_INSERT per insert finishes long before the next doubling.
    this.oldSlots = oldSlots;
    this.oldHashes = oldHashes;
  }

  private moveSome(): void {
    this.place(Math.min(this.toMove, this.moved + MOVES_PER_INSERT));
    if (this.moved === this.toMove) {
      this.oldSlots = undefined;
      this.oldHashes = undefined;
    }
  }

  /** Places ids `moved` to `until - 1` into the current table (they are not in it yet). */
  private place(until: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let v = this.moved; v < until; v++) {
      const h = this.hashes[v] as number;
      let i = h & mask;
      while ((slots[i] as number) !== 0) i = (i + 1) & mask;
      slots[i] = v + 1;
      this.slotHashes[i] = h;
    }
    this.moved = until;
  }
}

/** A store twice the size of `values`, with its entries first and '' after. */
function doubled(values: readonly string[]): string[] {
  const next = new Array<string>(values.length * 2).fill('');
  for (let i = 0; i < values.length; i++) next[i] = values[i] as string;
  return next;
}
