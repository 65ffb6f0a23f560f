import { findCasMentions } from './cas.js';
import type { Chemistry } from './chemistry.js';
import type { ChemicalHit, DataQualityIssue, Identification } from './hit.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { loadKnowledge } from './knowledge-base.js';
import { isLocantHead, isNegated, isSubstituentHead, isSubstitutedTail } from './name-context.js';
import { buildNameIndex, matchNames, memoisedCorrector, type IndexedName, type NameIndex, type NameMatch } from './name-index.js';
import type { Chemical, NameKind } from './schema.js';
import { findStructureCandidates } from './structure-candidates.js';
import { tokenize } from './tokenize.js';

export interface IdentifyOptions {
  knowledge?: KnowledgeBase;
  /** Without it SMILES are not checked (RDKit loads asynchronously: `await loadChemistry()`). */
  chemistry?: Chemistry;
  /** Match names through small spelling errors in longer words (default true). */
  typos?: boolean;
  /** Keep hits the text negates ("aniline-free"), marked `negated` (default false: dropped). */
  includeNegated?: boolean;
}

/** Default confidence of a name by kind; a name group may override it (an ambiguous abbreviation). */
const KIND_CONFIDENCE: Record<NameKind, number> = {
  preferred: 0.95,
  iupac: 0.95,
  synonym: 0.9,
  translation: 0.9,
  abbreviation: 0.75,
  slang: 0.8,
};
const TYPO_PENALTY = 0.15;

/** Everything precomputed from one knowledge base; built once per base and reused by every call. */
interface Matcher {
  index: NameIndex;
  correct: (key: string) => readonly { word: string; distance: number }[];
  chemicals: ReadonlyMap<string, Chemical>;
  byCas: ReadonlyMap<string, { chemicalId: string; verified: boolean }>;
  byRegistryPart: ReadonlyMap<string, { chemicalId: string; documented: boolean }>;
}

function buildMatcher(knowledge: KnowledgeBase): Matcher {
  const names: IndexedName[] = [];
  const byCas = new Map<string, { chemicalId: string; verified: boolean }>();
  const byRegistryPart = new Map<string, { chemicalId: string; documented: boolean }>();
  for (const c of knowledge.data.chemicals) {
    for (const g of c.names) {
      for (const name of g.values)
        names.push({ targetId: c.id, kind: g.kind, lang: g.lang, name, confidence: g.confidence ?? KIND_CONFIDENCE[g.kind] });
    }
    for (const cas of c.cas) {
      byCas.set(cas.number, { chemicalId: c.id, verified: cas.verified });
      const part = cas.number.split('-')[0] ?? '';
      if (part.length >= 4) byRegistryPart.set(part, { chemicalId: c.id, documented: false });
    }
    for (const slang of c.casSlang) byRegistryPart.set(slang.value, { chemicalId: c.id, documented: true });
  }
  for (const f of knowledge.data.falseFriends)
    for (const name of f.values) names.push({ targetId: null, kind: 'false-friend', lang: 'en', name, confidence: 0 });
  const index = buildNameIndex(names);
  return {
    index,
    correct: memoisedCorrector(index),
    chemicals: new Map(knowledge.data.chemicals.map((c) => [c.id, c])),
    byCas,
    byRegistryPart,
  };
}

const matchers = new WeakMap<KnowledgeBase, Matcher>();
function matcherFor(knowledge: KnowledgeBase): Matcher {
  let m = matchers.get(knowledge);
  if (m === undefined) matchers.set(knowledge, (m = buildMatcher(knowledge)));
  return m;
}

/**
 * Find the knowledge base's chemicals in free text: names in any listed language and spelling, CAS
 * numbers (and their slang), and structures. Pure apart from the structure cache; every hit carries
 * its evidence and span.
 */
export function identifyChemicals(text: string, options: IdentifyOptions = {}): Identification {
  const kb = options.knowledge ?? loadKnowledge();
  // Structure hits name the chemistry's classes: a chemistry built on another knowledge file is a bug.
  if (options.chemistry !== undefined && options.chemistry.knowledgeVersion !== kb.version) {
    throw new Error(`chemistry was loaded for knowledge ${options.chemistry.knowledgeVersion}, not ${kb.version}`);
  }
  const matcher = matcherFor(kb);
  const hits: ChemicalHit[] = [];
  const issues: DataQualityIssue[] = [];
  const otherCas: Identification['otherCas'] = [];

  nameHits(text, matcher, options, hits);
  casHits(text, matcher, hits, issues, otherCas);
  if (options.chemistry !== undefined) structureHits(text, options.chemistry, matcher, hits, issues);

  hits.sort((a, b) => a.span.start - b.span.start || b.confidence - a.confidence);
  return { hits, issues, otherCas, knowledgeVersion: kb.version };
}

