import { DEFAULT_LEVERS, lowValueThreshold, type Levers } from '../simulate/index.js';
import type { TradePolicy } from './policy.js';

/**
 * The low-value (de minimis) threshold for an origin on a date, from the policy's schedules. The
 * schedules have the simulator's lever shape and are looked up with the simulator's own
 * `lowValueThreshold`, so screening and simulation agree on what a threshold means: the policy's
 * group schedules are expanded to their countries once, a country's own schedule winning.
 */
export function lowValueLookup(policy: TradePolicy): (origin: string | null, date: string) => number {
  const byCountry: Levers['lowValueThresholdUsd'] = {};
  const schedules = policy.data.lowValueThresholdUsd;
  for (const [key, schedule] of Object.entries(schedules)) {
    const group = policy.data.countryGroups[key];
    if (group !== undefined) for (const c of group.countries) if (!(c in schedules)) byCountry[c] = schedule;
  }
  for (const [key, schedule] of Object.entries(schedules)) if (!(key in policy.data.countryGroups)) byCountry[key] = schedule;
  const levers: Levers = { ...DEFAULT_LEVERS, lowValueThresholdUsd: byCountry };
  const memo = new Map<string, number>();
  return (origin, date) => {
    const key = `${origin ?? ''}|${date}`;
    let usd = memo.get(key);
    if (usd === undefined) {
      usd = lowValueThreshold(levers, origin ?? 'default', date);
      if (memo.size > 100_000) memo.clear();
      memo.set(key, usd);
    }
    return usd;
  };
}
