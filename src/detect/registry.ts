import { networkDetector } from '../graph/index.js';
import { transactionMonitoringDetector } from '../monitor/index.js';
import { tradeScreeningDetector } from '../trade/index.js';
import { storeWatchlistHook, watchlistDetector } from '../watchlist/index.js';
import type { Detector } from './detector.js';

/**
 * Every detector Chokepoint ships, in the order they run: trade screening (its watchlist-party
 * rule fed by the store's watchlist datasets), then transaction monitoring, then watchlist
 * screening of parties and account holders, then the network (last: it reads the others'
 * alerts as flags). Each loads its
 * configuration when it runs, never on import.
 */
export const DETECTORS: readonly Detector[] = [
  tradeScreeningDetector({ watchlistFromStore: storeWatchlistHook }),
  transactionMonitoringDetector(),
  watchlistDetector(),
  networkDetector(),
];
