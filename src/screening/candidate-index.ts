import type { MatchingPolicyData } from './policy.js';
import type { LegalFormFeature, NameClass, PreparedName } from './prepare.js';
import { spellingSkeleton, type PhoneticKeys } from './token-similarity.js';
import { fnv1a, GrowableUint32, GrowableUint8 } from './typed-buffers.js';
import type { TokenKind } from './vocabulary.js';

const KINDS: readonly TokenKind[] = ['distinctive', 'generic', 'particle', 'number'];
const CLASSES: readonly NameClass[] = ['person', 'organization', 'vessel', 'unknown'];

/** Blocking key types: seeds for the key hash and the weight a shared key adds to a candidate. */
const KEY = {
  token: { seed: 1, weight: 3 },
  phonetic: { seed: 2, weight: 2 },
  gram: { seed: 3, weight: 1 },
  whole: { seed: 4, weight: 6 },
  deletion: { seed: 5, weight: 2 },
  spelling: { seed: 6, weight: 2 },
} as const;

/** Words this long get typo keys: shorter ones would match too much, longer ones keep grams enough. */
const DELETION_MIN = 4;
const DELETION_MAX = 12;

/**
 * Interned words: each distinct word is stored once, with its kind and phonetic key hash; names
 * are runs of word ids in one Uint32Array. A million names of a few words each stay compact.
 */
class TokenTable {
  readonly ids = new Map<string, number>();
  readonly words: string[] = [];
  readonly skeletons: string[] = [];
  readonly kinds = new GrowableUint8();
  readonly phonetic = new GrowableUint32();

  intern(word: string, kind: TokenKind, phonetic: PhoneticKeys, minLength: number): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
      this.skeletons.push(spellingSkeleton(word));
      this.kinds.push(KINDS.indexOf(kind));
      const key = kind === 'number' || word.length < minLength ? '' : phonetic.of(word)[0];
      this.phonetic.push(key.length === 0 ? 0 : fnv1a(KEY.phonetic.seed, key) || 1);
    }
    return id;
  }
}

/**
 * The blocking keys of one name, with the weight a shared key adds: its words (generic words count
 * like an n-gram), their sounds, character n-grams and the whole set of distinctive words.
 */
function blockingKeys(
  tokens: readonly string[],
  kinds: readonly TokenKind[],
  phoneticHashes: readonly number[],
  n: number,
  out: { hashes: number[]; weights: number[] },
): void {
  out.hashes.length = 0;
  out.weights.length = 0;
  const add = (hash: number, weight: number): void => {
    out.hashes.push(hash);
    out.weights.push(weight);
  };
  const distinctive: string[] = [];
  tokens.forEach((t, i) => {
    const kind = kinds[i];
    if (kind === 'particle') return;
    add(fnv1a(KEY.token.seed, t), kind === 'generic' ? KEY.gram.weight : KEY.token.weight);
    const ph = phoneticHashes[i] ?? 0;
    if (ph !== 0) add(ph, KEY.phonetic.weight);
    if (kind !== 'generic') distinctive.push(t);
    if (kind === 'distinctive') add(fnv1a(KEY.spelling.seed, spellingSkeleton(t)), KEY.spelling.weight);
    // Symmetric deletions: a word and its one-letter deletions share a key with any word one
    // substitution, insertion, deletion or swap away ("Sinopa" / "Siopa" / "Sinpoa").
    if (kind === 'distinctive' && t.length >= DELETION_MIN && t.length <= DELETION_MAX) {
      add(fnv1a(KEY.deletion.seed, t), KEY.deletion.weight);
      for (let d = 0; d < t.length; d++) add(fnv1a(KEY.deletion.seed, t.slice(0, d) + t.slice(d + 1)), KEY.deletion.weight);
    }
  });
  // Grams run across word boundaries so "Abdul Rahman" and "Abdulrahman" share them.
  const joined = tokens.join('');
  for (let i = 0; i + n <= joined.length; i++) add(fnv1a(KEY.gram.seed, joined.slice(i, i + n)), KEY.gram.weight);
  if (joined.length < n && joined.length > 0) add(fnv1a(KEY.gram.seed, joined), KEY.gram.weight);
  if (distinctive.length > 0) add(fnv1a(KEY.whole.seed, distinctive.sort().join(' ')), KEY.whole.weight);
}

