import { UNIQUE_SCHEMES, type Identifier } from './identifiers.js';
import type { MatchingPolicyData } from './policy.js';
import type { MatchSubject } from './subject.js';

export type FactFeature = 'identifier' | 'birth-date' | 'country' | 'nationality';
export type FactOutcome = 'agrees' | 'near' | 'conflicts';

/** One secondary fact compared: what each side said and how much it moved the score. */
export interface FactEvidence {
  readonly feature: FactFeature;
  readonly outcome: FactOutcome;
  readonly query: string;
  readonly candidate: string;
  /** Signed change to the score. */
  readonly adjustment: number;
}

function compareIdentifiers(q: readonly Identifier[], c: readonly Identifier[], p: MatchingPolicyData['facts']): FactEvidence[] {
  if (q.length === 0 || c.length === 0) return [];
  const shared = q.find((a) => c.some((b) => b.value === a.value));
  if (shared !== undefined)
    return [
      { feature: 'identifier', outcome: 'agrees', query: shared.value, candidate: shared.value, adjustment: p.identifierAgrees },
    ];
  for (const a of q) {
    if (!UNIQUE_SCHEMES.has(a.scheme)) continue;
    const other = c.find((b) => b.scheme === a.scheme);
    if (other !== undefined)
      return [
        {
          feature: 'identifier',
          outcome: 'conflicts',
          query: `${a.scheme}:${a.value}`,
          candidate: `${other.scheme}:${other.value}`,
          adjustment: -p.identifierConflicts,
        },
      ];
  }
  return [];
}

const year = (date: string): number => Number(date.slice(0, 4));

/**
 * Dates of birth: the same date (to the precision both give) raises the score, years within the
 * tolerance are neutral (a typo, a different calendar), anything further apart lowers it.
 */
function compareBirthDates(q: readonly string[], c: readonly string[], p: MatchingPolicyData['facts']): FactEvidence[] {
  if (q.length === 0 || c.length === 0) return [];
  const qs = q.filter((d) => /^\d{4}/.test(d));
  const cs = c.filter((d) => /^\d{4}/.test(d));
  if (qs.length === 0 || cs.length === 0) return [];
  let best: FactEvidence | undefined;
  for (const a of qs)
    for (const b of cs) {
      const precision = Math.min(a.length, b.length);
      let evidence: FactEvidence;
      if (a.slice(0, precision) === b.slice(0, precision)) {
        const full = precision >= 10;
        evidence = {
          feature: 'birth-date',
          outcome: 'agrees',
          query: a,
          candidate: b,
          adjustment: full ? p.birthDateAgrees : p.birthYearAgrees,
        };
      } else if (Math.abs(year(a) - year(b)) <= p.birthYearTolerance) {
        evidence = { feature: 'birth-date', outcome: 'near', query: a, candidate: b, adjustment: 0 };
      } else {
        evidence = { feature: 'birth-date', outcome: 'conflicts', query: a, candidate: b, adjustment: -p.birthDateConflicts };
      }
      if (best === undefined || evidence.adjustment > best.adjustment) best = evidence;
    }
  return best === undefined ? [] : [best];
}

function compareSets(
  feature: FactFeature,
  q: readonly string[],
  c: readonly string[],
  agrees: number,
  conflicts: number,
): FactEvidence[] {
  if (q.length === 0 || c.length === 0) return [];
  const shared = q.find((x) => c.includes(x));
  if (shared !== undefined) return [{ feature, outcome: 'agrees', query: shared, candidate: shared, adjustment: agrees }];
  return [{ feature, outcome: 'conflicts', query: q.join(';'), candidate: c.join(';'), adjustment: -conflicts }];
}

/** Every secondary fact both sides state, compared. Facts only one side states say nothing. */
export function compareFacts(query: MatchSubject, candidate: MatchSubject, policy: MatchingPolicyData): FactEvidence[] {
  const p = policy.facts;
  // Most screening queries state no facts: nothing to compare, and nothing to allocate per candidate.
  const out: FactEvidence[] = [];
  if (query.identifiers.length > 0) out.push(...compareIdentifiers(query.identifiers, candidate.identifiers, p));
  if (query.birthDates.length > 0) out.push(...compareBirthDates(query.birthDates, candidate.birthDates, p));
  if (query.countries.length > 0)
    // A listed person's nationality often stands in for a country and the other way round.
    out.push(
      ...compareSets(
        'country',
        query.countries,
        [...candidate.countries, ...candidate.nationalities],
        p.countryAgrees,
        p.countryConflicts,
      ),
    );
  if (query.nationalities.length > 0) {
    const candidateNationality = candidate.nationalities.length > 0 ? candidate.nationalities : candidate.countries;
    out.push(
      ...compareSets('nationality', query.nationalities, candidateNationality, p.nationalityAgrees, p.nationalityConflicts),
    );
  }
  return out;
}
