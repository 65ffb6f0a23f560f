import type { MatchingPolicyData } from './policy.js';
import { spellingSkeleton } from './token-similarity.js';

/** What a word contributes to a name: distinctive words decide, generic words and particles weigh less. */
export type TokenKind = 'distinctive' | 'generic' | 'particle' | 'number';

export interface LegalFormType {
  readonly type: string;
  readonly label: string;
}

/**
 * The policy's word lists compiled for lookup. Every phrase is keyed by its words joined without
 * spaces, so a phrase matches however it was split: "S.A. de C.V." and "SA de CV", "Hong Kong"
 * and "Hongkong", and Han read as syllables ("浙江" → "zhe jiang" → "zhejiang").
 */
export interface Vocabulary {
  /** Joined variant → canonical words (synonyms, and multi-word generic words and particles). */
  readonly rewrites: ReadonlyMap<string, readonly string[]>;
  readonly generic: ReadonlySet<string>;
  readonly particles: ReadonlySet<string>;
  readonly titles: ReadonlySet<string>;
  /** Joined legal form → its type. */
  readonly legalForms: ReadonlyMap<string, LegalFormType>;
  /** Longest phrase, in words, any dictionary holds: bounds the look-ahead. */
  readonly maxPhraseWords: number;
  readonly maxLegalFormWords: number;
  compatibleForms(a: string, b: string): boolean;
  /** Memo of misspelt-word lookups (word → canonical words, or null when none is near). */
  readonly misspelt: Map<string, readonly string[] | null>;
}

const joined = (phrase: string): string => phrase.replace(/ /g, '');
const wordCount = (phrase: string): number => phrase.split(' ').length;

export function compileVocabulary(p: MatchingPolicyData): Vocabulary {
  const rewrites = new Map<string, readonly string[]>();
  let maxPhraseWords = 1;
  for (const s of p.synonyms) {
    const canonical = s.canonical.split(' ');
    for (const v of s.variants) {
      rewrites.set(joined(v), canonical);
      maxPhraseWords = Math.max(maxPhraseWords, wordCount(v));
    }
  }
  // Multi-word generic words and particles become one word, whatever the spacing.
  for (const phrase of [...p.genericWords, ...p.particles]) {
    if (!phrase.includes(' ')) continue;
    if (!rewrites.has(joined(phrase))) rewrites.set(joined(phrase), [joined(phrase)]);
    maxPhraseWords = Math.max(maxPhraseWords, wordCount(phrase));
  }
  const legalForms = new Map<string, LegalFormType>();
  let maxLegalFormWords = 1;
  for (const f of p.legalForms)
    for (const form of f.forms) {
      legalForms.set(joined(form), { type: f.type, label: f.label });
      maxLegalFormWords = Math.max(maxLegalFormWords, wordCount(form));
    }
  // Every key also answers under its spelling skeleton, so "Komercializadora", "Yndustries" and
  // "Djoint" still read as the words they transliterate.
  const bySkeleton = <V>(map: Map<string, V>): void => {
    for (const [key, value] of [...map]) {
      const skeleton = spellingSkeleton(key);
      if (!map.has(skeleton)) map.set(skeleton, value);
    }
  };
  bySkeleton(rewrites);
  bySkeleton(legalForms);
  const compatible = new Set(p.compatibleLegalForms.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
  return {
    rewrites,
    generic: new Set(p.genericWords.flatMap((w) => [joined(w), spellingSkeleton(joined(w))])),
    particles: new Set(p.particles.map(joined)),
    // Short titles keep one spelling: the skeleton of "col" is that of "Chol", a Korean name.
    titles: new Set(p.personTitles.flatMap((t) => (t.length >= 4 ? [joined(t), spellingSkeleton(joined(t))] : [joined(t)]))),
    legalForms,
    maxPhraseWords,
    maxLegalFormWords,
    compatibleForms: (a, b) => a === b || compatible.has(`${a}|${b}`),
    misspelt: new Map(),
  };
}

export function tokenKind(word: string, vocabulary: Vocabulary): TokenKind {
  if (/^\d+$/.test(word)) return 'number';
  if (vocabulary.generic.has(word) || (word.length >= 4 && vocabulary.generic.has(spellingSkeleton(word)))) return 'generic';
  if (vocabulary.particles.has(word)) return 'particle';
  return 'distinctive';
}
