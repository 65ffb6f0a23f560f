/** Folds a name for exact comparison across sources: Unicode compatibility form, case, punctuation and spacing. */
export function foldName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