/**
 * The blocking keys of one prepared name exactly as the index computes them (hash and weight per
 * key), for callers that block on names outside an index: entity resolution pairs records that
 * share these keys.
 */
export function nameBlockingKeys(
  name: PreparedName,
  policy: MatchingPolicyData,
  phonetic: PhoneticKeys,
  out: { hashes: number[]; weights: number[] },
): void {
  const phon = name.tokens.map((t, i) => {
    if (name.kinds[i] === 'number' || t.length < policy.tokens.phoneticMinLength) return 0;
    const key = phonetic.of(t)[0];
    return key.length === 0 ? 0 : fnv1a(KEY.phonetic.seed, key) || 1;
  });
  blockingKeys(name.tokens, name.kinds, phon, policy.index.ngram, out);
}

export interface IndexStats {
  readonly entities: number;
  readonly names: number;
  readonly distinctWords: number;
  readonly postings: number;
  /** Bytes held by the typed arrays (postings, buckets, name runs); strings not counted. */
  readonly typedBytes: number;
}

/**
 * Collects prepared names for the index. Entities are added in order, each with all its names,
 * so an entity's names are one contiguous range.
 */
export class CandidateIndexBuilder {
  private readonly tokens = new TokenTable();
  private readonly nameTokenStart = new GrowableUint32();
  private readonly nameTokens = new GrowableUint32();
  private readonly nameEntity = new GrowableUint32();
  private readonly nameClass = new GrowableUint8();
  private readonly nameLegalForm = new GrowableUint32();
  /** Where a name's surnames start, plus one (0: order not known). */
  private readonly nameSurnameStart = new GrowableUint8();
  private readonly originals: string[] = [];
  private readonly legalForms: LegalFormFeature[] = [];
  private readonly legalFormIds = new Map<string, number>();
  private readonly entityNameStart = new GrowableUint32();
  private entities = 0;

  constructor(
    private readonly policy: MatchingPolicyData,
    private readonly phonetic: PhoneticKeys,
  ) {}

  /** Adds one entity's names; returns the entity's number in the index. */
  addEntity(names: readonly PreparedName[]): number {
    const entity = this.entities++;
    this.entityNameStart.push(this.originals.length);
    for (const name of names) {
      if (name.tokens.length === 0) continue;
      this.nameTokenStart.push(this.nameTokens.length);
      name.tokens.forEach((t, i) =>
        this.nameTokens.push(
          this.tokens.intern(t, name.kinds[i] ?? 'distinctive', this.phonetic, this.policy.tokens.phoneticMinLength),
        ),
      );
      this.nameEntity.push(entity);
      this.nameClass.push(CLASSES.indexOf(name.nameClass));
      this.nameLegalForm.push(this.legalFormId(name.legalForm));
      this.nameSurnameStart.push(name.surnameStart === null ? 0 : Math.min(255, name.surnameStart + 1));
      this.originals.push(name.original);
    }
    return entity;
  }

  private legalFormId(form: LegalFormFeature | null): number {
    if (form === null) return 0;
    const key = `${form.type}|${form.text}`;
    let id = this.legalFormIds.get(key);
    if (id === undefined) {
      this.legalForms.push(form);
      id = this.legalForms.length;
      this.legalFormIds.set(key, id);
    }
    return id;
  }

