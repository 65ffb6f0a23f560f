/**
 * Identifiers as evidence. A shared registration number, tax number, IMO number or wallet address
 * is near proof; two different numbers of a scheme an entity has only one of (China's unified
 * social credit code, a ship's IMO number) are strong evidence against.
 */
export type IdentifierScheme = 'uscc' | 'imo' | 'crypto' | 'other';

export interface Identifier {
  /** Upper-case letters and digits only: "91330000 1234..." and "913300001234..." are one number. */
  readonly value: string;
  readonly scheme: IdentifierScheme;
}

/** Schemes an entity holds exactly one of: a different value is a conflict, not just another number. */
export const UNIQUE_SCHEMES: ReadonlySet<IdentifierScheme> = new Set(['uscc', 'imo']);

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015: 18 characters, the last a check character over the first 17 (weights 3^i mod 31). */
export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  let w = 1;
  for (let i = 0; i < 17; i++) {
    sum += USCC_CHARS.indexOf(code[i] ?? '') * w;
    w = (w * 3) % 31;
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS[check] === code[17];
}

/** IMO ship numbers: 7 digits, the last the sum of the first six times 7..2, modulo 10. */
export function isValidImo(digits: string): boolean {
  if (!/^\d{7}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(digits[i]) * (7 - i);
  return sum % 10 === Number(digits[6]);
}

const CRYPTO = [
  /^(bc1|BC1)[a-zA-HJ-NP-Z0-9]{25,62}$/,
  /^[13][a-km-zA-HJ-NP-Z1-9]{25,34}$/,
  /^0x[0-9a-fA-F]{40}$/,
  /^T[1-9A-HJ-NP-Za-km-z]{33}$/,
  /^4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}$/,
];

/** Classifies and normalises one raw identifier, or undefined when nothing is left of it. */
export function parseIdentifier(raw: string, hint?: IdentifierScheme): Identifier | undefined {
  const trimmed = raw.trim();
  if (CRYPTO.some((re) => re.test(trimmed))) return { value: trimmed.toUpperCase(), scheme: 'crypto' };
  const value = trimmed.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (value.length < 4) return undefined;
  const imo = /^(?:IMO)?(\d{7})$/.exec(value);
  // Seven bare digits are an IMO number only where the source says so (an FtM imoNumber).
  if (imo?.[1] !== undefined && (hint === 'imo' || value.startsWith('IMO')) && isValidImo(imo[1]))
    return { value: imo[1], scheme: 'imo' };
  if (isValidUscc(value)) return { value, scheme: 'uscc' };
  return { value, scheme: 'other' };
}

/** Parses a `;`-separated identifier list (a CSV cell). */
export function parseIdentifierList(cell: string | undefined): Identifier[] {
  if (cell === undefined) return [];
  return cell
    .split(';')
    .map((raw) => parseIdentifier(raw))
    .filter((i): i is Identifier => i !== undefined);
}
