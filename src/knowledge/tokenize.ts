/**
 * Text → tokens for name matching. Letters and digits run together into one token; each Han character
 * is a token of its own (Chinese has no spaces, so names must be found inside runs of characters);
 * everything else separates. Keys are lower-cased, accent-free and width-normalised, and keep their
 * offsets in the original text so every hit can point at its span.
 */
export interface Token {
  key: string;
  start: number;
  end: number;
  han: boolean;
}

const TOKEN = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+/gu;
// Tokens hold only letters and digits, so anything outside a-z0-9 needs Unicode normalisation.
const NON_ASCII = /[^a-z0-9]/;
const MARKS = /\p{M}/gu;

export function normaliseToken(raw: string): string {
  const lower = raw.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFKD').replace(MARKS, '').normalize('NFC') : lower;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    out.push({
      key: normaliseToken(raw),
      start: m.index,
      end: m.index + raw.length,
      han: raw.length === 1 && raw.charCodeAt(0) >= 0x2e80,
    });
  }
  return out;
}

/** The lookup key of a name: its tokens joined, so "4-ANPP", "4 anpp" and "4ANPP" are one key. */
export function nameKey(name: string): { key: string; tokens: string[] } {
  const tokens = tokenize(name).map((t) => t.key);
  return { key: tokens.join(''), tokens };
}
