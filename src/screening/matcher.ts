import { compareFacts, type FactEvidence } from './facts.js';
import {
  clamp01,
  compareNames,
  nameEvidence,
  round,
  scoreNames,
  type CompareContext,
  type NameComparison,
  type NameScore,
} from './name-compare.js';
import type { MatchingPolicy } from './policy.js';
import { prepareName, type NameClass, type PreparedName } from './prepare.js';
import { nameClassOf, schemataCompatible, type MatchSubject } from './subject.js';
import { PhoneticKeys } from './token-similarity.js';
import { compileVocabulary, type Vocabulary } from './vocabulary.js';

/** A scored pair with its whole explanation as data. */
export interface MatchResult {
  readonly score: number;
  /** score >= the policy's threshold. */
  readonly match: boolean;
  /** The best-matching pair of names (query name, candidate name or alias). */
  readonly name: NameComparison;
  readonly facts: readonly FactEvidence[];
  readonly schema: { readonly query: string; readonly candidate: string; readonly compatible: boolean };
  /** Policy stamp (`id@version#hash`): the result can be reproduced. */
  readonly policy: string;
}

/** A subject with its names prepared once (an index keeps listed names prepared). */
export interface PreparedSubject {
  readonly subject: MatchSubject;
  readonly names: readonly PreparedName[];
}

/**
 * The policy compiled for matching: vocabulary lookups and a phonetic memo. Everything it does
 * is a pure function of the policy and its inputs; the memo only saves work.
 */
export class Matcher {
  readonly vocabulary: Vocabulary;
  readonly context: CompareContext;
  readonly threshold: number;

  constructor(readonly policy: MatchingPolicy) {
    this.vocabulary = compileVocabulary(policy.data);
    this.context = { policy: policy.data, vocabulary: this.vocabulary, phonetic: new PhoneticKeys() };
    this.threshold = policy.data.threshold;
  }

  prepare(name: string, nameClass: NameClass): PreparedName {
    return prepareName(name, nameClass, this.vocabulary);
  }

  prepareSubject(subject: MatchSubject): PreparedSubject {
    const nameClass = nameClassOf(subject.schema);
    return { subject, names: subject.names.map((n) => this.prepare(n, nameClass)).filter((n) => n.tokens.length > 0) };
  }

  compareNames(a: PreparedName, b: PreparedName): NameComparison {
    return compareNames(a, b, this.context);
  }

  /** Scores two names of one schema (the `score-pairs` case). */
  scoreNames(schema: string, name1: string, name2: string): MatchResult {
    const subject = (id: string, name: string): MatchSubject => ({
      id,
      schema,
      names: [name],
      countries: [],
      nationalities: [],
      birthDates: [],
      identifiers: [],
    });
    return this.match(this.prepareSubject(subject('1', name1)), this.prepareSubject(subject('2', name2)));
  }

  /**
   * Scores a query against a candidate: the best pair of their names, then the secondary facts,
   * then the schema (a person is never a company). Returns undefined when either has no name.
   */
  match(query: PreparedSubject, candidate: PreparedSubject): MatchResult {
    // Without a floor every result is kept.
    return this.matchAtLeast(query, candidate, -Infinity) as MatchResult;
  }

  /**
   * `match`, but undefined when the score is below `floor`: the explanation (the evidence of the
   * best name pair) is written only for results that are kept. Same scores as `match`.
   */
  matchAtLeast(query: PreparedSubject, candidate: PreparedSubject, floor: number): MatchResult | undefined {
    let best: NameScore | undefined;
    for (const q of query.names)
      for (const c of candidate.names) {
        const scored = scoreNames(q, c, this.context);
        if (best === undefined || scored.score > best.score) best = scored;
      }
    const facts = compareFacts(query.subject, candidate.subject, this.policy.data);
    const compatible = schemataCompatible(query.subject.schema, candidate.subject.schema);
    const schemaPenalty = compatible ? 0 : this.policy.data.conflicts.schemaMismatch;
    const score = round(clamp01((best?.score ?? 0) + facts.reduce((s, f) => s + f.adjustment, 0) - schemaPenalty));
    if (score < floor) return undefined;
    const name =
      best === undefined
        ? emptyComparison(query.subject.names[0] ?? '', candidate.subject.names[0] ?? '')
        : nameEvidence(best, this.context);
    return {
      score,
      match: score >= this.threshold,
      name,
      facts,
      schema: { query: query.subject.schema, candidate: candidate.subject.schema, compatible },
      policy: this.policy.stamp,
    };
  }
}

function emptyComparison(queryName: string, candidateName: string): NameComparison {
  return {
    score: 0,
    base: 0,
    queryName,
    candidateName,
    matches: [],
    missing: [],
    conflicts: [],
    legalForm: { query: null, candidate: null, outcome: 'absent' },
  };
}
