import { cardPaydown } from './card-paydown.js';
import { layering } from './layering.js';
import { mirrorSwap } from './mirror-swap.js';
import { officialBribe } from './official-bribe.js';
import { pillPress } from './pill-press.js';
import { precursorPayment } from './precursor-payment.js';
import { realEstate } from './real-estate.js';
import { relatedStructuring } from './related-structuring.js';
import type { SchemeType } from './scheme.js';
import { sharedContacts } from './shared-contacts.js';
import { splitPrecursor } from './split-precursor.js';
import { structuring } from './structuring.js';

export type { SchemeContext, SchemePlan, SchemeType } from './scheme.js';

/**
 * Every scheme type the simulator plants; each network hosts one scheme of each type. Two types
 * can share a typology (structuring into one funnel and across related accounts; precursor
 * payments and remittances to nominees sharing contacts): the typology is what the detectors
 * declare, the type is how the scheme is built.
 */
export const SCHEME_TYPES: readonly SchemeType[] = [
  splitPrecursor,
  pillPress,
  structuring,
  mirrorSwap,
  precursorPayment,
  officialBribe,
  realEstate,
  layering,
  cardPaydown,
  sharedContacts,
  relatedStructuring,
];
