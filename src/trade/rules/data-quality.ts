import type { AlertReason } from '../../model/index.js';
import { HS2022_HEADINGS } from '../data/hs-headings.js';
import { formatHs, reason, type RowContext } from './context.js';

// US national chapters (HTSUS 98 and 99: special provisions) are valid on US entries though not in the HS.
const NATIONAL_CHAPTERS = new Set(['98', '99']);

/** Whether the code's chapter and heading exist in HS 2022 (national chapters 98/99 accepted). */
export function knownHsHeading(hs: string): boolean {
  const chapter = hs.slice(0, 2);
  if (NATIONAL_CHAPTERS.has(chapter)) return true;
  const headings = HS2022_HEADINGS[chapter];
  return headings !== undefined && headings.split(' ').includes(hs.slice(2, 4));
}

const FIELD_LABELS: Record<string, string> = {
  description: 'description',
  declaredValueUsd: 'declared_value_usd',
  grossWeightKg: 'gross_weight_kg',
  arrivalDate: 'arrival_date',
  originCountry: 'origin_country',
  hsCode: 'hs_code',
};

/** Problems with the data itself, reported as reasons instead of guessed around. */
export function dataQualityRules(ctx: RowContext): AlertReason[] {
  const { shipment: s, policy, goods } = ctx;
  const out: AlertReason[] = [];
  if (s.hsCode !== null && !knownHsHeading(s.hsCode))
    out.push(
      reason(policy, 'data-quality-unknown-hs-code', `HS ${formatHs(s.hsCode)}: no such heading in HS 2022`, [`hs:${s.hsCode}`]),
    );
  for (const issue of goods.issues) {
    if (issue.code !== 'cas-check-digit') continue;
    const maybe = issue.possibleChemicalId === undefined ? '' : `; the registry part is that of ${issue.possibleChemicalId}`;
    out.push(
      reason(
        policy,
        'data-quality-cas-check-digit',
        `CAS "${issue.text}" has a wrong check digit (expected ${issue.expectedCheckDigit})${maybe}`,
        [...(issue.possibleChemicalId === undefined ? [] : [`chemical:${issue.possibleChemicalId}`])],
      ),
    );
  }
  const missing = policy.data.requiredFields.filter((f) => s[f] === null).map((f) => FIELD_LABELS[f] ?? f);
  if (missing.length > 0) out.push(reason(policy, 'data-quality-missing-field', `missing ${missing.join(', ')}`));
  if (goods.oddEncoding)
    out.push(reason(policy, 'data-quality-odd-encoding', 'the description looks double-encoded or holds control characters'));
  return out;
}
