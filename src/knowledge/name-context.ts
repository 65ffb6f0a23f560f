import type { Token } from './tokenize.js';

/**
 * Context that changes what a matched name means. Pure helpers over the token stream and the text.
 */

const JOINERS = new Set(['-', '\u2010', '\u2011', '\u2013', ')', ']']);
const SUBSTITUENT_HAN = '基'; // "-yl"/"group": 苄基 benzyl, 甲基 methyl, 苯胺基 anilino

/**
 * The name is the tail of a longer substituted name ("1-methyl-4-piperidone", "1-苄基-4-哌啶酮",
 * "二甲基苯胺"): not the listed chemical itself. Longer listed names are matched first, so this only
 * rejects substituted names we do not list.
 */
export function isSubstitutedTail(text: string, tokens: readonly Token[], first: number): boolean {
  const start = tokens[first]?.start ?? 0;
  const before = text[start - 1];
  const beforeJoiner = text[start - 2];
  if (before !== undefined && JOINERS.has(before) && beforeJoiner !== undefined && /[\p{L}\p{N})\]]/u.test(beforeJoiner))
    return true;
  const prev = tokens[first - 1];
  if (prev !== undefined && prev.han && prev.key === SUBSTITUENT_HAN && start - prev.end <= 1) return true;
  return false;
}

/** The name is followed by "-<digit>": a further locant ("4-piperidone-3-carboxylic acid") or a model code ("4 AP-7"). */
export function isLocantHead(text: string, tokens: readonly Token[], last: number): boolean {
  const end = tokens[last]?.end ?? 0;
  const after = text[end];
  return after !== undefined && JOINERS.has(after) && after !== ')' && after !== ']' && /\p{N}/u.test(text[end + 1] ?? '');
}

/** A Han name directly followed by 基 is a substituent ("苯胺基" anilino), not the compound. */
export function isSubstituentHead(tokens: readonly Token[], last: number): boolean {
  const t = tokens[last];
  const next = tokens[last + 1];
  return t !== undefined && t.han && next !== undefined && next.han && next.key === SUBSTITUENT_HAN && next.start === t.end;
}

const NEGATING_BEFORE = new Set(['no', 'non', 'without', 'sin', '无', '不含', '非']);

/** "aniline-free", "free of aniline", "without NPP", "sin anilina", "不含苯胺". */
export function isNegated(tokens: readonly Token[], first: number, last: number): boolean {
  const next = tokens[last + 1]?.key;
  if (next === 'free' || next === 'libre') return true;
  const prev = tokens[first - 1]?.key;
  const prev2 = tokens[first - 2]?.key;
  if (prev !== undefined && NEGATING_BEFORE.has(prev)) return true;
  if (prev2 !== undefined && prev !== undefined && NEGATING_BEFORE.has(prev2 + prev)) return true; // 不含 is two Han tokens
  if ((prev === 'of' && prev2 === 'free') || (prev === 'de' && prev2 === 'libre')) return true;
  return false;
}
