import type { MonitorDetector } from '../rule.js';
import { beneficiaryContactsDetector } from './beneficiary-contacts.js';
import { cardPaydownDetector } from './card-paydown.js';
import { chemicalSellerDetector } from './chemical-seller.js';
import { cycleDetector } from './cycle.js';
import { fanDetector } from './fan.js';
import { layeringDetector } from './layering.js';
import { mirrorSwapDetector } from './mirror-swap.js';
import { officialPaymentsDetector } from './official-payments.js';
import { passThroughDetector } from './pass-through.js';
import { realEstateDetector } from './real-estate.js';
import { remittanceDetector } from './remittance.js';
import { scatterGatherDetector } from './scatter-gather.js';
import { structuringDetector } from './structuring.js';

/**
 * Every monitoring detector, in the order they run: those that read other detectors' outcomes
 * (remittance senders who are mules, purchases funded by flagged accounts, officials paid by
 * flagged companies) come after the detectors they read.
 */
export const MONITOR_DETECTORS: readonly MonitorDetector[] = [
  structuringDetector,
  mirrorSwapDetector,
  chemicalSellerDetector,
  fanDetector,
  cycleDetector,
  scatterGatherDetector,
  layeringDetector,
  passThroughDetector,
  cardPaydownDetector,
  remittanceDetector,
  beneficiaryContactsDetector,
  officialPaymentsDetector,
  realEstateDetector,
];
