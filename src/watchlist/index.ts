export { readWatchlistFile, readWatchlistRecords, sniffWatchlist, WATCHLIST_FORMATS, type WatchlistFormat } from './read.js';
export type { ListRecord } from './list-record.js';
export { WatchlistFormatError } from './errors.js';
export { parseRemarks, parsePhrase, ofacDate, ofacDates, type RemarkFact } from './ofac/remarks.js';
export { countryCode, countryValue } from './country-names.js';
export { loadWatchlist, type WatchlistLoad } from './load.js';
export {
  fetchWatchlists,
  download,
  FetchError,
  OFAC_BASE_URL,
  OFAC_FILES,
  UN_URL,
  WATCHLIST_SOURCES,
  type WatchlistSource,
  type FetchOptions,
  type FetchResult,
  type FetchedFile,
} from './fetch.js';
export {
  watchlistDetector,
  WATCHLIST_DETECTOR_ID,
  WATCHLIST_DETECTOR_VERSION,
  WATCHLIST_RULE_ID,
  type WatchlistDetectorOptions,
  type WatchlistMatchDetail,
} from './detector.js';
export {
  buildStoreScreener,
  sharedStoreScreener,
  storeListsScreener,
  currentDatasets,
  screenParty,
  type StoreScreener,
} from './store-screener.js';
export { watchlistHook, storeWatchlistHook, TRADE_HOOK_MIN_SCORE } from './trade-hook.js';
