import type { Detector } from '../detect/index.js';
import type { Alert } from '../model/index.js';
import type { Store } from '../store/index.js';
import type { Chemistry } from '../knowledge/index.js';
import { loadPolicy, type TradePolicy } from './policy.js';
import type { WatchlistHook } from './rules/context.js';
import { alertFor, TRADE_DETECTOR_ID, TRADE_DETECTOR_VERSION } from './screen-file.js';
import { ScreeningRun } from './screening-run.js';

/** The simulator's trade typologies (src/simulate/schemes): what this detector is evaluated on. */
export const TRADE_TYPOLOGIES = ['split_low_value_precursor', 'pill_press_import'] as const;

export interface TradeDetectorOptions {
  /** Default: the bundled policy, loaded when the detector first runs (never on import). */
  readonly policy?: TradePolicy;
  readonly chemistry?: Chemistry;
  readonly watchlist?: WatchlistHook;
  /** The hook made from the store being screened (e.g. its watchlist datasets), when `watchlist` is not given. */
  readonly watchlistFromStore?: (store: Store) => Promise<WatchlistHook | undefined>;
  readonly tempDir?: string;
}

/**
 * Trade screening over the store's shipments: the same rules, split detector and shipper
 * clusters as `screen shipments`, one alert per flagged shipment (subject: the store id;
 * evidence: store ids of the other members of a split).
 */
export function tradeScreeningDetector(options: TradeDetectorOptions = {}): Detector {
  return {
    id: TRADE_DETECTOR_ID,
    version: TRADE_DETECTOR_VERSION,
    description:
      'shipment risk screening: precursors, analogues, pill presses without DEA ids, HS/description mismatches, routes, shipper clusters, split low-value shipments',
    typologies: TRADE_TYPOLOGIES,
    async detect(store: Store): Promise<readonly Alert[]> {
      const policy = options.policy ?? loadPolicy();
      const watchlist = options.watchlist ?? (await options.watchlistFromStore?.(store));
      const run = new ScreeningRun({
        policy,
        ...(options.chemistry === undefined ? {} : { chemistry: options.chemistry }),
        ...(watchlist === undefined ? {} : { watchlist }),
        ...(options.tempDir === undefined ? {} : { tempDir: options.tempDir }),
      });
      for await (const s of store.iterateShipments()) run.addShipment(s, { id: s.id, subject: s.id });
      const alerts: Alert[] = [];
      const now = new Date().toISOString();
      await run.finish((r) => {
        if (r.flagged) alerts.push(alertFor(r, now));
      });
      return alerts;
    },
  };
}
