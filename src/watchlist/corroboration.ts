import type { MatchResult } from '../screening/index.js';

/**
 * What supports a screening hit beyond the similarity of the names, as data. A party of a
 * shipment or payment carries a name and at most a country, so most hits rest on the name; the
 * trade rules (weight 70, enough to flag a shipment alone) take only corroborated hits, while
 * the watchlist detector reports every hit and says how it is supported.
 */
export interface Corroboration {
  readonly corroborated: boolean;
  /** A person whose match rests on the name alone: reported at a lower alert weight. */
  readonly nameOnlyPerson: boolean;
  readonly why: string;
}

const PERSON_FACTS = new Set(['birth-date', 'identifier', 'nationality']);

export function corroboration(r: MatchResult): Corroboration {
  const agrees = (feature: string): boolean => r.facts.some((f) => f.feature === feature && f.outcome === 'agrees');
  const conflicts = r.facts.some((f) => f.outcome === 'conflicts');
  if (r.schema.candidate === 'Person') {
    // A party's address country is not a nationality: "Robert Garcia" in the US is everyone's neighbour.
    const fact = r.facts.find((f) => PERSON_FACTS.has(f.feature) && f.outcome === 'agrees');
    return fact !== undefined && !conflicts
      ? { corroborated: true, nameOnlyPerson: false, why: `${fact.feature} agrees` }
      : {
          corroborated: false,
          nameOnlyPerson: true,
          why: 'name-only match on a person (no date of birth, identifier or nationality agrees)',
        };
  }
  // A company: every word spelled as listed (a one-letter look-alike is for an analyst, not an
  // automatic flag), no conflicting fact, and the legal form or the country agrees.
  const exact = r.name.matches.every((m) => m.similarity >= 1);
  const formAgrees = r.name.legalForm.outcome === 'agrees' || r.name.legalForm.outcome === 'compatible';
  const countryAgrees = agrees('country');
  if (!exact) return { corroborated: false, nameOnlyPerson: false, why: 'the name matched only with spelling differences' };
  if (conflicts) return { corroborated: false, nameOnlyPerson: false, why: 'a fact conflicts' };
  if (r.name.legalForm.outcome === 'differs') return { corroborated: false, nameOnlyPerson: false, why: 'legal form differs' };
  if (!formAgrees && !countryAgrees)
    return { corroborated: false, nameOnlyPerson: false, why: 'neither legal form nor country agrees' };
  return { corroborated: true, nameOnlyPerson: false, why: countryAgrees ? 'country agrees' : 'legal form agrees' };
}
