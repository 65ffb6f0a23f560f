import { distance } from 'fastest-levenshtein';
import type { Matcher } from '../screening/index.js';
import type { Field, ResolutionPolicyData } from './policy.js';
import { FIELDS } from './policy.js';
import type { RecordTable } from './record-table.js';

/**
 * Comparison levels per field: the fixed vocabulary of a pair's evidence. Level 0 is always
 * "missing" (either side lacks the field) and weighs nothing; the others are learnt.
 */
export const LEVELS: Readonly<Record<Field, readonly string[]>> = {
  name: ['missing', 'exact', 'close', 'partial', 'different'],
  address: ['missing', 'exact', 'close', 'different'],
  date: ['missing', 'exact', 'close', 'different'],
  identifier: ['missing', 'exact', 'different'],
  country: ['missing', 'exact', 'different'],
  phone: ['missing', 'exact', 'close', 'different'],
  email: ['missing', 'exact', 'close', 'different'],
};

export const FIELD_COUNT = FIELDS.length;
const NAME_CACHE_LIMIT = 4_000_000;

/**
 * Compares two records field by field into level codes. Name scores come from the screening
 * matcher (token alignment, transliteration, legal forms as types, distinctive words deciding) and
 * are memoised per pair of distinct names: common names meet each other again and again.
 */
export class PairComparer {
  private readonly nameCache = new Map<number, number>();
  private readonly addressSets: (ReadonlySet<string> | undefined)[] = [];
  /** Per distinct name: its folded words, sorted (names spelled alike share it). */
  private readonly nameKey: string[];
  /** Records carrying each folded name. */
  private readonly nameKeyCount = new Map<string, number>();

  constructor(
    readonly table: RecordTable,
    readonly matcher: Matcher,
    readonly policy: ResolutionPolicyData,
  ) {
    this.nameKey = table.names.map((n) => [...n.tokens].sort().join(' '));
    for (let r = 0; r < table.size; r++) {
      const seen = new Set<string>();
      for (let i = table.nameStart[r] ?? 0; i < (table.nameStart[r + 1] ?? 0); i++)
        seen.add(this.nameKey[table.nameIds[i] ?? 0] ?? '');
      for (const k of seen) this.nameKeyCount.set(k, (this.nameKeyCount.get(k) ?? 0) + 1);
    }
  }

  /**
   * Share of records carrying the rarest name two records have in common (0 when none): "Wang
   * Wei" agreeing is weaker evidence than "Xiaoming Zhuravlev" agreeing (term frequency).
   */
  sharedNameShare(a: number, b: number): number {
    const t = this.table;
    let rarest = 0;
    for (let i = t.nameStart[a] ?? 0; i < (t.nameStart[a + 1] ?? 0); i++)
      for (let j = t.nameStart[b] ?? 0; j < (t.nameStart[b + 1] ?? 0); j++) {
        const ka = this.nameKey[t.nameIds[i] ?? 0] ?? '';
        if (ka !== this.nameKey[t.nameIds[j] ?? 0]) continue;
        const count = this.nameKeyCount.get(ka) ?? 0;
        if (rarest === 0 || count < rarest) rarest = count;
      }
    // The pair itself carries the name once over: what counts is how many others do.
    return Math.max(0, rarest - 1) / Math.max(1, t.size);
  }

  /** Best name score (0..1) over both records' names, and whether two names were identical. */
  nameScore(a: number, b: number): number {
    const t = this.table;
    let best = -1;
    for (let i = t.nameStart[a] ?? 0; i < (t.nameStart[a + 1] ?? 0); i++)
      for (let j = t.nameStart[b] ?? 0; j < (t.nameStart[b + 1] ?? 0); j++) {
        const x = t.nameIds[i] ?? 0;
        const y = t.nameIds[j] ?? 0;
        if (x === y) return 2;
        const key = x < y ? x * 16_777_216 + y : y * 16_777_216 + x;
        let s = this.nameCache.get(key);
        if (s === undefined) {
          const na = t.names[x];
          const nb = t.names[y];
          s =
            na === undefined || nb === undefined
              ? 0
              : sameTokens(na.tokens, nb.tokens)
                ? 2
                : this.matcher.compareNames(na, nb).score;
          if (this.nameCache.size >= NAME_CACHE_LIMIT) this.nameCache.clear();
          this.nameCache.set(key, s);
        }
        if (s > best) best = s;
      }
    return best;
  }

