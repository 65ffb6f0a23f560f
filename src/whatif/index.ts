export {
  runWhatIf,
  WORLD_FILES,
  WORLD_WATCHLIST_DATASET,
  loadWorldWatchlist,
  type WhatIfOptions,
  type WorldWriter,
} from './whatif.js';
export { compareRuns, formatComparison, WHATIF_COLUMNS, type WhatIfRow, type WhatIfRun } from './compare.js';
