import { doubleMetaphone } from 'double-metaphone';
import { distance } from 'fastest-levenshtein';
import type { MatchingPolicyData } from './policy.js';

/** How two name parts were found to match: the fixed vocabulary of explanations. */
export type MatchHow = 'exact' | 'spelling' | 'edit' | 'phonetic' | 'joined' | 'initial';

export interface TokenSimilarity {
  readonly similarity: number;
  readonly how: MatchHow;
}

const NO_MATCH: TokenSimilarity = { similarity: 0, how: 'exact' };
const EXACT: TokenSimilarity = { similarity: 1, how: 'exact' };

/** Edits tolerated for a word of this length (a typo in "Li" is another name). */
export function allowedEdits(length: number, p: MatchingPolicyData['tokens']): number {
  let edits = 0;
  for (const step of p.maxEdits) if (length >= step.minLength) edits = step.edits;
  return edits;
}

/**
 * Phonetic keys memoised per word: double metaphone costs microseconds and a screening run
 * meets the same words again and again. The memo is bounded so a long run cannot grow it forever.
 */
export class PhoneticKeys {
  private readonly memo = new Map<string, readonly [string, string]>();
  constructor(private readonly capacity = 200_000) {}

  of(word: string): readonly [string, string] {
    let keys = this.memo.get(word);
    if (keys === undefined) {
      if (this.memo.size >= this.capacity) this.memo.clear();
      const [primary, secondary] = doubleMetaphone(word);
      keys = [primary, secondary];
      this.memo.set(word, keys);
    }
    return keys;
  }

  /** True when any key of one equals any key of the other. */
  agree(a: string, b: string): boolean {
    const [a1, a2] = this.of(a);
    const [b1, b2] = this.of(b);
    return a1.length > 0 && (a1 === b1 || a1 === b2 || (a2.length > 0 && (a2 === b1 || a2 === b2)));
  }
}

/**
 * A word's spelling skeleton: the letters transliteration systems disagree on folded together
 * (y/i, w/v, c/k/q, z/s, ph/f, kh/h, dj/j, ou/u, ee/i, doubled letters), so "Ly"/"Li",
 * "Talic"/"Talik", "Azot"/"Asot", "Djoe"/"Joe" and "Lu'ay"/"Lu'ai" meet.
 */
export function spellingSkeleton(word: string): string {
  let skeleton = skeletons.get(word);
  if (skeleton === undefined) {
    // Bounded so a long run over ever-new words cannot grow it without limit.
    if (skeletons.size >= SKELETON_MEMO_SIZE) skeletons.clear();
    skeleton = computeSkeleton(word);
    skeletons.set(word, skeleton);
  }
  return skeleton;
}

/**
 * Ten regular-expression passes per word cost more than the rest of a comparison, and screening
 * meets the same words again and again: the skeleton is a pure function of the word, so it is
 * memoised.
 */
const SKELETON_MEMO_SIZE = 200_000;
const skeletons = new Map<string, string>();

function computeSkeleton(word: string): string {
  return word
    .replace(/ph/g, 'f')
    .replace(/[cq]/g, 'k')
    .replace(/([kgd])h/g, '$1')
    .replace(/dj|dzh|zh/g, 'j')
    .replace(/ou|oo/g, 'u')
    .replace(/y/g, 'i')
    .replace(/ee|ie/g, 'i')
    .replace(/w/g, 'v')
    .replace(/z/g, 's')
    .replace(/(.)\1+/g, '$1');
}

/** True when b is a with two adjacent letters swapped: one slip of the fingers, one edit. */
export function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Edit-distance similarity when within the tolerance for the shorter word, else 0: the share of
 * the longer word left intact. For short words it is squared: one edit in a four- or five-letter
 * word ("Zhou"/"Zhao", "Zhang"/"Zheng") is much weaker evidence than one in a ten-letter word, and
 * short names are where different people differ by a letter. An adjacent swap counts as one edit.
 */
export function editSimilarity(a: string, b: string, p: MatchingPolicyData['tokens']): number {
  if (a === b) return 1;
  const shorter = Math.min(a.length, b.length);
  const longer = Math.max(a.length, b.length);
  const allowed = allowedEdits(shorter, p);
  if (longer - shorter > allowed) return 0;
  // A swap of two letters is the commonest slip and rarely turns one real name into another: not squared.
  if (isTransposition(a, b)) return allowed >= 1 ? 1 - 1 / longer : 0;
  const d = distance(a, b);
  if (d > allowed) return 0;
  const kept = 1 - d / longer;
  return shorter <= p.shortWordLength ? kept * kept : kept;
}

/**
 * Similarity of two words: identical, within a few edits, or sounding alike (double metaphone).
 * Numbers match only exactly: "Ocean Star 1" and "Ocean Star 2" are two ships.
 */
export function tokenSimilarity(
  a: string,
  b: string,
  p: MatchingPolicyData['tokens'],
  phonetic: PhoneticKeys,
  skeletonA: string = spellingSkeleton(a),
  skeletonB: string = spellingSkeleton(b),
): TokenSimilarity {
  if (a === b) return EXACT;
  if (isDigit(a.charCodeAt(0)) || isDigit(b.charCodeAt(0))) {
    if (/^\d+$/.test(a) || /^\d+$/.test(b)) return NO_MATCH;
  }
  if (skeletonA === skeletonB) return { similarity: p.spellingSimilarity, how: 'spelling' };
  const edit = editSimilarity(a, b, p);
  if (
    edit < p.phoneticSimilarity &&
    a.length >= p.phoneticMinLength &&
    b.length >= p.phoneticMinLength &&
    a[0] === b[0] &&
    Math.abs(a.length - b.length) <= 2 &&
    phonetic.agree(a, b)
  )
    return { similarity: p.phoneticSimilarity, how: 'phonetic' };
  return edit > 0 ? { similarity: edit, how: 'edit' } : NO_MATCH;
}

/**
 * Whether two words are at most `edits` apart, a swap of neighbours counting as one edit: the
 * test for a misspelt vocabulary word ("Compnay", "Indutries").
 */
export function withinEdits(a: string, b: string, edits: number): boolean {
  if (Math.abs(a.length - b.length) > edits) return false;
  return isTransposition(a, b) || distance(a, b) <= edits;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
