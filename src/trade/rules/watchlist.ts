import type { AlertReason } from '../../model/index.js';
import { reason, type RowContext } from './context.js';

/** Each party of the shipment looked up through the injected watchlist hook (none: the rule is silent). */
export function watchlistRules(ctx: RowContext): AlertReason[] {
  const hook = ctx.watchlist;
  if (hook === undefined) return [];
  const s = ctx.shipment;
  const parties: [string, string | null, string | null, string | null][] = [
    ['shipper', s.shipperName, s.shipperCountry, s.shipperAddress],
    // A seller named as the shipper is the same party: screened once, as the shipper.
    ['seller', s.sellerName === s.shipperName ? null : s.sellerName, null, null],
    ['consignee', s.consigneeName, s.consigneeCountry, s.consigneeAddress],
    ['final recipient', s.finalRecipientName, s.finalRecipientCountry, s.finalRecipientAddress],
  ];
  const out: AlertReason[] = [];
  for (const [role, name, country, address] of parties) {
    if (name === null) continue;
    const match = hook(name, country, address);
    if (match === undefined) continue;
    const list = match.list === undefined ? '' : ` on ${match.list}`;
    const score = match.score === undefined ? '' : ` (match ${match.score.toFixed(2)})`;
    out.push(reason(ctx.policy, 'watchlist-party', `${role} "${name}" matches "${match.name}"${list}${score}`, [match.id]));
  }
  return out;
}
