import { mirrorSwap } from './mirror-swap.js';
import { officialBribe } from './official-bribe.js';
import { pillPress } from './pill-press.js';
import { precursorPayment } from './precursor-payment.js';
import { realEstate } from './real-estate.js';
import type { SchemeType } from './scheme.js';
import { splitPrecursor } from './split-precursor.js';
import { structuring } from './structuring.js';

export type { SchemeContext, SchemePlan, SchemeType } from './scheme.js';

/** Every scheme type the simulator plants; each network hosts one scheme of each type. */
export const SCHEME_TYPES: readonly SchemeType[] = [
  splitPrecursor,
  pillPress,
  structuring,
  mirrorSwap,
  precursorPayment,
  officialBribe,
  realEstate,
];
