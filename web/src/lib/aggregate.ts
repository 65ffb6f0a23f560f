import type { Alert } from '../types.js';

/** Counts of `key(item)` per `series(item)`: the rows of a stacked bar chart. */
export function crossCount<T>(
  items: readonly T[],
  key: (item: T) => string,
  series: (item: T) => string,
): { keys: string[]; series: string[]; counts: Record<string, Record<string, number>> } {
  const counts: Record<string, Record<string, number>> = {};
  const keys = new Set<string>();
  for (const item of items) {
    const k = key(item);
    const s = series(item);
    keys.add(k);
    const row = (counts[s] ??= {});
    row[k] = (row[k] ?? 0) + 1;
  }
  return { keys: [...keys].sort(), series: Object.keys(counts).sort(), counts };
}

export const alertDay = (a: Alert): string => a.createdAt.slice(0, 10);
