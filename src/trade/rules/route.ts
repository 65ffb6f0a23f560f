import type { AlertReason } from '../../model/index.js';
import { reason, type RowContext } from './context.js';

/**
 * Routes of concern for chemicals and presses: through the transit countries named in the seed,
 * a US re-export to Mexico (the Minsu Fang route), and origins of concern. Ordinary goods on the
 * same routes are ordinary trade, so these rules look only at goods of concern.
 */
export function routeRules(ctx: RowContext): AlertReason[] {
  if (!ctx.chemical && !ctx.press) return [];
  const { shipment: s, policy } = ctx;
  const out: AlertReason[] = [];
  const route = [s.originCountry, s.exportCountry, ...s.transitCountries].filter((c): c is string => c !== null);
  const transit = [...new Set(route.filter((c) => policy.inGroup(c, 'transit')))];
  if (transit.length > 0)
    out.push(
      reason(
        policy,
        'transit-route',
        `routed via transit ${transit.length > 1 ? 'countries' : 'country'} ${transit.join(', ')}`,
        transit.map((c) => `country:${c}`),
      ),
    );
  const viaUs =
    s.transitCountries.some((c) => policy.inGroup(c, 'screeningCountry')) || policy.inGroup(s.exportCountry, 'screeningCountry');
  const toMexico = policy.inGroup(s.consigneeCountry, 'mexico') || policy.inGroup(s.finalRecipientCountry, 'mexico');
  const usConsigneeMexicanRecipient =
    policy.inGroup(s.consigneeCountry, 'screeningCountry') && policy.inGroup(s.finalRecipientCountry, 'mexico');
  if ((viaUs && toMexico) || usConsigneeMexicanRecipient) {
    const to = s.finalRecipientName ?? s.consigneeName ?? 'a Mexican party';
    out.push(
      reason(
        policy,
        'us-reexport-to-mexico',
        usConsigneeMexicanRecipient && !viaUs
          ? `addressed to US consignee "${s.consigneeName ?? '?'}" for final recipient "${to}" in ${s.finalRecipientCountry}`
          : `re-exported from the US to "${to}" in Mexico`,
        [s.finalRecipientEntityId ?? s.consigneeEntityId ?? `party:${to}`],
      ),
    );
  }
  const origin = s.originCountry ?? s.shipperCountry;
  if (policy.inGroup(origin, 'originOfConcern'))
    out.push(
      reason(policy, 'origin-of-concern', `${ctx.press ? 'press equipment' : 'chemical goods'} from ${origin}`, [
        `country:${origin}`,
      ]),
    );
  return out;
}
