import { FIELD_COUNT, LEVELS } from './compare.js';
import type { FieldWeights } from './fellegi-sunter.js';
import { FIELDS } from './policy.js';

/** One field's part in a pair's weight: what a link is made of, as data. */
export interface FieldEvidence {
  readonly field: (typeof FIELDS)[number];
  readonly level: string;
  /** Bits: log2(m/u) of this level; 0 when missing. */
  readonly weight: number;
}

/** Each field's level and weight; `nameAdjust` is the term-frequency correction of an exact name. */
export function pairEvidence(weights: FieldWeights, levels: Uint8Array, at: number, nameAdjust = 0): FieldEvidence[] {
  const out: FieldEvidence[] = [];
  for (let f = 0; f < FIELD_COUNT; f++) {
    const field = FIELDS[f] ?? 'name';
    const l = levels[at + f] ?? 0;
    const adjust = field === 'name' ? nameAdjust : 0;
    out.push({ field, level: LEVELS[field][l] ?? 'missing', weight: round2((weights.weight[f]?.[l] ?? 0) + adjust) });
  }
  return out;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const signed = (x: number): string => (x >= 0 ? `+${x.toFixed(2)}` : x.toFixed(2));

/** "name close +7.10; date exact +9.80; phone missing 0; ... ; prior -3.20 = 13.70 bits". */
export function explainEvidence(evidence: readonly FieldEvidence[], priorWeight: number): string {
  const total = evidence.reduce((s, e) => s + e.weight, priorWeight);
  return [
    ...evidence.filter((e) => e.level !== 'missing').map((e) => `${e.field} ${e.level} ${signed(e.weight)}`),
    `prior ${signed(round2(priorWeight))}`,
  ]
    .join('; ')
    .concat(` = ${total.toFixed(2)} bits`);
}