  build(): CandidateIndex {
    const names = this.originals.length;
    this.nameTokenStart.push(this.nameTokens.length);
    this.entityNameStart.push(names);
    const tokenStart = this.nameTokenStart.toArray();
    const nameTokens = this.nameTokens.toArray();
    const bucketBits = this.policy.index.bucketBits;
    const mask = (1 << bucketBits) - 1;
    const n = this.policy.index.ngram;
    const counts = new Uint32Array(mask + 2);
    const scratch = { hashes: [] as number[], weights: [] as number[] };
    const keysOf = (name: number): number[] => {
      const start = tokenStart[name] ?? 0;
      const end = tokenStart[name + 1] ?? 0;
      const words: string[] = [];
      const kinds: TokenKind[] = [];
      const phon: number[] = [];
      for (let k = start; k < end; k++) {
        const id = nameTokens[k] ?? 0;
        words.push(this.tokens.words[id] ?? '');
        kinds.push(KINDS[this.tokens.kinds.get(id)] ?? 'distinctive');
        phon.push(this.tokens.phonetic.get(id));
      }
      blockingKeys(words, kinds, phon, n, scratch);
      return [...new Set(scratch.hashes.map((h) => h & mask))];
    };
    // Two passes (count, then fill) build the postings in place: no array of pairs in between.
    for (let name = 0; name < names; name++) for (const b of keysOf(name)) counts[b + 1] = (counts[b + 1] ?? 0) + 1;
    const offsets = new Uint32Array(mask + 2);
    for (let b = 0; b <= mask; b++) offsets[b + 1] = (offsets[b] ?? 0) + (counts[b + 1] ?? 0);
    const postings = new Uint32Array(offsets[mask + 1] ?? 0);
    const fill = offsets.slice(0, mask + 1);
    for (let name = 0; name < names; name++)
      for (const b of keysOf(name)) {
        const at = fill[b] ?? 0;
        postings[at] = name;
        fill[b] = at + 1;
      }
    return new CandidateIndex({
      policy: this.policy,
      phonetic: this.phonetic,
      tokens: {
        words: this.tokens.words,
        skeletons: this.tokens.skeletons,
        kinds: this.tokens.kinds.toArray(),
        phonetic: this.tokens.phonetic.toArray(),
      },
      tokenStart,
      nameTokens,
      nameEntity: this.nameEntity.toArray(),
      nameClass: this.nameClass.toArray(),
      nameLegalForm: this.nameLegalForm.toArray(),
      nameSurnameStart: this.nameSurnameStart.toArray(),
      originals: this.originals,
      legalForms: this.legalForms,
      entityNameStart: this.entityNameStart.toArray(),
      offsets,
      postings,
    });
  }
}

/** The interned words of a built index, one entry per word id. */
export interface TokenColumns {
  readonly words: readonly string[];
  readonly skeletons: readonly string[];
  /** Index into the token kinds ('distinctive', 'generic', 'particle', 'number'). */
  readonly kinds: Uint8Array;
  /** Hashed phonetic key of each word (0: none). */
  readonly phonetic: Uint32Array;
}

/** Everything a built index holds except the policy and phonetic memo (see index-codec.ts). */
export interface IndexData {
  readonly tokens: TokenColumns;
  readonly tokenStart: Uint32Array;
  readonly nameTokens: Uint32Array;
  readonly nameEntity: Uint32Array;
  readonly nameClass: Uint8Array;
  readonly nameLegalForm: Uint32Array;
  readonly nameSurnameStart: Uint8Array;
  readonly originals: readonly string[];
  readonly legalForms: readonly LegalFormFeature[];
  readonly entityNameStart: Uint32Array;
  /** Hashed blocking key (bucket) → range of `postings` holding name numbers. */
  readonly offsets: Uint32Array;
  readonly postings: Uint32Array;
}

interface IndexParts extends IndexData {
  readonly policy: MatchingPolicyData;
  readonly phonetic: PhoneticKeys;
}

