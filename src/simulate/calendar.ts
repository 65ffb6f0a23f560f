/**
 * Simulated time: ISO dates from a start date and day index, weekday and seasonal activity
 * weights, and a deterministic split of a total over days in proportion to those weights.
 */
const DAY_MS = 86_400_000;

export function dateOf(startDate: string, day: number): string {
  return new Date(Date.parse(`${startDate}T00:00:00Z`) + day * DAY_MS).toISOString().slice(0, 10);
}

/** Epoch milliseconds of a day's midnight (UTC). */
export function dayStartMs(startDate: string, day: number): number {
  return Date.parse(`${startDate}T00:00:00Z`) + day * DAY_MS;
}

const WEEKDAY_WEIGHT = [0.35, 1, 1.05, 1.05, 1, 1.1, 0.55]; // Sunday .. Saturday

/** Weekdays heavier than weekends; a mild peak towards November-December (e-commerce season). */
export function activityWeight(date: string): number {
  const d = new Date(`${date}T00:00:00Z`);
  const month = d.getUTCMonth();
  const seasonal = 1 + 0.2 * Math.max(0, Math.cos(((month - 10.5) / 12) * 2 * Math.PI));
  return (WEEKDAY_WEIGHT[d.getUTCDay()] ?? 1) * seasonal;
}

export function isWeekday(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** Splits `total` over `days` days in proportion to their activity; the parts sum to `total` exactly. */
export function dailyCounts(total: number, startDate: string, days: number): number[] {
  const weights = Array.from({ length: days }, (_, d) => activityWeight(dateOf(startDate, d)));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts: number[] = [];
  let cumulative = 0;
  let assigned = 0;
  for (const w of weights) {
    cumulative += w;
    const upTo = Math.round((cumulative / sum) * total);
    counts.push(upTo - assigned);
    assigned = upTo;
  }
  return counts;
}
