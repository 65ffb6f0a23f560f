import type { MatchingPolicyData } from './policy.js';
import type { PreparedName } from './prepare.js';
import { allowedEdits, editSimilarity, tokenSimilarity, type MatchHow, type PhoneticKeys } from './token-similarity.js';
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

/** The aligned pairs, and which words of each side they use (1: matched). */
interface Alignment {
  readonly pairs: readonly Pair[];
  readonly usedA: Uint8Array;
  readonly usedB: Uint8Array;
}

/**
 * Two names aligned and scored, before any evidence is written out: a screening query scores
 * dozens of candidate names and keeps a few, so the words of the explanation (`nameEvidence`)
 * are built only for the pairs that are kept. The score is final: evidence adds nothing to it.
 */
export interface NameScore {
  readonly score: number;
  readonly base: number;
  readonly a: PreparedName;
  readonly b: PreparedName;
  readonly person: boolean;
  readonly alignment: Alignment;
  readonly legalForm: NameComparison['legalForm'];
}

/**
 * Pairs words of two names regardless of order, strongest evidence first: identical words, then
 * runs of adjacent words that spell one word of the other name ("zhe jiang" / "Zhejiang",
 * "Abdul Rahman" / "Abdulrahman"), then typos and sound-alikes, then initials (people only).
 * Written as plain loops over byte flags: a screening query runs it against dozens of
 * candidate names, and closures and boolean arrays were most of its cost.
 */
function align(a: PreparedName, b: PreparedName, ctx: CompareContext, person: boolean): Alignment {
  const p = ctx.policy.tokens;
  const at = a.tokens;
  const bt = b.tokens;
  const usedA = new Uint8Array(at.length);
  const usedB = new Uint8Array(bt.length);
  const pairs: Pair[] = [];
  const take = (ia: readonly number[], ib: readonly number[], similarity: number, how: MatchHow): void => {
    for (const i of ia) usedA[i] = 1;
    for (const j of ib) usedB[j] = 1;
    pairs.push({ a: ia, b: ib, similarity, how });
  };

  for (let i = 0; i < at.length; i++)
    for (let j = 0; j < bt.length; j++)
      if (usedB[j] === 0 && bt[j] === at[i]) {
        take([i], [j], 1, 'exact');
        break;
      }

  const joinInto = (
    one: readonly string[],
    oneUsed: Uint8Array,
    many: readonly string[],
    manyUsed: Uint8Array,
    oneIsA: boolean,
  ): void => {
    for (let i = 0; i < one.length; i++) {
      const word = one[i] ?? '';
      if (oneUsed[i] === 1 || word.length < 4) continue;
      runs: for (let start = 0; start < many.length; start++) {
        let length = 0;
        for (let n = 0; n < p.maxJoinedTokens && start + n < many.length; n++) {
          if (manyUsed[start + n] === 1) break;
          length += (many[start + n] ?? '').length;
          // A run only grows: once longer than the word allows, no longer run from here can match.
          if (n === 0) continue;
          if (length > word.length + 2) break;
          // editSimilarity's own length test, before the run is joined into a string.
          if (p.minPairSimilarity > 0 && Math.abs(length - word.length) > allowedEdits(Math.min(length, word.length), p))
            continue;
          const similarity = editSimilarity(word, many.slice(start, start + n + 1).join(''), p);
          if (similarity >= p.minPairSimilarity) {
            const runPositions = Array.from({ length: n + 1 }, (_, k) => start + k);
            if (oneIsA) take([i], runPositions, similarity, 'joined');
            else take(runPositions, [i], similarity, 'joined');
            break runs;
          }
        }
      }
    }
  };
  joinInto(at, usedA, bt, usedB, true);
  joinInto(bt, usedB, at, usedA, false);

  let fuzzy: { i: number; j: number; similarity: number; how: MatchHow }[] | undefined;
  for (let i = 0; i < at.length; i++) {
    if (usedA[i] === 1) continue;
    for (let j = 0; j < bt.length; j++) {
      if (usedB[j] === 1) continue;
      const s = tokenSimilarity(at[i] ?? '', bt[j] ?? '', p, ctx.phonetic, a.skeletons[i], b.skeletons[j]);
      if (s.similarity >= p.minPairSimilarity) (fuzzy ??= []).push({ i, j, similarity: s.similarity, how: s.how });
    }
  }
  if (fuzzy !== undefined) {
    fuzzy.sort((x, y) => y.similarity - x.similarity || Math.abs(x.i - x.j) - Math.abs(y.i - y.j));
    for (const f of fuzzy) if (usedA[f.i] === 0 && usedB[f.j] === 0) take([f.i], [f.j], f.similarity, f.how);
  }

  if (person)
    for (let i = 0; i < at.length; i++) {
      const ta = at[i] ?? '';
      if (usedA[i] === 1) continue;
      for (let j = 0; j < bt.length; j++) {
        const tb = bt[j] ?? '';
        if (usedB[j] === 0 && (ta.length === 1 || tb.length === 1) && ta.length !== tb.length && ta[0] === tb[0]) {
          take([i], [j], p.initialSimilarity, 'initial');
          break;
        }
      }
    }
  return { pairs, usedA, usedB };
}

/** Why a word without counterpart costs what it costs: people drop middle names and second surnames. */
function missingReason(name: PreparedName, i: number, matched: Uint8Array, person: boolean): MissingReason {
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
    return before >= surnames && matched[before] === 1 && trailing ? 'second-surname' : 'missing';
  }
  if (name.tokens.length < 3) return 'missing';
  const last = name.tokens.length - 1;
  if (i === last && matched[i - 1] === 1) return 'second-surname';
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

