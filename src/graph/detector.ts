import type { Detector } from '../detect/detector.js';
import type { Alert } from '../model/index.js';
import type { Store } from '../store/index.js';
import { buildGraphFromStore } from './from-store.js';
import { NETWORK_DETECTOR_ID, NETWORK_DETECTOR_VERSION, networkAlerts } from './network-alerts.js';
import { loadNetworkPolicy, type NetworkPolicy } from './policy.js';

/**
 * The network analytics as a registered `Detector`: builds the graph from the store (with the
 * alerts of the detectors that ran before it as flags), then raises the network alerts. The
 * policy is read when it runs, never on import.
 */
export function networkDetector(options: { policy?: NetworkPolicy; policyFile?: string } = {}): Detector {
  return {
    id: NETWORK_DETECTOR_ID,
    version: NETWORK_DETECTOR_VERSION,
    description:
      'network analytics: parties near designated ones, the OFAC 50% rule, front-company clusters, chokepoints of the risky flow, complicity of officials',
    typologies: ['split_low_value_precursor', 'structuring', 'mirror_swap', 'official_bribe', 'shell_real_estate'],
    async detect(store: Store): Promise<readonly Alert[]> {
      const policy = options.policy ?? loadNetworkPolicy(options.policyFile);
      const { graph, edgeFlags } = await buildGraphFromStore(store, {
        resolution: policy.data.resolution,
        pseudoAccounts: policy.data.pseudoAccounts,
      });
      // Alerts are dated by the run: network findings have no single activity time.
      return networkAlerts(graph, edgeFlags, policy, new Date().toISOString());
    },
  };
}
