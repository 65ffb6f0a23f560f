/**
 * Time windows of the split detector, as integers: a calendar day, and two weeks that hop by
 * half a week (Monday to Sunday, and Thursday to Wednesday), so a burst of parcels that straddles
 * a week boundary still falls whole into one of them. Days are counted from 1970-01-01 (a Thursday).
 */
export const WINDOW_KINDS = ['day', 'week-mon', 'week-thu'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

const DAY_MS = 86_400_000;
const KIND_SHIFT = 0x400000; // 2^22 days: beyond any date we screen

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD), or null when it is not one. */
export function dayNumber(date: string | null): number | null {
  if (date === null) return null;
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : null;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the window of `kind` that holds `day`. */
export function windowStart(kind: WindowKind, day: number): number {
  switch (kind) {
    case 'day':
      return day;
    case 'week-mon':
      return Math.floor((day + 3) / 7) * 7 - 3; // day 4 (1970-01-05) was a Monday
    case 'week-thu':
      return Math.floor(day / 7) * 7;
  }
}

/** One integer per (kind, window): what the bucket table keys on together with the party. */
export function windowCode(kind: WindowKind, day: number): number {
  return WINDOW_KINDS.indexOf(kind) * KIND_SHIFT + windowStart(kind, day) + KIND_SHIFT / 2;
}

export function describeWindow(kind: WindowKind, day: number): string {
  const start = windowStart(kind, day);
  return kind === 'day' ? `on ${dateOfDay(start)}` : `in the week ${dateOfDay(start)} to ${dateOfDay(start + 6)}`;
}
