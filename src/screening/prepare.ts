import { distance } from 'fastest-levenshtein';
import { foldWords } from './fold.js';
import { spellingSkeleton } from './token-similarity.js';
import { tokenKind, type LegalFormType, type TokenKind, type Vocabulary } from './vocabulary.js';

/** How a name is read: people have no legal form and may carry titles; organisations the reverse. */
export type NameClass = 'person' | 'organization' | 'vessel' | 'unknown';

export interface LegalFormFeature extends LegalFormType {
  /** The words recognised, as folded ("co ltd", "you xian gong si"). */
  readonly text: string;
}

/** A name ready to compare: folded words, each with its kind, and the legal form taken out of it. */
export interface PreparedName {
  readonly original: string;
  readonly nameClass: NameClass;
  readonly tokens: readonly string[];
  readonly kinds: readonly TokenKind[];
  readonly legalForm: LegalFormFeature | null;
}

/** Longest legal form at the end (or start) of the words, leaving at least one word. */
function matchLegalForm(
  words: readonly string[],
  vocabulary: Vocabulary,
  atEnd: boolean,
): { readonly form: LegalFormType; readonly length: number } | null {
  const most = Math.min(vocabulary.maxLegalFormWords, words.length - 1);
  for (let n = most; n >= 1; n--) {
    const part = atEnd ? words.slice(words.length - n) : words.slice(0, n);
    const key = part.join('');
    const form = vocabulary.legalForms.get(key) ?? vocabulary.legalForms.get(spellingSkeleton(key));
    if (form !== undefined) return { form, length: n };
  }
  // A long legal-form word with one typo ("Corporaton", "Compnay") is still a legal form.
  const edge = (atEnd ? words[words.length - 1] : words[0]) ?? '';
  if (words.length > 1 && edge.length >= 6)
    for (const [form, type] of vocabulary.legalForms)
      if (form.length >= 6 && Math.abs(form.length - edge.length) <= 1 && distance(form, edge) <= 1)
        return { form: type, length: 1 };
  return null;
}

/**
 * Takes legal forms off the end (twice at most: "Co., Ltd." may be read as "Co" + "Ltd") and the
 * start ("OOO Romashka", "PT ... Tbk"). When two are found the specific one is kept: "company"
 * only says it is a company.
 */
function extractLegalForm(words: string[], vocabulary: Vocabulary): { words: string[]; legalForm: LegalFormFeature | null } {
  const found: LegalFormFeature[] = [];
  let rest = words;
  for (let i = 0; i < 2; i++) {
    const m = matchLegalForm(rest, vocabulary, true);
    if (m === null) break;
    found.push({ ...m.form, text: rest.slice(rest.length - m.length).join(' ') });
    rest = rest.slice(0, rest.length - m.length);
  }
  const head = matchLegalForm(rest, vocabulary, false);
  if (head !== null) {
    found.push({ ...head.form, text: rest.slice(0, head.length).join(' ') });
    rest = rest.slice(head.length);
  }
  const legalForm = found.find((f) => f.type !== 'company') ?? found[0] ?? null;
  return { words: rest, legalForm };
}

/** Synonyms and multi-word phrases to one spelling, longest phrase first. */
function rewritePhrases(words: readonly string[], vocabulary: Vocabulary): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    let consumed = 0;
    for (let n = Math.min(vocabulary.maxPhraseWords, words.length - i); n >= 1; n--) {
      const key = words.slice(i, i + n).join('');
      const canonical =
        vocabulary.rewrites.get(key) ?? (key.length >= 4 ? vocabulary.rewrites.get(spellingSkeleton(key)) : undefined);
      if (canonical !== undefined) {
        out.push(...canonical);
        consumed = n;
        break;
      }
    }
    if (consumed === 0) {
      out.push(words[i] ?? '');
      consumed = 1;
    }
    i += consumed;
  }
  return out;
}

export function prepareName(original: string, nameClass: NameClass, vocabulary: Vocabulary): PreparedName {
  let words = foldWords(original, { surnameFirst: nameClass === 'person' });
  let legalForm: LegalFormFeature | null = null;
  if (nameClass !== 'person' && words.length > 1) ({ words, legalForm } = extractLegalForm(words, vocabulary));
  words = rewritePhrases(words, vocabulary);
  if (nameClass === 'person' || nameClass === 'unknown')
    while (words.length > 1 && vocabulary.titles.has(words[0] ?? '')) words = words.slice(1);
  return { original, nameClass, tokens: words, kinds: words.map((w) => tokenKind(w, vocabulary)), legalForm };
}
