import { foldWords } from './fold.js';
import { spellingSkeleton, withinEdits } from './token-similarity.js';
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
  /**
   * Where the surnames begin when the list wrote a person "SURNAME(S), Given names" (the words are
   * then in natural order: given names, surnames); null when the order is not known.
   */
  readonly surnameStart: number | null;
  /** Each word's spelling skeleton, computed once: comparisons read them many times. */
  readonly skeletons: readonly string[];
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
    // Skeletons only for four letters or more: "ck" and "kk" share one, but are not both legal forms.
    const form =
      vocabulary.legalForms.get(key) ?? (key.length >= 4 ? vocabulary.legalForms.get(spellingSkeleton(key)) : undefined);
    if (form !== undefined) return { form, length: n };
  }
  // A long legal form with a typo ("Corporaton", "Compnay", "Sociedad de Responsbailidad
  // Limitada") is still a legal form: one slip in six letters or more, two in twelve or more.
  for (let n = most; n >= 1; n--) {
    const key = (atEnd ? words.slice(words.length - n) : words.slice(0, n)).join('');
    if (key.length < 6) continue;
    const edits = key.length >= 12 ? 2 : 1;
    for (const [form, type] of vocabulary.legalForms)
      if (form.length >= 6 && withinEdits(form, key, edits)) return { form: type, length: n };
  }
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

/** Vocabulary words long enough that one slip in them cannot make another real word. */
const MISSPELT_MIN_LENGTH = 6;

/**
 * A word one slip away from a long business word ("Indutries", "Tecanologies", "Impoitadora") reads
 * as that word, comparing spelling skeletons so "Commercinl" still meets "comercial". Otherwise
 * the list's "industrial" and the query's typo would be two unrelated words, and a typo in a
 * generic word would cost like a different distinctive word. Given names are left alone: one
 * letter separates many of them ("Muhannad", "Muhammad"). Memoised per vocabulary.
 */
function misspeltRewrite(word: string, vocabulary: Vocabulary): readonly string[] | undefined {
  if (word.length < MISSPELT_MIN_LENGTH || /\d/.test(word)) return undefined;
  const memo = vocabulary.misspelt;
  if (memo.has(word)) return memo.get(word) ?? undefined;
  const skeleton = spellingSkeleton(word);
  let found: readonly string[] | null = null;
  for (const [key, canonical] of vocabulary.rewrites)
    if (
      key.length >= MISSPELT_MIN_LENGTH &&
      canonical.every((w) => vocabulary.generic.has(w)) &&
      (withinEdits(key, word, 1) || withinEdits(key, skeleton, 1))
    ) {
      found = canonical;
      break;
    }
  // Generic words that are no synonym's variant ("holding", "enterprise") keep their spelling.
  if (found === null)
    for (const g of vocabulary.generic)
      if (g.length >= MISSPELT_MIN_LENGTH && (withinEdits(g, word, 1) || withinEdits(g, skeleton, 1))) {
        found = [g];
        break;
      }
  if (memo.size >= 100_000) memo.clear();
  memo.set(word, found);
  return found ?? undefined;
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
        vocabulary.rewrites.get(key) ??
        (key.length >= 4 ? vocabulary.rewrites.get(spellingSkeleton(key)) : undefined) ??
        (n === 1 ? misspeltRewrite(key, vocabulary) : undefined);
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

/**
 * Lists write people "SURNAME(S), Given names" ("GUZMAN LOERA, Joaquin Archivaldo"). One comma in
 * a person's name is that convention: the parts are returned so the name can be read in natural
 * order with its surnames known, and a dropped middle name is not mistaken for a dropped surname.
 */
function surnameFirstParts(original: string): { readonly given: string; readonly surnames: string } | null {
  const comma = original.indexOf(',');
  if (comma <= 0 || original.indexOf(',', comma + 1) >= 0) return null;
  const surnames = original.slice(0, comma).trim();
  const given = original.slice(comma + 1).trim();
  return surnames.length === 0 || given.length === 0 ? null : { given, surnames };
}

/** A person's words: folded (Han surname first), synonyms rewritten, leading titles dropped. */
function personWords(text: string, vocabulary: Vocabulary): string[] {
  let words = rewritePhrases(foldWords(text, { surnameFirst: true }), vocabulary);
  while (words.length > 1 && isTitle(words[0] ?? '', vocabulary)) words = words.slice(1);
  return words;
}

/** Titles in any common spelling: "Haji", "Hadji", "Hajy". */
function isTitle(word: string, vocabulary: Vocabulary): boolean {
  return vocabulary.titles.has(word) || (word.length >= 4 && vocabulary.titles.has(spellingSkeleton(word)));
}

export function prepareName(original: string, nameClass: NameClass, vocabulary: Vocabulary): PreparedName {
  const finish = (words: string[], legalForm: LegalFormFeature | null, surnameStart: number | null): PreparedName => ({
    original,
    nameClass,
    tokens: words,
    kinds: words.map((w) => tokenKind(w, vocabulary)),
    legalForm,
    surnameStart,
    skeletons: words.map(spellingSkeleton),
  });
  if (nameClass === 'person') {
    const parts = surnameFirstParts(original);
    if (parts !== null) {
      const given = personWords(parts.given, vocabulary);
      const surnames = personWords(parts.surnames, vocabulary);
      if (given.length > 0 && surnames.length > 0) return finish([...given, ...surnames], null, given.length);
    }
    return finish(personWords(original, vocabulary), null, null);
  }
  let words = foldWords(original);
  let legalForm: LegalFormFeature | null = null;
  if (words.length > 1) ({ words, legalForm } = extractLegalForm(words, vocabulary));
  words = rewritePhrases(words, vocabulary);
  if (nameClass === 'unknown') while (words.length > 1 && isTitle(words[0] ?? '', vocabulary)) words = words.slice(1);
  return finish(words, legalForm, null);
}
