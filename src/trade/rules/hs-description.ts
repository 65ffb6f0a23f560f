import type { AlertReason } from '../../model/index.js';
import { formatHs, hsChapter, reason, type RowContext } from './context.js';

/**
 * HS code and description disagree: a chemical under a non-chemical heading, NPP's own
 * subheading on goods that are not NPP, or the catch-all 2933.39 (where most precursors sit)
 * with a description that names nothing an officer could check.
 */
export function hsDescriptionRules(ctx: RowContext): AlertReason[] {
  const hs = ctx.shipment.hsCode;
  if (hs === null) return [];
  const { policy, goods } = ctx;
  const out: AlertReason[] = [];
  const chapter = hsChapter(hs);
  const chemicalHeadings = policy.data.goods.chemicalHsChapters;
  if (goods.hits.length > 0 && chapter !== null && !chemicalHeadings.includes(chapter)) {
    const ids = [...new Set(goods.hits.map((h) => h.chemicalId))];
    out.push(
      reason(
        policy,
        'hs-chemical-under-non-chemical-heading',
        `${ids.join(', ')} declared under HS ${formatHs(hs)} (chapter ${chapter}), outside the chemical chapters ${chemicalHeadings.join(', ')}`,
        ids.map((id) => `chemical:${id}`),
      ),
    );
  }
  if (hs.startsWith(policy.data.goods.nppHs) && !goods.hits.some((h) => h.chemicalId === 'npp'))
    out.push(
      reason(
        policy,
        'hs-npp-heading-mismatch',
        `HS ${formatHs(hs)} is NPP's own subheading, but the description does not name NPP`,
        [`hs:${hs}`],
      ),
    );
  const catchAll = policy.data.goods.catchAllHs.find((c) => hs.startsWith(c));
  if (catchAll !== undefined && goods.vague)
    out.push(
      reason(
        policy,
        'hs-catch-all-vague-description',
        `HS ${formatHs(hs)} (catch-all where unlisted precursors hide) with a vague description that names no specific chemical`,
        [`hs:${hs}`],
      ),
    );
  return out;
}
