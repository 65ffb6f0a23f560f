/** A JSON number, matched where a value starts (sticky). */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const MINUS = 0x2d;

/** The first position from `i` that is not JSON whitespace. */
function skip(text: string, i: number): number {
  for (let c = text.charCodeAt(i); c === SPACE || c === TAB || c === LF || c === CR; c = text.charCodeAt(++i));
  return i;
}

/** The position of the quote closing a string whose first character is at `i`; -1 when it has an escape or a control character. */
function stringEnd(text: string, i: number): number {
  for (let c = text.charCodeAt(i); i < text.length; c = text.charCodeAt(++i)) {
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < SPACE) return -1;
  }
  return -1;
}

/**
 * A string of its own. A slice of 13 characters or more shares the line's memory (and the line
 * that of its input chunk), which the window would then keep as long as it keeps the row; the
 * concatenation is flattened into a copy by the slice, so only the value stays.
 */
function own(text: string, from: number, to: number): string {
  const value = text.slice(from, to);
  return value.length < 13 ? value : (' ' + value).slice(1);
}

/**
 * Parses a line holding one flat JSON object (string values without escapes, numbers, true,
 * false, null), as JSON.parse would, or returns undefined for anything else (the caller then uses
 * JSON.parse, which decides and names the error). Why not JSON.parse for these: V8's parser
 * internalizes every short string value, and the stream's transaction ids and account numbers
 * are short and mostly new, so the engine-wide table of internalized strings kept doubling, and
 * each doubling (about 370,000 and 740,000 strings) stopped one decision for 40 to 90 ms. A
 * string made here is a plain copy.
 */
export function parseFlatObject(text: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let i = skip(text, 0);
  if (text.charCodeAt(i) !== OPEN) return undefined;
  i = skip(text, i + 1);
  if (text.charCodeAt(i) === CLOSE) return skip(text, i + 1) === text.length ? out : undefined;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const keyEnd = stringEnd(text, i + 1);
    if (keyEnd < 0) return undefined;
    const key = text.slice(i + 1, keyEnd);
    // JSON.parse makes it an own property; an assignment would set the prototype.
    if (key === '__proto__') return undefined;
    i = skip(text, keyEnd + 1);
    if (text.charCodeAt(i) !== COLON) return undefined;
    i = skip(text, i + 1);
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i + 1);
      if (end < 0) return undefined;
      out[key] = own(text, i + 1, end);
      i = end + 1;
    } else if (c === MINUS || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return undefined;
      out[key] = Number(text.slice(i, NUMBER.lastIndex));
      i = NUMBER.lastIndex;
    } else if (text.startsWith('true', i)) {
      out[key] = true;
      i += 4;
    } else if (text.startsWith('false', i)) {
      out[key] = false;
      i += 5;
    } else if (text.startsWith('null', i)) {
      out[key] = null;
      i += 4;
    } else return undefined;
    i = skip(text, i);
    const next = text.charCodeAt(i);
    if (next === COMMA) i = skip(text, i + 1);
    else if (next === CLOSE) return skip(text, i + 1) === text.length ? out : undefined;
    else return undefined;
  }
}
