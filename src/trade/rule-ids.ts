/**
 * Every rule the screening implements, by id: the fixed vocabulary of reasons. The policy must
 * give each a weight (and may not invent others), so a rule can never fire unweighted.
 */
export const RULE_IDS = [
  'controlled-chemical',
  'possible-analogue',
  'listed-precursor-not-in-force',
  'watch-reagent',
  'dea-declared',
  'hs-chemical-under-non-chemical-heading',
  'hs-npp-heading-mismatch',
  'hs-catch-all-vague-description',
  'value-weight-implausible',
  'press-without-dea-id',
  'press-heading-without-dea-id',
  'press-misdeclaration-heading',
  'transit-route',
  'us-reexport-to-mexico',
  'origin-of-concern',
  'residential-consignee',
  'shared-shipper-contact',
  'new-shipper',
  'watchlist-party',
  'split-low-value-day',
  'split-low-value-week',
  'split-weight-week',
  'data-quality-rejected-row',
  'data-quality-unknown-hs-code',
  'data-quality-cas-check-digit',
  'data-quality-missing-field',
  'data-quality-odd-encoding',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
