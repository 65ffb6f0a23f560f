import { nameBlockingKeys, type Matcher } from '../screening/index.js';
import { GrowableUint32 } from '../screening/index.js';
import type { ResolutionPolicyData } from './policy.js';
import type { RecordTable } from './record-table.js';

/**
 * Blocking: records meet only when they share rare keys. Name keys are the screening candidate
 * index's own (words, their sounds, spelling skeletons, one-letter deletions, the set of
 * distinctive words; its character n-grams and generic words are too common to pair on); the
 * other fields add exact keys (identifier, e-mail, phone, full date, address). Keys are hashed
 * into a fixed table of buckets (a collision only adds a candidate), postings are one Uint32Array.
 */

/** Key seeds and weights of the non-name keys; name keys bring their own weights (2 to 6). */
const FIELD_KEY = {
  identifier: { seed: 101, weight: 8 },
  email: { seed: 102, weight: 6 },
  phone: { seed: 103, weight: 5 },
  date: { seed: 104, weight: 2 },
  address: { seed: 105, weight: 5 },
} as const;
/**
 * What sharing all of a record's name keys is worth. A name brings many correlated keys (a word,
 * its sound, its spelling skeleton, each of its one-letter deletions), so name keys count as the
 * share of the record's name-key mass held in common, not as a sum: one shared first name is
 * half a name, not ten keys.
 */
const NAME_SCORE = 6;
/** Marks name keys in the weight byte. */
const NAME_FLAG = 0x80;
/** Name keys below this weight (n-grams, generic words) are left out. */
const MIN_NAME_KEY_WEIGHT = 2;

