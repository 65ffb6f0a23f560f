/**
 * Tests of a table's dictionary values (channels, countries, names) made once per value rather
 * than once per row. Rows hold dictionary ids; a detector that asked `set.has(row.channel(t, i))`
 * for every row of every account hashed a string per row. The streaming monitor's tables share
 * the window's dictionaries (the same arrays, only ever appended to), so the answers are kept
 * per list and only the values added since are tested again.
 */

interface Kept {
  values: readonly string[];
  mask: Uint8Array;
  tested: number;
}

/** Per member list (a detector's parsed params), the mask of the values it was last asked for. */
const masks = new WeakMap<readonly string[], Kept>();

/**
 * 1 at each index of `values` whose value is one of `members`, 0 elsewhere; as long as
 * `values` (at least). The caller must not write to it.
 */
export function memberMask(values: readonly string[], members: readonly string[]): Uint8Array {
  let kept = masks.get(members);
  if (kept?.values !== values) {
    kept = { values, mask: new Uint8Array(Math.max(16, values.length)), tested: 0 };
    masks.set(members, kept);
  }
  if (kept.tested < values.length) {
    if (kept.mask.length < values.length) {
      const grown = new Uint8Array(2 * values.length);
      grown.set(kept.mask);
      kept.mask = grown;
    }
    for (let k = kept.tested; k < values.length; k++) kept.mask[k] = members.includes(values[k] as string) ? 1 : 0;
    kept.tested = values.length;
  }
  return kept.mask;
}

/** A predicate over a dictionary's values (a name looks like a company's), tested once per value. */
export class ValueTest {
  private values: readonly string[] = [];
  /** 0 untested, 1 false, 2 true. */
  private answers = new Uint8Array(64);

  constructor(private readonly test: (value: string) => boolean) {}

  /** The test of `values[id]`. */
  at(values: readonly string[], id: number): boolean {
    if (values !== this.values) {
      this.values = values;
      this.answers = new Uint8Array(Math.max(64, values.length));
    }
    if (id >= this.answers.length) {
      const grown = new Uint8Array(Math.max(2 * this.answers.length, id + 1));
      grown.set(this.answers);
      this.answers = grown;
    }
    let answer = this.answers[id] as number;
    if (answer === 0) this.answers[id] = answer = this.test(values[id] as string) ? 2 : 1;
    return answer === 2;
  }
}
