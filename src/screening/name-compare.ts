import type { MatchingPolicyData } from './policy.js';
import type { PreparedName } from './prepare.js';
import { editSimilarity, tokenSimilarity, type MatchHow, type PhoneticKeys } from './token-similarity.js';
import type { TokenKind, Vocabulary } from './vocabulary.js';

/** One aligned pair of name parts (a part may be several joined words: "Abdul Rahman" ~ "Abdulrahman"). */
export interface PartMatch {
  readonly query: string;
  readonly candidate: string;
  readonly how: MatchHow;
  readonly similarity: number;
  /** Combined weight of both sides: what the pair counts for in the score. */
  readonly weight: number;
}

export type MissingReason = 'missing' | 'middle-name' | 'second-surname';

/** A word of one name with no counterpart in the other. */
export interface PartMissing {
  readonly side: 'query' | 'candidate';
  readonly token: string;
  readonly kind: TokenKind;
  readonly reason: MissingReason;
  readonly cost: number;
}

export type ConflictKind = 'number' | 'generic-word' | 'distinctive-word' | 'legal-form';

/** Both names have a part of the same kind the other lacks: a substitution, stronger evidence against than a gap. */
export interface PartConflict {
  readonly kind: ConflictKind;
  readonly query: string;
  readonly candidate: string;
  readonly penalty: number;
}

export type LegalFormOutcome = 'agrees' | 'compatible' | 'differs' | 'absent';

export interface NameComparison {
  readonly score: number;
  /** Weighted share of matched parts before conflicts and bonuses. */
  readonly base: number;
  readonly queryName: string;
  readonly candidateName: string;
  readonly matches: readonly PartMatch[];
  readonly missing: readonly PartMissing[];
  readonly conflicts: readonly PartConflict[];
  readonly legalForm: { readonly query: string | null; readonly candidate: string | null; readonly outcome: LegalFormOutcome };
}

export interface CompareContext {
  readonly policy: MatchingPolicyData;
  readonly vocabulary: Vocabulary;
  readonly phonetic: PhoneticKeys;
}

function weightOf(kind: TokenKind, p: MatchingPolicyData['tokens']): number {
  switch (kind) {
    case 'distinctive':
      return p.distinctiveWeight;
    case 'generic':
      return p.genericWeight;
    case 'particle':
      return p.particleWeight;
    case 'number':
      return p.numberWeight;
  }
}

interface Pair {
  /** Token positions on each side (several when words were joined). */
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly similarity: number;
  readonly how: MatchHow;
}

/**
 * Pairs words of two names regardless of order, strongest evidence first: identical words, then
 * runs of adjacent words that spell one word of the other name ("zhe jiang" / "Zhejiang",
 * "Abdul Rahman" / "Abdulrahman"), then typos and sound-alikes, then initials (people only).
 */
function align(a: PreparedName, b: PreparedName, ctx: CompareContext, person: boolean): Pair[] {
  const p = ctx.policy.tokens;
  const usedA = new Array<boolean>(a.tokens.length).fill(false);
  const usedB = new Array<boolean>(b.tokens.length).fill(false);
  const pairs: Pair[] = [];
  const take = (ia: readonly number[], ib: readonly number[], similarity: number, how: MatchHow): void => {
    for (const i of ia) usedA[i] = true;
    for (const j of ib) usedB[j] = true;
    pairs.push({ a: ia, b: ib, similarity, how });
  };

  a.tokens.forEach((ta, i) => {
    const j = b.tokens.findIndex((tb, k) => !usedB[k] && tb === ta);
    if (j >= 0) take([i], [j], 1, 'exact');
  });

  const joinInto = (one: PreparedName, oneUsed: boolean[], many: PreparedName, manyUsed: boolean[], oneIsA: boolean): void => {
    one.tokens.forEach((word, i) => {
      if (oneUsed[i] || word.length < 4) return;
      for (let start = 0; start < many.tokens.length; start++) {
        let run = '';
        for (let n = 0; n < p.maxJoinedTokens && start + n < many.tokens.length; n++) {
          if (manyUsed[start + n]) break;
          run += many.tokens[start + n] ?? '';
          if (n === 0 || run.length > word.length + 2) continue;
          const similarity = editSimilarity(word, run, p);
          if (similarity >= p.minPairSimilarity) {
            const runPositions = Array.from({ length: n + 1 }, (_, k) => start + k);
            if (oneIsA) take([i], runPositions, similarity, 'joined');
            else take(runPositions, [i], similarity, 'joined');
            return;
          }
        }
      }
    });
  };
  joinInto(a, usedA, b, usedB, true);
  joinInto(b, usedB, a, usedA, false);

  const fuzzy: { i: number; j: number; similarity: number; how: MatchHow }[] = [];
  a.tokens.forEach((ta, i) => {
    if (usedA[i]) return;
    b.tokens.forEach((tb, j) => {
      if (usedB[j]) return;
      const s = tokenSimilarity(ta, tb, p, ctx.phonetic, a.skeletons[i], b.skeletons[j]);
      if (s.similarity >= p.minPairSimilarity) fuzzy.push({ i, j, ...s });
    });
  });
  fuzzy.sort((x, y) => y.similarity - x.similarity || Math.abs(x.i - x.j) - Math.abs(y.i - y.j));
  for (const f of fuzzy) if (!usedA[f.i] && !usedB[f.j]) take([f.i], [f.j], f.similarity, f.how);

  if (person)
    a.tokens.forEach((ta, i) => {
      if (usedA[i]) return;
      const j = b.tokens.findIndex(
        (tb, k) => !usedB[k] && (ta.length === 1 || tb.length === 1) && ta.length !== tb.length && ta[0] === tb[0],
      );
      if (j >= 0) take([i], [j], p.initialSimilarity, 'initial');
    });
  return pairs;
}

