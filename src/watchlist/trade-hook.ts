import type { Store } from '../store/index.js';
import type { WatchlistHook } from '../trade/index.js';
import { addressAgreement } from './address-agreement.js';
import { corroboration } from './corroboration.js';
import { screenParty, sharedStoreScreener, type StoreScreener } from './store-screener.js';

/**
 * Hits below this do not reach the trade rules. The trade policy weighs a watchlist party at 70,
 * enough on its own to flag a shipment, so only near-certain hits count there; every hit at the
 * matching threshold is still reported by the watchlist detector, with its explanation. On the
 * simulated world, feeding the rule at the matching threshold (0.92: a common person name with a
 * conflicting country) cut trade-screening precision from 100% to 11% (docs/watchlists.md).
 */
export const TRADE_HOOK_MIN_SCORE = 0.95;

/**
 * The trade rules' "party on a watchlist" hook over a built screener: the best hit at or above
 * `minScore` that is corroborated beyond the name (corroboration.ts): a company spelled as listed
 * with no conflicting fact and an agreeing legal form or country, or a person with an agreeing
 * date of birth, identifier or nationality. Name-only hits stay with the watchlist detector.
 * Given the party's address, a hit on a listed entity whose known address is another one (no two
 * numbers shared: address-agreement.ts) is a namesake, not the listed firm, and is left out.
 */
export function watchlistHook(s: StoreScreener, minScore: number = TRADE_HOOK_MIN_SCORE): WatchlistHook {
  const memo = new Map<string, ReturnType<WatchlistHook>>();
  return (name: string, country: string | null, address?: string | null) => {
    const key = `${name}\u0000${country ?? ''}\u0000${address ?? ''}`;
    if (memo.has(key)) return memo.get(key);
    const hit = screenParty(s, name, country, minScore).find(
      (h) => corroboration(h.result).corroborated && addressAgreement(address, s.addresses.get(h.entityId) ?? []) !== 'differs',
    );
    const match = hit && { id: hit.entityId, name: hit.result.name.candidateName, score: hit.result.score, list: hit.dataset };
    memo.set(key, match);
    return match;
  };
}

/** The hook over the store's watchlist datasets, or undefined when it holds none. */
export async function storeWatchlistHook(store: Store): Promise<WatchlistHook | undefined> {
  const s = await sharedStoreScreener(store);
  return s === undefined ? undefined : watchlistHook(s);
}
