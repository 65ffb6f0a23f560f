import { networkDetector } from '../graph/index.js';
import { transactionMonitoringDetector } from '../monitor/index.js';
import { tradeScreeningDetector } from '../trade/index.js';
import type { Detector } from './detector.js';

/**
 * Every detector Chokepoint ships, in the order they run: trade screening, then transaction
 * monitoring, then the network (last: it reads the others' alerts as flags). Each loads its
 * configuration when it runs, never on import.
 */
export const DETECTORS: readonly Detector[] = [tradeScreeningDetector(), transactionMonitoringDetector(), networkDetector()];
