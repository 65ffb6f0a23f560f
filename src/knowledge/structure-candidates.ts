import type { Span } from './cas.js';

/**
 * Finding SMILES, InChI and InChIKey strings in free text without a chemistry toolkit: a cheap shape
 * test decides which words are worth handing to RDKit, so ordinary descriptions never reach it.
 */
export interface StructureCandidate {
  kind: 'smiles' | 'inchi' | 'inchikey';
  value: string;
  span: Span;
}

// InChI layers contain commas ("h1-5H,7H2"), so only whitespace, quotes and ';' end one.
const INCHI = /InChI=1S?\/[^\s"';]+/g;
const INCHIKEY = /(?<![A-Z-])[A-Z]{14}-[A-Z]{8}[SN][A-Z]-[A-Z](?![A-Z-])/g;
const WORD = /[^\s,;"']+/g;
const SMILES_CHARS = /^[A-Za-z0-9@+\-[\]()=#$%/\\.:*]+$/;
// Outside brackets SMILES letters are only the organic subset; model numbers and words fail here.
const ORGANIC_ONLY = /^(?:Cl|Br|[BCNOSPFIbcnosp]|[^A-Za-z])+$/;
const STRUCTURAL = /[\d()=#[\]]/;

export function looksLikeSmiles(word: string): boolean {
  if (word.length < 5 || !SMILES_CHARS.test(word) || !STRUCTURAL.test(word)) return false;
  if (/^[\d\-./:]+$/.test(word)) return false; // numbers, dates, CAS numbers
  const outside = word.replace(/\[[^\]]*\]/g, '');
  if (!ORGANIC_ONLY.test(outside)) return false;
  const atoms = outside.match(/Cl|Br|[BCNOSPFIbcnosp]/g)?.length ?? 0;
  // Balanced brackets, and at least four atoms: "C-130", "(1)" and "O2" are not worth parsing.
  let depth = 0;
  for (const ch of word) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return atoms >= 4 && depth === 0;
}

export function findStructureCandidates(text: string): StructureCandidate[] {
  const out: StructureCandidate[] = [];
  const taken: Span[] = [];
  for (const m of text.matchAll(INCHI)) {
    const value = m[0].replace(/[.,)\]]+$/, '');
    const span = { start: m.index, end: m.index + value.length };
    out.push({ kind: 'inchi', value, span });
    taken.push(span);
  }
  for (const m of text.matchAll(INCHIKEY))
    out.push({ kind: 'inchikey', value: m[0], span: { start: m.index, end: m.index + m[0].length } });
  for (const m of text.matchAll(WORD)) {
    // Trailing sentence punctuation is not part of a SMILES string.
    const { value, offset } = unwrap(m[0]);
    const span = { start: m.index + offset, end: m.index + offset + value.length };
    if (taken.some((t) => span.start < t.end && t.start < span.end)) continue;
    if (looksLikeSmiles(value)) out.push({ kind: 'smiles', value, span });
  }
  return out;
}

/** Strip a "SMILES:" label, sentence punctuation and one pair of wrapping parentheses. */
function unwrap(word: string): { value: string; offset: number } {
  let value = word.replace(/[.:,]+$/, '');
  let offset = 0;
  const label = /^smiles[:=]/i.exec(value);
  if (label !== null) [value, offset] = [value.slice(label[0].length), label[0].length];
  if (value.startsWith('(') && value.endsWith(')') && looksLikeSmiles(value.slice(1, -1)))
    [value, offset] = [value.slice(1, -1), offset + 1];
  return { value, offset };
}
