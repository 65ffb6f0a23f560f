import type { Span } from './cas.js';
import type { Chemical, NameKind } from './schema.js';

/** How a chemical was found: a fixed vocabulary, so analysts and tests read the same labels. */
export type HitEvidence =
  | { method: 'name'; nameKind: NameKind; lang: string; name: string }
  | { method: 'typo'; nameKind: NameKind; lang: string; name: string; distance: number }
  | { method: 'cas'; cas: string; verified: boolean; labelled: boolean }
  | { method: 'cas-slang'; registryPart: string; documented: boolean }
  | {
      method: 'structure';
      input: 'smiles' | 'inchi' | 'inchikey';
      match: 'identical' | 'pattern';
      /** The class pattern that matched (for `pattern`), and every feature pattern that matched. */
      patternId?: string;
      features: string[];
      canonicalSmiles?: string;
      /** Always a screening phrase ("possible fentanyl-related substance"), never a legal verdict. */
      label: string;
    };

export interface ChemicalHit {
  chemicalId: string;
  role: Chemical['role'];
  span: Span;
  text: string;
  /** 0-1: how sure the identification is (not how risky the chemical is). */
  confidence: number;
  evidence: HitEvidence;
  /** Present only with `includeNegated`: the text says the goods are free of it ("aniline-free"). */
  negated?: true;
}

/** A problem with the text itself, reported instead of guessed around. */
export type DataQualityIssue =
  | { code: 'cas-check-digit'; span: Span; text: string; expectedCheckDigit: number; possibleChemicalId?: string }
  | { code: 'cas-incomplete'; span: Span; text: string }
  | { code: 'structure-unparsed'; span: Span; text: string };

export interface Identification {
  hits: ChemicalHit[];
  issues: DataQualityIssue[];
  /** Valid CAS numbers of chemicals not in the knowledge base: for the caller to weigh, not hits. */
  otherCas: { cas: string; span: Span }[];
  knowledgeVersion: string;
}
