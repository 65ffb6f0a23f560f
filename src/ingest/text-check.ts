/**
 * Why a piece of decoded text cannot be stored, or undefined when it can. U+FFFD marks bytes
 * that were not valid in the declared encoding; NUL is refused because PostgreSQL cannot store
 * it, and both stores must accept the same input.
 */
export function badText(text: string): string | undefined {
  if (text.includes('\uFFFD')) return 'invalid byte sequence for the file encoding (not UTF-8? try --encoding latin1)';
  if (text.includes('\u0000')) return 'contains a NUL character';
  return undefined;
}