/**
 * Blocking over a list of names: a query reaches only names sharing rare keys with it (a word, a
 * word's sound, character n-grams, the whole set of distinctive words). Keys are hashed into a
 * fixed table of buckets (a collision only adds a candidate, never loses one); postings are one
 * Uint32Array. Rare keys are read first and each query reads a bounded number of postings, so a
 * common name ("Mohammed Ali") costs no more than a rare one. Every part is a typed array or a
 * string list, ready to be persisted as blobs.
 */
export class CandidateIndex {
  private readonly scores: Float32Array;
  private readonly touched: Uint32Array;

  constructor(private readonly parts: IndexParts) {
    this.scores = new Float32Array(parts.originals.length);
    this.touched = new Uint32Array(Math.max(1, parts.policy.index.postingBudget + 1024));
  }

  /** An index over data saved earlier; the policy must be the one it was built with. */
  static fromData(data: IndexData, policy: MatchingPolicyData, phonetic: PhoneticKeys): CandidateIndex {
    if (data.offsets.length !== (1 << policy.index.bucketBits) + 1)
      throw new Error(`index data has ${data.offsets.length - 1} buckets, the policy asks for ${1 << policy.index.bucketBits}`);
    return new CandidateIndex({ ...data, policy, phonetic });
  }

  /** The index's arrays and string lists, for persisting (shared, not copied: do not modify). */
  data(): IndexData {
    const p = this.parts;
    return {
      tokens: p.tokens,
      tokenStart: p.tokenStart,
      nameTokens: p.nameTokens,
      nameEntity: p.nameEntity,
      nameClass: p.nameClass,
      nameLegalForm: p.nameLegalForm,
      nameSurnameStart: p.nameSurnameStart,
      originals: p.originals,
      legalForms: p.legalForms,
      entityNameStart: p.entityNameStart,
      offsets: p.offsets,
      postings: p.postings,
    };
  }

  get entityCount(): number {
    return this.parts.entityNameStart.length - 1;
  }

  get nameCount(): number {
    return this.parts.originals.length;
  }

  stats(): IndexStats {
    const p = this.parts;
    const typed = [
      p.tokenStart,
      p.nameTokens,
      p.nameEntity,
      p.nameClass,
      p.nameLegalForm,
      p.nameSurnameStart,
      p.entityNameStart,
      p.tokens.kinds,
      p.tokens.phonetic,
      p.offsets,
      p.postings,
    ];
    return {
      entities: this.entityCount,
      names: this.nameCount,
      distinctWords: p.tokens.words.length,
      postings: p.postings.length,
      typedBytes: typed.reduce((s, a) => s + a.byteLength, 0),
    };
  }

  /** A listed name rebuilt from its interned words. */
  preparedName(name: number): PreparedName {
    const p = this.parts;
    const start = p.tokenStart[name] ?? 0;
    const end = p.tokenStart[name + 1] ?? 0;
    const tokens: string[] = [];
    const kinds: TokenKind[] = [];
    const skeletons: string[] = [];
    for (let k = start; k < end; k++) {
      const id = p.nameTokens[k] ?? 0;
      tokens.push(p.tokens.words[id] ?? '');
      skeletons.push(p.tokens.skeletons[id] ?? '');
      kinds.push(KINDS[p.tokens.kinds[id] ?? 0] ?? 'distinctive');
    }
    const legal = p.nameLegalForm[name] ?? 0;
    const surnames = p.nameSurnameStart[name] ?? 0;
    return {
      original: p.originals[name] ?? '',
      nameClass: CLASSES[p.nameClass[name] ?? 3] ?? 'unknown',
      tokens,
      kinds,
      legalForm: legal === 0 ? null : (p.legalForms[legal - 1] ?? null),
      surnameStart: surnames === 0 ? null : surnames - 1,
      skeletons,
    };
  }

  /** Every indexed name of an entity, prepared. */
  entityNames(entity: number): PreparedName[] {
    const start = this.parts.entityNameStart[entity] ?? 0;
    const end = this.parts.entityNameStart[entity + 1] ?? 0;
    const out: PreparedName[] = [];
    for (let name = start; name < end; name++) out.push(this.preparedName(name));
    return out;
  }