  /** Writes the level of every field for records a and b into out[at .. at + FIELD_COUNT). */
  compare(a: number, b: number, out: Uint8Array, at: number): void {
    const t = this.table;
    const p = this.policy.levels;
    const ns = this.nameScore(a, b);
    out[at] = ns < 0 ? 0 : ns >= 2 ? 1 : ns >= p.nameClose ? 2 : ns >= p.namePartial ? 3 : 4;
    out[at + 1] = this.address(t.address[a] ?? 0, t.address[b] ?? 0);
    out[at + 2] = compareDates(t.date[a] ?? 0, t.date[b] ?? 0, p.dateYearTolerance);
    out[at + 3] = this.identifiers(a, b);
    const ca = t.country[a] ?? 0;
    const cb = t.country[b] ?? 0;
    out[at + 4] = ca === 0 || cb === 0 ? 0 : ca === cb ? 1 : 2;
    out[at + 5] = this.phone(t.phone[a] ?? 0, t.phone[b] ?? 0);
    out[at + 6] = this.email(t.email[a] ?? 0, t.email[b] ?? 0);
  }

  private address(a: number, b: number): number {
    if (a === 0 || b === 0) return 0;
    if (a === b) return 1;
    const sa = this.addressSet(a);
    const sb = this.addressSet(b);
    let shared = 0;
    for (const w of sa) if (sb.has(w)) shared++;
    const jaccard = shared / (sa.size + sb.size - shared);
    return jaccard >= this.policy.levels.addressClose ? 2 : 3;
  }

  private addressSet(id: number): ReadonlySet<string> {
    let set = this.addressSets[id];
    if (set === undefined) {
      set = new Set(this.table.addresses[id] ?? []);
      this.addressSets[id] = set;
    }
    return set;
  }

  private identifiers(a: number, b: number): number {
    const t = this.table;
    const a0 = t.identifierStart[a] ?? 0;
    const a1 = t.identifierStart[a + 1] ?? 0;
    const b0 = t.identifierStart[b] ?? 0;
    const b1 = t.identifierStart[b + 1] ?? 0;
    if (a0 === a1 || b0 === b1) return 0;
    for (let i = a0; i < a1; i++) for (let j = b0; j < b1; j++) if (t.identifierIds[i] === t.identifierIds[j]) return 1;
    return 2;
  }

  private phone(a: number, b: number): number {
    if (a === 0 || b === 0) return 0;
    if (a === b) return 1;
    const n = this.policy.levels.phoneDigits;
    const pa = (this.table.phones[a] ?? '').slice(-n);
    const pb = (this.table.phones[b] ?? '').slice(-n);
    if (pa === pb) return 1;
    return pa.length === pb.length && distance(pa, pb) <= 1 ? 2 : 3;
  }

  private email(a: number, b: number): number {
    if (a === 0 || b === 0) return 0;
    if (a === b) return 1;
    const ea = this.table.emails[a] ?? '';
    const eb = this.table.emails[b] ?? '';
    const la = ea.slice(0, ea.lastIndexOf('@'));
    const lb = eb.slice(0, eb.lastIndexOf('@'));
    // The same mailbox name at another provider, or a one-letter slip, is close.
    return (la === lb && la.length >= 4) || distance(ea, eb) <= 1 ? 2 : 3;
  }
}

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((t, i) => t === y[i]);
}

/**
 * Dates: exact when equal at the precision both give; close when one is less precise but agrees,
 * when day and month are swapped, or when only the year differs by at most the tolerance (a typo,
 * a different calendar); different otherwise.
 */
export function compareDates(a: number, b: number, yearTolerance: number): number {
  if (a === 0 || b === 0) return 0;
  if (a === b) return 1;
  const ya = Math.floor(a / 10_000);
  const yb = Math.floor(b / 10_000);
  const ma = Math.floor(a / 100) % 100;
  const mb = Math.floor(b / 100) % 100;
  const da = a % 100;
  const db = b % 100;
  if (ya === yb) {
    if (ma === 0 || mb === 0) return 2;
    if (ma === mb && (da === 0 || db === 0)) return 2;
    if (ma === db && da === mb) return 2;
    return 3;
  }
  return Math.abs(ya - yb) <= yearTolerance && ma === mb && da === db ? 2 : 3;
}
