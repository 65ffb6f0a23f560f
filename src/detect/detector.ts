import type { Alert } from '../model/index.js';
import type { Store } from '../store/index.js';

/**
 * A detector: self-describing (id, version, what it finds) and run over the store's typed
 * records, returning alerts with their reasons. Detectors arrive with the screening and
 * monitoring issues; the what-if harness and `analyze` run whatever is registered.
 */
export interface Detector {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  /** The typologies it targets, in the simulator's vocabulary (see src/simulate/truth.ts). */
  readonly typologies: readonly string[];
  detect(store: Store): Promise<readonly Alert[]>;
}

/** Runs detectors in order and stores their alerts; returns how many each raised. */
export async function runDetectors(store: Store, detectors: readonly Detector[]): Promise<Record<string, number>> {
  const raised: Record<string, number> = {};
  for (const detector of detectors) {
    const alerts = await detector.detect(store);
    await store.writeAlerts(alerts);
    raised[detector.id] = alerts.length;
  }
  return raised;
}
