/**
 * CAS registry numbers: check-digit validation and finding them in free text.
 * The check digit is the sum of the other digits, weighted 1, 2, 3... from the right, modulo 10.
 */

const CAS_SHAPE = /^(\d{2,7})-(\d{2})-(\d)$/;

/** The check digit a registry number's first two parts call for. */
export function casCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i + 1);
  return sum % 10;
}

/** Why `cas` is not a valid CAS number, or null when it is. */
export function casCheckDigitError(cas: string): string | null {
  const m = CAS_SHAPE.exec(cas);
  if (m === null) return `not shaped like a CAS number (NNNNNNN-NN-N): "${cas}"`;
  const [, first = '', second = '', check = ''] = m;
  if (first.startsWith('0')) return `CAS number has a leading zero: "${cas}"`;
  const expected = casCheckDigit(first + second);
  return expected === Number(check) ? null : `CAS check digit of "${cas}" should be ${expected}`;
}

export interface Span {
  start: number;
  end: number;
}

export type CasMention =
  | { kind: 'valid'; cas: string; span: Span; labelled: boolean }
  | { kind: 'invalid'; cas: string; span: Span; labelled: boolean; expectedCheckDigit: number }
  | { kind: 'partial'; registryPart: string; span: Span };

// Unicode hyphens and dashes are common in pasted descriptions; treat them all as "-".
const DASH = '[-\\u2010\\u2011\\u2012\\u2013\\u2014\\u2212]';
const FULL = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{2,7})${DASH}(\\d{2})${DASH}(\\d)(?!\\p{N}|${DASH}\\p{N})`, 'gu');
// "CAS 79099", "CAS#79099", "cas no. 79099": the registry part alone, only when labelled "CAS".
const PARTIAL = new RegExp(
  `(?<![\\p{L}\\p{N}])cas(?:\\s*(?:no\\.?|rn|number|nr\\.?))?[\\s:#.]*(\\d{4,7})(?!\\p{N}|${DASH}\\p{N})`,
  'giu',
);
const LABEL_BEFORE = /cas(?:\s*(?:no\.?|rn|number|nr\.?))?[\s:#.-]*$/i;

/** Every CAS-shaped number in `text`; unlabelled numbers with a bad check digit are not CAS (part numbers). */
export function findCasMentions(text: string): CasMention[] {
  const out: CasMention[] = [];
  if (!/\d/.test(text)) return out;
  for (const m of text.matchAll(FULL)) {
    const [whole, first = '', second = '', check = ''] = m;
    const start = m.index;
    const span = { start, end: start + whole.length };
    const labelled = LABEL_BEFORE.test(text.slice(Math.max(0, start - 16), start));
    const cas = `${first}-${second}-${check}`;
    const expected = casCheckDigit(first + second);
    if (expected === Number(check) && !first.startsWith('0')) out.push({ kind: 'valid', cas, span, labelled });
    else out.push({ kind: 'invalid', cas, span, labelled, expectedCheckDigit: expected });
  }
  for (const m of text.matchAll(PARTIAL)) {
    const registryPart = m[1] ?? '';
    const end = m.index + m[0].length;
    out.push({ kind: 'partial', registryPart, span: { start: end - registryPart.length, end } });
  }
  return out;
}
