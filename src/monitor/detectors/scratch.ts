/** Tables up to this many rows or accounts reuse a kept buffer; a batch table's millions get their own. */
const KEEP = 1 << 16;

/**
 * An Int32Array a detector reuses from one run to the next. The streaming monitor runs every
 * detector once per transaction over a neighbourhood of a few dozen rows, and a fresh typed
 * array each run (a zero-filled store outside the heap, freed only by the collector) cost more
 * than the work done in it. The array is the caller's until its next `zeroed`: detectors run one
 * at a time and never re-enter, so each keeps its own.
 */
export class Int32Scratch {
  private kept = new Int32Array(64);

  /** At least `n` entries, the first `n` zero (it may be longer: index it, do not read its length). */
  zeroed(n: number): Int32Array {
    if (n > KEEP) return new Int32Array(n);
    if (this.kept.length < n) this.kept = new Int32Array(Math.max(n, 2 * this.kept.length));
    else this.kept.fill(0, 0, n);
    return this.kept;
  }
}

/**
 * The distinct values of `column` over `rows`, in order of first appearance (as
 * `[...new Set(rows.map((i) => column[i]))]`), marking them in `marks`, which must be zero at
 * `column`'s values and is left so.
 */
export function distinctOf(rows: readonly number[], column: Int32Array, marks: Int32Array): number[] {
  const out: number[] = [];
  for (const i of rows) {
    const v = column[i] as number;
    if (marks[v] === 0) {
      marks[v] = 1;
      out.push(v);
    }
  }
  for (const v of out) marks[v] = 0;
  return out;
}
