/**
 * World sizes. `large` is about one US day of low-value parcels in FY2024 (about 4 million a day,
 * domain.md §3), spread here over the simulated weeks so that schemes have time to unfold.
 */
export const SCALE_NAMES = ['tiny', 'small', 'medium', 'large'] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

export interface Scale {
  readonly name: ScaleName;
  readonly shipments: number;
  readonly transactions: number;
  /** Background parties (each written as a few FtM entities). */
  readonly parties: number;
  readonly days: number;
  /** Planted schemes per scheme type. */
  readonly schemesPerType: number;
}

export const SCALES: Readonly<Record<ScaleName, Scale>> = {
  tiny: { name: 'tiny', shipments: 2_000, transactions: 2_000, parties: 600, days: 28, schemesPerType: 1 },
  small: { name: 'small', shipments: 20_000, transactions: 20_000, parties: 5_000, days: 28, schemesPerType: 2 },
  medium: { name: 'medium', shipments: 400_000, transactions: 500_000, parties: 50_000, days: 42, schemesPerType: 12 },
  large: { name: 'large', shipments: 4_000_000, transactions: 5_000_000, parties: 100_000, days: 56, schemesPerType: 60 },
};

export function isScaleName(value: string): value is ScaleName {
  return (SCALE_NAMES as readonly string[]).includes(value);
}