  /**
   * The entities whose names share the most (weighted) rare keys with the query's names, best
   * first, at most `maxCandidates` names' worth.
   */
  candidates(query: readonly PreparedName[]): number[] {
    const p = this.parts;
    const mask = p.offsets.length - 2;
    const n = p.policy.index.ngram;
    const total = this.nameCount;
    if (total === 0) return [];
    const buckets = new Map<number, number>();
    const scratch = { hashes: [] as number[], weights: [] as number[] };
    for (const name of query) {
      const phon = name.tokens.map((t, i) => {
        const kind = name.kinds[i];
        if (kind === 'number' || t.length < p.policy.tokens.phoneticMinLength) return 0;
        const key = p.phonetic.of(t)[0];
        return key.length === 0 ? 0 : fnv1a(KEY.phonetic.seed, key) || 1;
      });
      blockingKeys(name.tokens, name.kinds, phon, n, scratch);
      scratch.hashes.forEach((h, i) => {
        const b = h & mask;
        buckets.set(b, Math.max(buckets.get(b) ?? 0, scratch.weights[i] ?? 0));
      });
    }
    const ordered = [...buckets.entries()]
      .map(([b, w]) => ({ b, w, df: (p.offsets[b + 1] ?? 0) - (p.offsets[b] ?? 0) }))
      .filter((k) => k.df > 0)
      .sort((x, y) => x.df - y.df);
    let budget = p.policy.index.postingBudget;
    let touchedCount = 0;
    const { scores, touched } = this;
    const { offsets, postings } = p;
    for (const k of ordered) {
      if (k.df > budget) continue;
      budget -= k.df;
      const idf = k.w * Math.log(1 + total / k.df);
      const end = offsets[k.b + 1] ?? 0;
      for (let i = offsets[k.b] ?? 0; i < end; i++) {
        const name = postings[i] ?? 0;
        const score = scores[name] ?? 0;
        if (score === 0) touched[touchedCount++] = name;
        scores[name] = score + idf;
      }
    }
    const best = topK(touched, touchedCount, scores, p.policy.index.maxCandidates);
    for (let i = 0; i < touchedCount; i++) scores[touched[i] ?? 0] = 0;
    const entities: number[] = [];
    const seen = new Set<number>();
    for (const name of best) {
      const e = p.nameEntity[name] ?? 0;
      if (!seen.has(e)) {
        seen.add(e);
        entities.push(e);
      }
    }
    return entities;
  }
}

/**
 * The k highest-scoring names among those touched, best first (a small min-heap). The heap
 * reads scores straight from the typed array: it runs over thousands of touched names per query.
 */
function topK(touched: Uint32Array, count: number, scores: Float32Array, k: number): number[] {
  const heap: number[] = [];
  const at = (i: number): number => scores[heap[i] ?? 0] ?? 0;
  for (let i = 0; i < count; i++) {
    const name = touched[i] ?? 0;
    const score = scores[name] ?? 0;
    if (heap.length < k) {
      heap.push(name);
      for (let j = heap.length - 1; j > 0;) {
        const parent = (j - 1) >> 1;
        if (at(parent) <= at(j)) break;
        const swap = heap[parent] ?? 0;
        heap[parent] = heap[j] ?? 0;
        heap[j] = swap;
        j = parent;
      }
    } else if (score > at(0)) {
      heap[0] = name;
      // Sift down.
      for (let j = 0; ;) {
        const l = 2 * j + 1;
        const r = l + 1;
        let m = j;
        if (l < heap.length && at(l) < at(m)) m = l;
        if (r < heap.length && at(r) < at(m)) m = r;
        if (m === j) break;
        const swap = heap[j] ?? 0;
        heap[j] = heap[m] ?? 0;
        heap[m] = swap;
        j = m;
      }
    }
  }
  return heap.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
}