/** The first word of a side left without counterpart whose kind is one of `kinds`, or -1. */
function firstMissing(name: PreparedName, used: Uint8Array, kind: TokenKind): number {
  for (let i = 0; i < name.tokens.length; i++) if (used[i] === 0 && (name.kinds[i] ?? 'distinctive') === kind) return i;
  return -1;
}

/** The substitutions of a name pair, in the order their penalties are summed. */
const SUBSTITUTIONS: readonly { kind: TokenKind; conflict: ConflictKind; penalty: keyof MatchingPolicyData['conflicts'] }[] = [
  { kind: 'number', conflict: 'number', penalty: 'numberMismatch' },
  { kind: 'generic', conflict: 'generic-word', penalty: 'genericSubstitution' },
  { kind: 'distinctive', conflict: 'distinctive-word', penalty: 'distinctiveSubstitution' },
];

/**
 * Scores two prepared names: a weighted share of matched parts (distinctive words weigh most,
 * generic words and particles little, gaps in people's middle names cost less), minus penalties
 * for substitutions (a different number, a different business word), with the legal forms compared
 * as types. The score is in [0, 1]; `nameEvidence` turns it into the full comparison.
 */
export function scoreNames(a: PreparedName, b: PreparedName, ctx: CompareContext): NameScore {
  const p = ctx.policy;
  const person = a.nameClass === 'person' || b.nameClass === 'person';
  const alignment = align(a, b, ctx, person);
  const { usedA, usedB } = alignment;
  let matched = 0;
  let total = 0;
  for (const pair of alignment.pairs) {
    let weight = 0;
    for (const i of pair.a) weight += weightOf(a.kinds[i] ?? 'distinctive', p.tokens);
    for (const j of pair.b) weight += weightOf(b.kinds[j] ?? 'distinctive', p.tokens);
    matched += pair.similarity * weight;
    total += weight;
  }
  for (const [name, used] of [
    [a, usedA],
    [b, usedB],
  ] as const)
    for (let i = 0; i < name.tokens.length; i++)
      if (used[i] === 0)
        total +=
          weightOf(name.kinds[i] ?? 'distinctive', p.tokens) * missingFactor(missingReason(name, i, used, person), p.missing);
  // Summed in the order the evidence lists the conflicts, so the score is the same to the last bit.
  let penalty = 0;
  for (const sub of SUBSTITUTIONS)
    if (firstMissing(a, usedA, sub.kind) >= 0 && firstMissing(b, usedB, sub.kind) >= 0) penalty += p.conflicts[sub.penalty];
  const legalForm = compareLegalForms(a, b, ctx);
  if (legalForm.outcome === 'differs') penalty += p.conflicts.legalFormDiffers;
  const base = total > 0 ? matched / total : 0;
  const bonus = legalForm.outcome === 'agrees' && base > 0 ? p.bonuses.legalFormAgrees : 0;
  return { score: round(clamp01(base + bonus - penalty)), base: round(base), a, b, person, alignment, legalForm };
}

/** The whole comparison of a scored pair: every matched part, gap and conflict, as data. */
export function nameEvidence(scored: NameScore, ctx: CompareContext): NameComparison {
  const p = ctx.policy;
  const { a, b, person, alignment, legalForm } = scored;
  const matches: PartMatch[] = alignment.pairs.map((pair) => {
    let weight = 0;
    for (const i of pair.a) weight += weightOf(a.kinds[i] ?? 'distinctive', p.tokens);
    for (const j of pair.b) weight += weightOf(b.kinds[j] ?? 'distinctive', p.tokens);
    return {
      query: pair.a.map((i) => a.tokens[i]).join(' '),
      candidate: pair.b.map((j) => b.tokens[j]).join(' '),
      how: pair.how,
      similarity: round(pair.similarity),
      weight: round(weight),
    };
  });
  const missing: PartMissing[] = [];
  const collect = (name: PreparedName, used: Uint8Array, side: PartMissing['side']): void =>
    name.tokens.forEach((token, i) => {
      if (used[i] === 1) return;
      const kind = name.kinds[i] ?? 'distinctive';
      const reason = missingReason(name, i, used, person);
      const cost = weightOf(kind, p.tokens) * missingFactor(reason, p.missing);
      missing.push({ side, token, kind, reason, cost: round(cost) });
    });
  collect(a, alignment.usedA, 'query');
  collect(b, alignment.usedB, 'candidate');
  const conflicts: PartConflict[] = [];
  for (const sub of SUBSTITUTIONS) {
    const q = firstMissing(a, alignment.usedA, sub.kind);
    const c = firstMissing(b, alignment.usedB, sub.kind);
    if (q >= 0 && c >= 0)
      conflicts.push({
        kind: sub.conflict,
        query: a.tokens[q] ?? '',
        candidate: b.tokens[c] ?? '',
        penalty: p.conflicts[sub.penalty],
      });
  }
  if (legalForm.outcome === 'differs')
    conflicts.push({
      kind: 'legal-form',
      query: legalForm.query ?? '',
      candidate: legalForm.candidate ?? '',
      penalty: p.conflicts.legalFormDiffers,
    });
  return {
    score: scored.score,
    base: scored.base,
    queryName: a.original,
    candidateName: b.original,
    matches,
    missing,
    conflicts,
    legalForm,
  };
}

/** Compares two prepared names, with every part's evidence (see `scoreNames`). */
export function compareNames(a: PreparedName, b: PreparedName, ctx: CompareContext): NameComparison {
  return nameEvidence(scoreNames(a, b, ctx), ctx);
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

export function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
