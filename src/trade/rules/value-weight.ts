import type { AlertReason } from '../../model/index.js';
import { hsChapter, reason, type RowContext } from './context.js';

const perKg = (usd: number, kg: number): string => `$${(usd / kg).toFixed(2)}/kg`;

/**
 * Declared value or weight implausible for the goods: value per kilogram outside the policy's band
 * for the HS chapter, or a low-value parcel heavy enough to be a bulk lot.
 */
export function valueWeightRules(ctx: RowContext): AlertReason[] {
  const { shipment: s, policy } = ctx;
  const usd = s.declaredValueUsd;
  const kg = s.grossWeightKg;
  if (usd === null || kg === null || kg <= 0) return [];
  const out: AlertReason[] = [];
  const chapter = hsChapter(s.hsCode);
  const band = chapter === null ? undefined : policy.data.goods.valueBands.find((b) => b.hsChapters.includes(chapter));
  if (band !== undefined && (usd / kg < band.minUsdPerKg || usd / kg > band.maxUsdPerKg))
    out.push(
      reason(
        policy,
        'value-weight-implausible',
        `declared ${perKg(usd, kg)} is outside the plausible $${band.minUsdPerKg}-${band.maxUsdPerKg}/kg for HS chapter ${chapter}`,
      ),
    );
  const heavy = policy.data.goods.heavyParcel;
  const parcel = s.entryType === 'de_minimis' || (ctx.thresholdUsd > 0 && usd <= ctx.thresholdUsd);
  if (out.length === 0 && parcel && kg >= heavy.minKg && usd / kg <= heavy.maxUsdPerKg)
    out.push(
      reason(
        policy,
        'value-weight-implausible',
        `a low-value parcel of ${kg} kg declared at $${usd} (${perKg(usd, kg)}): a bulk lot, not a consumer order`,
      ),
    );
  return out;
}
