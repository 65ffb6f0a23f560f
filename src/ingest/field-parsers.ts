import { normaliseCountry } from '../model/index.js';
import { FieldError } from './rejection.js';

/** Trimmed text, or null when empty. */
export function text(value: string | undefined): string | null {
  if (value === undefined) return null;
  const t = value.trim();
  return t.length === 0 ? null : t;
}

export function required(field: string, value: string | undefined): string {
  const t = text(value);
  if (t === null) throw new FieldError(field, 'required but empty');
  return t;
}

/** Digits with at most one dot and at least one digit ("12", "3.50", ".5"): the form nearly every amount has. */
function plainDecimal(t: string): boolean {
  let digits = 0;
  let dot = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A finite decimal number ("1234.5", "-3", "1e3"); thousands separators are refused. */
export function decimal(field: string, value: string | undefined, options: { min?: number } = {}): number | null {
  const t = text(value);
  if (t === null) return null;
  const n = Number(t);
  // The plain form is a case of the full pattern, checked without a regular expression.
  if (!(plainDecimal(t) || DECIMAL.test(t)) || !Number.isFinite(n)) {
    throw new FieldError(field, `not a number: "${t}"`);
  }
  if (options.min !== undefined && n < options.min) throw new FieldError(field, `must be at least ${options.min}, got ${t}`);
  return n;
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** An ISO 8601 calendar date; a full timestamp is cut to its date. */
export function isoDate(field: string, value: string | undefined): string | null {
  const t = text(value);
  if (t === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(t);
  if (m === null || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new FieldError(field, `not an ISO 8601 date (YYYY-MM-DD): "${t}"`);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** An ISO 8601 timestamp as epoch milliseconds; without a zone it is taken as UTC. */
export function isoTimestamp(field: string, value: string | undefined): number {
  const t = required(field, value);
  const m = ISO_TIMESTAMP.exec(t);
  if (m === null || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new FieldError(field, `not an ISO 8601 timestamp: "${t}"`);
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) throw new FieldError(field, `time out of range: "${t}"`);
  const ms = Date.parse(
    `${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
  );
  if (Number.isNaN(ms)) throw new FieldError(field, `not an ISO 8601 timestamp: "${t}"`);
  return ms;
}

export function country(field: string, value: string | undefined): string | null {
  const t = text(value);
  if (t === null) return null;
  const code = normaliseCountry(t);
  if (code === undefined) throw new FieldError(field, `unknown country code "${t}" (expected ISO 3166-1 alpha-2)`);
  return code;
}

/** A ";"-separated list of country codes, in order. */
export function countryList(field: string, value: string | undefined): string[] {
  const t = text(value);
  if (t === null) return [];
  return t
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => country(field, part) as string);
}

export function oneOf<T extends string>(field: string, value: string | undefined, allowed: readonly T[]): T | null {
  const t = text(value);
  if (t === null) return null;
  const lower = t.toLowerCase();
  if (!(allowed as readonly string[]).includes(lower)) {
    throw new FieldError(field, `"${t}" is not one of ${allowed.join(', ')}`);
  }
  return lower as T;
}

/** An HS or HTS code: 6 to 10 digits once dots and spaces are removed. */
export function hsCode(field: string, value: string | undefined): string | null {
  const t = text(value);
  if (t === null) return null;
  const digits = t.replace(/[.\s]/g, '');
  if (!/^\d{6,10}$/.test(digits)) throw new FieldError(field, `not an HS code of 6 to 10 digits: "${t}"`);
  return digits;
}

export function currencyCode(field: string, value: string | undefined): string {
  const t = required(field, value).toUpperCase();
  if (!/^[A-Z]{3}$/.test(t)) throw new FieldError(field, `not an ISO 4217 currency code: "${t}"`);
  return t;
}

export function requiredDecimal(field: string, value: string | undefined, options: { min?: number } = {}): number {
  const n = decimal(field, value, options);
  if (n === null) throw new FieldError(field, 'required but empty');
  return n;
}
