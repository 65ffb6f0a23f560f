import type { AlertReason } from '../../model/index.js';
import { fold } from '../fold.js';
import { reason, type RowContext } from './context.js';

/** Whether a folded name carries a company marker ("inc", "co ltd", "s de r l de c v"...). */
export function looksLikeCompany(name: string, markers: readonly string[]): boolean {
  const padded = ` ${fold(name) ?? ''} `;
  return markers.some((m) => padded.includes(` ${fold(m) ?? m} `));
}

/** Chemicals or presses consigned to a person, or to an apartment or other residential address. */
export function residentialRules(ctx: RowContext): AlertReason[] {
  if (!ctx.chemical && !ctx.press) return [];
  const { shipment: s, policy } = ctx;
  if (s.consigneeName === null) return [];
  const goods = policy.data.goods;
  const person = !looksLikeCompany(s.consigneeName, goods.companyMarkers);
  const address = s.consigneeAddress === null ? '' : ` ${s.consigneeAddress.toLowerCase().replace(/[^\p{L}\p{N}#]+/gu, ' ')} `;
  const residentialMarker = goods.residentialAddressMarkers.find(
    (m) => address.includes(` ${m.toLowerCase()} `) || (m === '#' && address.includes('#')),
  );
  if (!person && residentialMarker === undefined) return [];
  const why = person ? `"${s.consigneeName}" reads as a person, not a business` : `the address has "${residentialMarker}"`;
  return [
    reason(
      policy,
      'residential-consignee',
      `${ctx.press ? 'press equipment' : 'chemical goods'} consigned to a residence: ${why}`,
      [s.consigneeEntityId ?? `party:${s.consigneeName}`],
    ),
  ];
}