function fnv1a(seed: number, s: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface CandidatePairs {
  /** Record numbers, a[k] < b[k]. */
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly stats: BlockingStats;
}

export interface BlockingStats {
  readonly keys: number;
  readonly postingsRead: number;
  /** Keys skipped because too many records share them. */
  readonly keysSkipped: number;
  readonly pairs: number;
}

/** Each record's keys as (bucket, weight) runs, one weight per bucket (the highest). */
function recordKeys(
  table: RecordTable,
  matcher: Matcher,
  policy: ResolutionPolicyData,
): { start: Uint32Array; bucket: Uint32Array; weight: Uint8Array } {
  const mask = (1 << policy.blocking.bucketBits) - 1;
  const start = new Uint32Array(table.size + 1);
  const bucket = new GrowableUint32(table.size * 16);
  const weights: number[] = [];
  const scratch = { hashes: [] as number[], weights: [] as number[] };
  // Name keys depend only on the name: computed once per distinct name.
  const nameKeys = new Map<number, { b: Uint32Array; w: Uint8Array }>();
  const keysOfName = (id: number): { b: Uint32Array; w: Uint8Array } => {
    let k = nameKeys.get(id);
    if (k === undefined) {
      const name = table.names[id];
      const b: number[] = [];
      const w: number[] = [];
      if (name !== undefined) {
        nameBlockingKeys(name, matcher.policy.data, matcher.context.phonetic, scratch);
        scratch.hashes.forEach((h, i) => {
          const weight = scratch.weights[i] ?? 0;
          if (weight >= MIN_NAME_KEY_WEIGHT) {
            b.push(h & mask);
            w.push(weight | NAME_FLAG);
          }
        });
      }
      k = { b: Uint32Array.from(b), w: Uint8Array.from(w) };
      nameKeys.set(id, k);
    }
    return k;
  };
  const local = new Map<number, number>();
  const put = (b: number, w: number): void => {
    const had = local.get(b);
    // A field key colliding with a name key stays a field key.
    if (had === undefined || (had & ~NAME_FLAG) < (w & ~NAME_FLAG)) local.set(b, w);
  };
  for (let r = 0; r < table.size; r++) {
    local.clear();
    for (let i = table.nameStart[r] ?? 0; i < (table.nameStart[r + 1] ?? 0); i++) {
      const k = keysOfName(table.nameIds[i] ?? 0);
      for (let j = 0; j < k.b.length; j++) put(k.b[j] ?? 0, k.w[j] ?? 0);
    }
    for (let i = table.identifierStart[r] ?? 0; i < (table.identifierStart[r + 1] ?? 0); i++)
      put(
        fnv1a(FIELD_KEY.identifier.seed, table.identifiers[table.identifierIds[i] ?? 0] ?? '') & mask,
        FIELD_KEY.identifier.weight,
      );
    const email = table.email[r] ?? 0;
    if (email !== 0) put(fnv1a(FIELD_KEY.email.seed, table.emails[email] ?? '') & mask, FIELD_KEY.email.weight);
    const phone = table.phone[r] ?? 0;
    if (phone !== 0)
      put(
        fnv1a(FIELD_KEY.phone.seed, (table.phones[phone] ?? '').slice(-policy.levels.phoneDigits)) & mask,
        FIELD_KEY.phone.weight,
      );
    const date = table.date[r] ?? 0;
    if (date % 100 !== 0) put(fnv1a(FIELD_KEY.date.seed, String(date)) & mask, FIELD_KEY.date.weight);
    const address = table.address[r] ?? 0;
    if (address !== 0) put(fnv1a(FIELD_KEY.address.seed, String(address)) & mask, FIELD_KEY.address.weight);
    start[r] = bucket.length;
    for (const [b, w] of local) {
      bucket.push(b);
      weights.push(w);
    }
  }
  start[table.size] = bucket.length;
  return { start, bucket: bucket.toArray(), weight: Uint8Array.from(weights) };
}

/**
 * Candidate pairs: each record reads the postings of its rarer keys (rarest first, within a
 * budget; keys shared by more than `maxKeyFrequency` records are skipped), scores the later
 * records it meets by Σ weight × rarity (rarity = log(1 + N/df) / log(1 + N), in (0, 1]; name keys
 * as a share of the record's name-key mass, see NAME_SCORE) and
 * keeps the best `maxCandidates` scoring at least `minKeyScore`. Each pair is produced once,
 * from its lower record.
 */
export function candidatePairs(table: RecordTable, matcher: Matcher, policy: ResolutionPolicyData): CandidatePairs {
  const p = policy.blocking;
  const n = table.size;
  const keys = recordKeys(table, matcher, policy);
  const buckets = 1 << p.bucketBits;
  const offsets = new Uint32Array(buckets + 1);
  for (let k = 0; k < keys.bucket.length; k++) {
    const at = (keys.bucket[k] ?? 0) + 1;
    offsets[at] = (offsets[at] ?? 0) + 1;
  }
  for (let b = 0; b < buckets; b++) offsets[b + 1] = (offsets[b + 1] ?? 0) + (offsets[b] ?? 0);
  const postings = new Uint32Array(keys.bucket.length);
  const fill = offsets.slice(0, buckets);
  // Records are visited in order, so every posting list is sorted by record number.
  for (let r = 0; r < n; r++)
    for (let k = keys.start[r] ?? 0; k < (keys.start[r + 1] ?? 0); k++) {
      const b = keys.bucket[k] ?? 0;
      postings[fill[b] ?? 0] = r;
      fill[b] = (fill[b] ?? 0) + 1;
    }
  const logN = Math.log(1 + n);
  const score = new Float32Array(n);
  const touched = new Uint32Array(p.postingBudget + 1);
  const outA = new GrowableUint32(n * 2);
  const outB = new GrowableUint32(n * 2);
  let postingsRead = 0;
  let keysSkipped = 0;
  const order: { b: number; df: number; w: number }[] = [];
  const chosen: number[] = [];
  const rarity = (df: number): number => Math.log(1 + n / Math.max(1, df)) / logN;
  for (let r = 0; r < n; r++) {
    order.length = 0;
    let nameMass = 0;
    for (let k = keys.start[r] ?? 0; k < (keys.start[r + 1] ?? 0); k++) {
      const b = keys.bucket[k] ?? 0;
      const df = (offsets[b + 1] ?? 0) - (offsets[b] ?? 0);
      const w = keys.weight[k] ?? 0;
      if ((w & NAME_FLAG) !== 0) nameMass += (w & ~NAME_FLAG) * rarity(df);
      if (df <= 1) continue;
      if (df > p.maxKeyFrequency) {
        keysSkipped++;
        continue;
      }
      order.push({ b, df, w });
    }
    order.sort((x, y) => x.df - y.df);
    let budget = p.postingBudget;
    let count = 0;
    for (const k of order) {
      const from = offsets[k.b] ?? 0;
      const to = offsets[k.b + 1] ?? 0;
      // Postings are sorted: jump past the records before r with a binary search.
      let lo = from;
      let hi = to;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((postings[mid] ?? 0) <= r) lo = mid + 1;
        else hi = mid;
      }
      if (to - lo > budget) continue;
      budget -= to - lo;
      postingsRead += to - lo;
      const isName = (k.w & NAME_FLAG) !== 0;
      const add = isName ? (NAME_SCORE * (k.w & ~NAME_FLAG) * rarity(k.df)) / nameMass : k.w * rarity(k.df);
      for (let i = lo; i < to; i++) {
        const other = postings[i] ?? 0;
        if (score[other] === 0) touched[count++] = other;
        score[other] = (score[other] ?? 0) + add;
      }
    }
    chosen.length = 0;
    for (let i = 0; i < count; i++) {
      const other = touched[i] ?? 0;
      if ((score[other] ?? 0) >= p.minKeyScore) chosen.push(other);
    }
    if (chosen.length > p.maxCandidates) chosen.sort((x, y) => (score[y] ?? 0) - (score[x] ?? 0) || x - y);
    for (let i = 0; i < Math.min(chosen.length, p.maxCandidates); i++) {
      outA.push(r);
      outB.push(chosen[i] ?? 0);
    }
    for (let i = 0; i < count; i++) score[touched[i] ?? 0] = 0;
  }
  return {
    a: outA.toArray(),
    b: outB.toArray(),
    stats: { keys: keys.bucket.length, postingsRead, keysSkipped, pairs: outA.length },
  };
}