/** Why a word without counterpart costs what it costs: people drop middle names and second surnames. */
function missingReason(name: PreparedName, i: number, matched: readonly boolean[], person: boolean): MissingReason {
  if (!person) return 'missing';
  const surnames = name.surnameStart;
  if (surnames !== null) {
    // Known order: later given names are middle names; of two or more surnames only the last
    // (the Spanish maternal one) is commonly left out, and only next to a surname that matched.
    if (i < surnames) return i > 0 ? 'middle-name' : 'missing';
    // The surname before this one, skipping particles ("Calderon de Trujillo").
    let before = i - 1;
    while (before >= surnames && name.kinds[before] === 'particle') before--;
    let after = i + 1;
    while (after < name.tokens.length && name.kinds[after] === 'particle') after++;
    const trailing = after >= name.tokens.length || (name.kinds[i] === 'particle' && after === name.tokens.length - 1);
    return before >= surnames && matched[before] === true && trailing ? 'second-surname' : 'missing';
  }
  if (name.tokens.length < 3) return 'missing';
  const last = name.tokens.length - 1;
  if (i === last && matched[i - 1] === true) return 'second-surname';
  if (i > 0 && i < last) return 'middle-name';
  return 'missing';
}

function missingFactor(reason: MissingReason, p: MatchingPolicyData['missing']): number {
  if (reason === 'middle-name') return p.personMiddleFactor;
  if (reason === 'second-surname') return p.personTrailingSurnameFactor;
  return p.defaultFactor;
}

function compareLegalForms(a: PreparedName, b: PreparedName, ctx: CompareContext): NameComparison['legalForm'] {
  const query = a.legalForm?.type ?? null;
  const candidate = b.legalForm?.type ?? null;
  if (query === null || candidate === null) return { query, candidate, outcome: 'absent' };
  if (query === candidate) return { query, candidate, outcome: 'agrees' };
  return { query, candidate, outcome: ctx.vocabulary.compatibleForms(query, candidate) ? 'compatible' : 'differs' };
}

/**
 * Compares two prepared names: a weighted share of matched parts (distinctive words weigh most,
 * generic words and particles little, gaps in people's middle names cost less), minus penalties
 * for substitutions (a different number, a different business word), with the legal forms compared
 * as types. The score is in [0, 1] and comes with every part's evidence.
 */
export function compareNames(a: PreparedName, b: PreparedName, ctx: CompareContext): NameComparison {
  const p = ctx.policy;
  const person = a.nameClass === 'person' || b.nameClass === 'person';
  const pairs = align(a, b, ctx, person);
  const matchedA = new Array<boolean>(a.tokens.length).fill(false);
  const matchedB = new Array<boolean>(b.tokens.length).fill(false);
  let matched = 0;
  let total = 0;
  const matches: PartMatch[] = pairs.map((pair) => {
    let weight = 0;
    for (const i of pair.a) {
      matchedA[i] = true;
      weight += weightOf(a.kinds[i] ?? 'distinctive', p.tokens);
    }
    for (const j of pair.b) {
      matchedB[j] = true;
      weight += weightOf(b.kinds[j] ?? 'distinctive', p.tokens);
    }
    matched += pair.similarity * weight;
    total += weight;
    return {
      query: pair.a.map((i) => a.tokens[i]).join(' '),
      candidate: pair.b.map((j) => b.tokens[j]).join(' '),
      how: pair.how,
      similarity: round(pair.similarity),
      weight: round(weight),
    };
  });
  const missing: PartMissing[] = [];
  const collect = (name: PreparedName, used: readonly boolean[], side: PartMissing['side']): void =>
    name.tokens.forEach((token, i) => {
      if (used[i]) return;
      const kind = name.kinds[i] ?? 'distinctive';
      const reason = missingReason(name, i, used, person);
      const cost = weightOf(kind, p.tokens) * missingFactor(reason, p.missing);
      total += cost;
      missing.push({ side, token, kind, reason, cost: round(cost) });
    });
  collect(a, matchedA, 'query');
  collect(b, matchedB, 'candidate');

  const conflicts: PartConflict[] = [];
  const substitution = (kinds: readonly TokenKind[], kind: ConflictKind, penalty: number): void => {
    const q = missing.find((m) => m.side === 'query' && kinds.includes(m.kind));
    const c = missing.find((m) => m.side === 'candidate' && kinds.includes(m.kind));
    if (q !== undefined && c !== undefined) conflicts.push({ kind, query: q.token, candidate: c.token, penalty });
  };
  substitution(['number'], 'number', p.conflicts.numberMismatch);
  substitution(['generic'], 'generic-word', p.conflicts.genericSubstitution);
  substitution(['distinctive'], 'distinctive-word', p.conflicts.distinctiveSubstitution);
  const legalForm = compareLegalForms(a, b, ctx);
  if (legalForm.outcome === 'differs')
    conflicts.push({
      kind: 'legal-form',
      query: legalForm.query ?? '',
      candidate: legalForm.candidate ?? '',
      penalty: p.conflicts.legalFormDiffers,
    });

  const base = total > 0 ? matched / total : 0;
  const bonus = legalForm.outcome === 'agrees' && base > 0 ? p.bonuses.legalFormAgrees : 0;
  const score = clamp01(base + bonus - conflicts.reduce((s, c) => s + c.penalty, 0));
  return {
    score: round(score),
    base: round(base),
    queryName: a.original,
    candidateName: b.original,
    matches,
    missing,
    conflicts,
    legalForm,
  };
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

export function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
