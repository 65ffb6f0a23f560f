import { boundedEditDistance, deletions } from './edit-distance.js';
import type { Token } from './tokenize.js';
import { nameKey } from './tokenize.js';

/** What a name in the index stands for: a chemical (or class), equipment, or a false friend that hides a name. */
export interface IndexedName {
  targetId: string | null;
  kind: string;
  lang: string;
  name: string;
  confidence: number;
}

export interface NameIndex {
  readonly keys: ReadonlyMap<string, readonly IndexedName[]>;
  /** Every prefix of every key: a scan stops at the first token that cannot continue a name. */
  readonly prefixes: ReadonlySet<string>;
  /** Name tokens long enough to be typo targets, and the symmetric-delete map to find them. */
  readonly vocabulary: ReadonlySet<string>;
  readonly deletes: ReadonlyMap<string, readonly string[]>;
}

export interface NameMatch {
  names: readonly IndexedName[];
  firstToken: number;
  lastToken: number;
  /** Sum of the edit distances of corrected tokens; 0 for an exact match. */
  distance: number;
  key: string;
}

/** Typo tolerance only on longer words: one edit from 7 characters, two from 11. */
export const TYPO_MIN_LENGTH = 7;
const maxDistance = (length: number): number => (length >= 11 ? 2 : length >= TYPO_MIN_LENGTH ? 1 : 0);
/** Tokens further apart than this many characters do not form one name. */
const MAX_GAP = 3;

export function buildNameIndex(names: readonly IndexedName[]): NameIndex {
  const keys = new Map<string, IndexedName[]>();
  const prefixes = new Set<string>();
  const vocabulary = new Set<string>();
  for (const n of names) {
    const { key, tokens } = nameKey(n.name);
    if (key.length === 0) continue;
    const list = keys.get(key) ?? [];
    if (!list.some((e) => e.targetId === n.targetId)) list.push(n);
    keys.set(key, list);
    for (let i = 1; i <= key.length; i++) prefixes.add(key.slice(0, i));
    for (const t of tokens) if (t.length >= TYPO_MIN_LENGTH - 1 && !/^\d+$/.test(t)) vocabulary.add(t);
  }
  const deletes = new Map<string, string[]>();
  for (const word of vocabulary) {
    for (const d of deletions(word, maxDistance(word.length + 1))) {
      const list = deletes.get(d) ?? [];
      list.push(word);
      deletes.set(d, list);
    }
  }
  return { keys, prefixes, vocabulary, deletes };
}

/** Every vocabulary word within the allowed distance, closest first (several when they tie). */
export function correctToken(key: string, index: NameIndex): { word: string; distance: number }[] {
  const max = maxDistance(key.length);
  // Vocabulary words are corrected too: "4-piperidine" in an NPP name is a real word but a typo.
  if (max === 0 || /\d/.test(key)) return [];
  const found = new Map<string, number>();
  for (const d of deletions(key, max)) {
    for (const word of index.deletes.get(d) ?? []) {
      if (found.has(word)) continue;
      const distance = boundedEditDistance(key, word, max);
      if (distance <= max && distance > 0) found.set(word, distance);
    }
  }
  if (found.size === 0) return [];
  const best = Math.min(...found.values());
  return [...found].filter(([, d]) => d === best).map(([word, distance]) => ({ word, distance }));
}

type KeyOption = { key: string; distance: number };

/**
 * Longest-first, left-to-right, non-overlapping matches of indexed names over the token stream.
 * `keysOf` gives each token's possible keys (the original, or its corrections) with their edit distance;
 * tokens with several corrections branch, and only branches that stay a name prefix survive.
 */
export function scanNames(
  tokens: readonly Token[],
  index: NameIndex,
  keysOf: (i: number) => readonly KeyOption[],
  skip: (i: number) => boolean = () => false,
): NameMatch[] {
  const out: NameMatch[] = [];
  let i = 0;
  while (i < tokens.length) {
    let best: NameMatch | undefined;
    let states: KeyOption[] = skip(i) ? [] : [{ key: '', distance: 0 }];
    for (let j = i; j < tokens.length && states.length > 0; j++) {
      const tj = tokens[j];
      const prevToken = tokens[j - 1];
      if (tj === undefined || skip(j) || (j > i && prevToken !== undefined && tj.start - prevToken.end > MAX_GAP)) break;
      const next: KeyOption[] = [];
      for (const s of states) {
        for (const k of keysOf(j)) {
          const concat = s.key + k.key;
          if (!index.prefixes.has(concat)) continue;
          const state = { key: concat, distance: s.distance + k.distance };
          next.push(state);
          const names = index.keys.get(concat);
          if (names !== undefined && (best === undefined || best.lastToken < j || state.distance < best.distance)) {
            best = { names, firstToken: i, lastToken: j, distance: state.distance, key: concat };
          }
        }
      }
      states = next;
    }
    if (best !== undefined) {
      out.push(best);
      i = best.lastToken + 1;
    } else i++;
  }
  return out;
}

/**
 * Exact matches first; then, where no accepted exact match covers a token, matches through corrected
 * tokens. `accept` applies the caller's context rules before coverage, so a rejected short name
 * ("4-piperidone" inside "N-phenethly-4-piperidone") leaves its tokens to the typo pass.
 */
export function matchNames(
  tokens: readonly Token[],
  index: NameIndex,
  options: {
    typos: boolean;
    accept: (m: NameMatch) => boolean;
    correct?: (key: string) => readonly { word: string; distance: number }[];
  },
): NameMatch[] {
  const exact = scanNames(tokens, index, (i) => [{ key: tokens[i]?.key ?? '', distance: 0 }]).filter(options.accept);
  if (!options.typos) return exact;
  const covered = new Uint8Array(tokens.length);
  for (const m of exact) covered.fill(1, m.firstToken, m.lastToken + 1);
  const corrections = new Map<number, KeyOption[]>();
  tokens.forEach((t, i) => {
    if (covered[i] === 1 || t.han) return;
    const c = options.correct?.(t.key) ?? correctToken(t.key, index);
    // The token as written stays an option: the typo may be in a neighbouring word.
    if (c.length > 0) corrections.set(i, [{ key: t.key, distance: 0 }, ...c.map((x) => ({ key: x.word, distance: x.distance }))]);
  });
  if (corrections.size === 0) return exact;
  const fuzzy = scanNames(
    tokens,
    index,
    (i) => corrections.get(i) ?? [{ key: tokens[i]?.key ?? '', distance: 0 }],
    (i) => covered[i] === 1,
  ).filter((m) => m.distance > 0 && m.distance <= maxDistance(m.key.length) && options.accept(m));
  return [...exact, ...fuzzy].sort((a, b) => a.firstToken - b.firstToken);
}

/**
 * `correctToken` remembered per word: shipment descriptions reuse a small vocabulary, and correcting a
 * long word costs a few hundred lookups. Bounded; the oldest words are forgotten first.
 */
export function memoisedCorrector(
  index: NameIndex,
  size = 50_000,
): (key: string) => readonly { word: string; distance: number }[] {
  const memo = new Map<string, readonly { word: string; distance: number }[]>();
  return (key) => {
    let c = memo.get(key);
    if (c === undefined) {
      if (key.length < TYPO_MIN_LENGTH) return [];
      c = correctToken(key, index);
      if (memo.size >= size) {
        const oldest = memo.keys().next();
        if (oldest.done !== true) memo.delete(oldest.value);
      }
      memo.set(key, c);
    }
    return c;
  };
}