function nameHits(text: string, matcher: Matcher, options: IdentifyOptions, hits: ChemicalHit[]): void {
  const tokens = tokenize(text);
  if (tokens.length === 0) return;
  const accept = (m: NameMatch): boolean =>
    !isSubstitutedTail(text, tokens, m.firstToken) &&
    !isSubstituentHead(tokens, m.lastToken) &&
    !isLocantHead(text, tokens, m.lastToken);
  for (const m of matchNames(tokens, matcher.index, { typos: options.typos ?? true, accept, correct: matcher.correct })) {
    const negated = isNegated(tokens, m.firstToken, m.lastToken);
    if (negated && options.includeNegated !== true) continue;
    const first = tokens[m.firstToken]?.start ?? 0;
    for (const n of m.names) {
      // Spans are token-based; a name that opens with "(" ("(2-bromoethyl)benzene") takes its bracket along.
      const span = {
        start: n.name.startsWith('(') && text[first - 1] === '(' ? first - 1 : first,
        end: tokens[m.lastToken]?.end ?? 0,
      };
      const chemical = n.targetId === null ? undefined : matcher.chemicals.get(n.targetId);
      if (chemical === undefined) continue; // a false friend: the phrase is other goods
      const nameKind = n.kind as NameKind;
      hits.push({
        chemicalId: chemical.id,
        role: chemical.role,
        span,
        text: text.slice(span.start, span.end),
        confidence: round(Math.max(0.05, n.confidence - TYPO_PENALTY * m.distance)),
        evidence:
          m.distance === 0
            ? { method: 'name', nameKind, lang: n.lang, name: n.name }
            : { method: 'typo', nameKind, lang: n.lang, name: n.name, distance: m.distance },
        ...(negated ? { negated: true as const } : {}),
      });
    }
  }
}

function casHits(
  text: string,
  matcher: Matcher,
  hits: ChemicalHit[],
  issues: DataQualityIssue[],
  otherCas: Identification['otherCas'],
): void {
  for (const mention of findCasMentions(text)) {
    const spanText = text.slice(mention.span.start, mention.span.end);
    if (mention.kind === 'valid') {
      const known = matcher.byCas.get(mention.cas);
      const chemical = known === undefined ? undefined : matcher.chemicals.get(known.chemicalId);
      if (known === undefined || chemical === undefined) otherCas.push({ cas: mention.cas, span: mention.span });
      else
        hits.push({
          chemicalId: chemical.id,
          role: chemical.role,
          span: mention.span,
          text: spanText,
          confidence: known.verified ? 0.98 : 0.85,
          evidence: { method: 'cas', cas: mention.cas, verified: known.verified, labelled: mention.labelled },
        });
    } else if (mention.kind === 'invalid') {
      const possible = matcher.byRegistryPart.get(mention.cas.split('-')[0] ?? '');
      // Unlabelled numbers with a bad check digit are part numbers or dates, not CAS numbers.
      if (!mention.labelled && possible === undefined) continue;
      issues.push({
        code: 'cas-check-digit',
        span: mention.span,
        text: spanText,
        expectedCheckDigit: mention.expectedCheckDigit,
        ...(possible === undefined ? {} : { possibleChemicalId: possible.chemicalId }),
      });
    } else {
      const known = matcher.byRegistryPart.get(mention.registryPart);
      const chemical = known === undefined ? undefined : matcher.chemicals.get(known.chemicalId);
      if (known === undefined || chemical === undefined)
        issues.push({ code: 'cas-incomplete', span: mention.span, text: spanText });
      else
        hits.push({
          chemicalId: chemical.id,
          role: chemical.role,
          span: mention.span,
          text: spanText,
          confidence: known.documented ? 0.85 : 0.6,
          evidence: { method: 'cas-slang', registryPart: mention.registryPart, documented: known.documented },
        });
    }
  }
}

function structureHits(
  text: string,
  chemistry: Chemistry,
  matcher: Matcher,
  hits: ChemicalHit[],
  issues: DataQualityIssue[],
): void {
  for (const candidate of findStructureCandidates(text)) {
    const spanText = text.slice(candidate.span.start, candidate.span.end);
    const push = (chemicalId: string, confidence: number, evidence: ChemicalHit['evidence']): void => {
      const chemical = matcher.chemicals.get(chemicalId);
      if (chemical !== undefined)
        hits.push({ chemicalId, role: chemical.role, span: candidate.span, text: spanText, confidence, evidence });
    };
    if (candidate.kind !== 'smiles') {
      const id = chemistry.chemicalForInchi(candidate.value);
      if (id !== null)
        push(id, 0.99, {
          method: 'structure',
          input: candidate.kind,
          match: 'identical',
          features: [],
          label: `structure identical to ${id}`,
        });
      else if (candidate.kind === 'inchi') issues.push({ code: 'structure-unparsed', span: candidate.span, text: spanText });
      continue;
    }
    const check = chemistry.checkSmiles(candidate.value);
    if (!check.valid) continue; // the shape test is loose: most failures are ordinary words
    const features = check.patterns.filter((p) => p.role === 'feature').map((p) => p.id);
    if (check.identicalTo !== null) {
      push(check.identicalTo, 0.99, {
        method: 'structure',
        input: 'smiles',
        match: 'identical',
        features,
        canonicalSmiles: check.canonicalSmiles,
        label: `structure identical to ${check.identicalTo}`,
      });
      continue;
    }
    // The most specific class pattern speaks for the structure (frs-scaffold before core-4ap...).
    const pattern = check.patterns.find((p) => p.role === 'class' && p.classId !== undefined);
    if (pattern?.classId !== undefined) {
      push(pattern.classId, pattern.confidence, {
        method: 'structure',
        input: 'smiles',
        match: 'pattern',
        patternId: pattern.id,
        features,
        canonicalSmiles: check.canonicalSmiles,
        label: pattern.label,
      });
    }
  }
}

const round = (x: number): number => Math.round(x * 100) / 100;
