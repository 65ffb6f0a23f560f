import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The name-matching policy: every weight, tolerance, word list and the default threshold, as
 * versioned data. One zod schema defines it; `parseMatchingPolicy` adds the checks a schema
 * cannot express and stamps the policy with its hash so a score can be reproduced.
 */
const weight = z.number().min(0).max(1);
const phrase = z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/, 'lower-case ASCII words separated by single spaces');

export const matchingPolicySchema = z.strictObject({
  id: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a semantic version'),
  description: z.string(),
  /** A pair at or above this score is a match; screening reports it. */
  threshold: z.number().gt(0).max(1),
  tokens: z.strictObject({
    distinctiveWeight: z.number().positive(),
    genericWeight: z.number().positive(),
    particleWeight: z.number().positive(),
    numberWeight: z.number().positive(),
    /** Two tokens below this similarity are not paired at all. */
    minPairSimilarity: weight,
    /** Edits allowed by token length: the entry with the largest minLength not above the length applies. */
    maxEdits: z
      .array(z.strictObject({ minLength: z.number().int().min(1), edits: z.number().int().min(0) }))
      .min(1)
      .refine((steps) => steps.every((s, i) => i === 0 || (steps[i - 1]?.minLength ?? 0) < s.minLength), 'minLength must rise'),
    /** Words up to this length have their edit similarity squared (one letter matters more). */
    shortWordLength: z.number().int().min(0),
    /** Similarity of words spelled alike once transliteration variants are folded (y/i, w/v, c/k ...). */
    spellingSimilarity: weight,
    phoneticSimilarity: weight,
    phoneticMinLength: z.number().int().min(1),
    initialSimilarity: weight,
    maxJoinedTokens: z.number().int().min(2).max(5),
  }),
  missing: z.strictObject({
    /** Cost factor of an unmatched inner token of a person's name (middle names, patronymics). */
    personMiddleFactor: weight,
    /** Cost factor of an unmatched last token right after a matched one (a dropped second surname). */
    personTrailingSurnameFactor: weight,
    defaultFactor: weight,
  }),
  conflicts: z.strictObject({
    numberMismatch: weight,
    distinctiveSubstitution: weight,
    genericSubstitution: weight,
    legalFormDiffers: weight,
    schemaMismatch: weight,
  }),
  /**
   * A person matched on the name alone (no date of birth, identifier or nationality agrees) is
   * still reported, but its alert weight is the score times this factor: common names collide.
   */
  nameOnly: z.strictObject({
    personAlertFactor: weight,
    /**
     * A listed entry whose uncorroborated hits name more distinct parties than this is a common
     * name meeting its namesakes, not one actor: those hits are not alerted (watchlist detector).
     */
    maxNamesakes: z.number().int().min(1),
  }),
  bonuses: z.strictObject({ legalFormAgrees: weight }),
  facts: z.strictObject({
    identifierAgrees: weight,
    identifierConflicts: weight,
    birthDateAgrees: weight,
    birthYearAgrees: weight,
    birthDateConflicts: weight,
    birthYearTolerance: z.number().int().min(0).max(10),
    countryAgrees: weight,
    countryConflicts: weight,
    nationalityAgrees: weight,
    nationalityConflicts: weight,
  }),
  index: z.strictObject({
    /** Names kept from blocking for full scoring, per query. */
    maxCandidates: z.number().int().min(1).max(10_000),
    /** Postings read per query at most, rarest keys first: bounds latency on common names. */
    postingBudget: z.number().int().min(1000),
    /** log2 of the hashed blocking-key table size. */
    bucketBits: z.number().int().min(10).max(26),
    ngram: z.number().int().min(2).max(5),
  }),
  legalForms: z
    .array(z.strictObject({ type: z.string().regex(/^[a-z-]+$/), label: z.string(), forms: z.array(phrase).min(1) }))
    .min(1),
  /** Pairs of legal-form types that do not contradict each other ("Co." is any company). */
  compatibleLegalForms: z.array(z.tuple([z.string(), z.string()])),
  synonyms: z.array(z.strictObject({ canonical: phrase, variants: z.array(phrase).min(1) })),
  genericWords: z.array(phrase),
  particles: z.array(phrase),
  personTitles: z.array(phrase),
});

export type MatchingPolicyData = z.output<typeof matchingPolicySchema>;

export interface MatchingPolicy {
  readonly data: MatchingPolicyData;
  /** `id@version#sha256-prefix`, stamped on results. */
  readonly stamp: string;
}

export class MatchingPolicyError extends Error {
  readonly code = 'CHOKEPOINT_ERR_MATCHING_POLICY_INVALID';
  constructor(
    readonly origin: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(`invalid name-matching policy (${origin}):\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'MatchingPolicyError';
  }
}

function crossChecks(p: MatchingPolicyData): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const types = new Set(p.legalForms.map((f) => f.type));
  if (types.size !== p.legalForms.length) issues.push({ path: 'legalForms', message: 'legal-form types must be unique' });
  p.compatibleLegalForms.forEach((pair, i) => {
    for (const t of pair)
      if (!types.has(t)) issues.push({ path: `compatibleLegalForms[${i}]`, message: `unknown legal-form type "${t}"` });
  });
  const seen = new Map<string, string>();
  p.synonyms.forEach((s, i) => {
    for (const v of s.variants) {
      const key = v.replace(/ /g, '');
      const other = seen.get(key);
      if (other !== undefined && other !== s.canonical)
        issues.push({ path: `synonyms[${i}]`, message: `variant "${v}" already maps to "${other}"` });
      seen.set(key, s.canonical);
    }
  });
  return issues;
}

export function parseMatchingPolicy(raw: unknown, origin = 'policy'): MatchingPolicy {
  const parsed = matchingPolicySchema.safeParse(raw);
  if (!parsed.success)
    throw new MatchingPolicyError(
      origin,
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })),
    );
  const issues = crossChecks(parsed.data);
  if (issues.length > 0) throw new MatchingPolicyError(origin, issues);
  const hash = createHash('sha256').update(JSON.stringify(parsed.data)).digest('hex').slice(0, 12);
  return { data: parsed.data, stamp: `${parsed.data.id}@${parsed.data.version}#${hash}` };
}

/** The policy shipped with the package. */
export const DEFAULT_MATCHING_POLICY_FILE = fileURLToPath(new URL('../../policies/name-matching.json', import.meta.url));

/** Reads and validates a policy file (default: the bundled one); errors name the file and field. */
export function loadMatchingPolicy(path: string = DEFAULT_MATCHING_POLICY_FILE): MatchingPolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new MatchingPolicyError(path, [{ path: '(file)', message: (err as Error).message }]);
  }
  return parseMatchingPolicy(raw, path);
}
