/**
 * Folding and hashing of party names, addresses and contacts, so that records link when they
 * spell the same party the same way (case, punctuation, spacing, Unicode form). Fuzzy matching
 * across spellings is the entity-resolution issue's job; this keeps exact identities cheap.
 */

/** Lower case, compatibility form, runs of anything but letters and digits as one space. */
export function fold(text: string | null): string | null {
  if (text === null) return null;
  // Most text is printable ASCII: the same result without Unicode normalisation and property classes.
  const folded = PRINTABLE_ASCII.test(text)
    ? text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim()
    : text
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
  return folded === '' ? null : folded;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Phone numbers compare by their digits ("+86 70 0555 0858" = "+8670-0555-0858"). */
export function foldPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 5 ? digits : null;
}

export function foldEmail(email: string | null): string | null {
  const t = email?.trim().toLowerCase() ?? '';
  return t.includes('@') ? t : null;
}

/**
 * A name's stem: its first two folded words. Sister companies of one group keep their stem
 * ("Shenzhen Kaiyuan Biotech" and "Shenzhen Kaiyuan Electronics"); fronts of a supplier usually do not.
 */
export function nameStem(name: string | null): string | null {
  const f = fold(name);
  if (f === null) return null;
  const words = f.split(' ');
  return words.slice(0, 2).join(' ');
}

/**
 * A 53-bit hash of a string (two 32-bit FNV-1a passes with different offsets), exact as a
 * JavaScript number: compact keys for millions of parties, with negligible collisions.
 */
export function hash53(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** Murmur3's 32-bit finaliser: spreads the bits of a key into a table slot. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
