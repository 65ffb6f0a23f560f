import type { Detector } from './detector.js';

/**
 * Every detector Chokepoint ships, in the order they run. Empty until the trade-screening and
 * financial-monitoring issues add theirs; the harnesses that use it already work.
 */
export const DETECTORS: readonly Detector[] = [];
