import { normaliseCountry } from '../model/index.js';
import { foldWords, parseIdentifier } from '../screening/index.js';

/**
 * Field values as compared: each parser returns the normal form, or a reason the value cannot be
 * read (the caller turns it into a rejection naming file, line and field). Empty cells are
 * missing, not wrong.
 */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/**
 * A date as one number, yyyymmdd, with 00 for the parts not given: 1971 → 19710000, 1971-03 →
 * 19710300. ISO forms only (YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD, a time part ignored): "03/04/1971"
 * is day-first in one country and month-first in another, so it is refused rather than guessed.
 */
export function parseDate(raw: string): Parsed<number> {
  const s = raw.trim();
  const m = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:[T ].*)?$/.exec(s);
  if (m === null) return bad(`"${raw}" is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  const year = Number(m[1]);
  const month = m[2] === undefined ? 0 : Number(m[2]);
  const day = m[3] === undefined ? 0 : Number(m[3]);
  if (year < 1000 || month > 12 || day > 31 || (m[2] !== undefined && month === 0) || (m[3] !== undefined && day === 0))
    return bad(`"${raw}" is not a valid date`);
  return ok(year * 10_000 + month * 100 + day);
}

export function formatDate(date: number): string {
  const y = Math.floor(date / 10_000);
  const m = Math.floor(date / 100) % 100;
  const d = date % 100;
  const two = (n: number): string => String(n).padStart(2, '0');
  return m === 0 ? String(y) : d === 0 ? `${y}-${two(m)}` : `${y}-${two(m)}-${two(d)}`;
}

/** Phone numbers by their digits; a leading "+" or "00" and the formatting are dropped. */
export function parsePhone(raw: string): Parsed<string> {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 6) return bad(`"${raw}" has fewer than 6 digits`);
  return ok(digits);
}

export function parseEmail(raw: string): Parsed<string> {
  const s = raw.trim().toLowerCase();
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1 || /\s/.test(s)) return bad(`"${raw}" is not an e-mail address`);
  return ok(s);
}

/** ISO alpha-2 where recognisable ("cn", "CN"), else the folded text ("people s republic of china"). */
export function parseCountry(raw: string): Parsed<string> {
  const code = normaliseCountry(raw);
  if (code !== undefined) return ok(code);
  const folded = foldWords(raw).join(' ');
  return folded.length === 0 ? bad(`"${raw}" is not a country`) : ok(folded);
}

/** Identifiers as the screening matcher normalises them; a cell may list several separated by ";". */
export function parseIdentifiers(raw: string): Parsed<string[]> {
  const values: string[] = [];
  for (const part of raw.split(';')) {
    if (part.trim().length === 0) continue;
    const id = parseIdentifier(part);
    if (id === undefined) return bad(`"${part.trim()}" is too short to identify anything`);
    values.push(id.value);
  }
  return ok(values);
}

/**
 * Addresses as folded words with common words abbreviated one way ("Street" and "St." are one
 * word), so formatting differences do not read as different addresses.
 */
export function normaliseAddress(raw: string, words: Readonly<Record<string, string>>): string {
  return foldWords(raw)
    .map((w) => words[w] ?? w)
    .join(' ');
}
