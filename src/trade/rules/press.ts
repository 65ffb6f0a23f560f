import type { AlertReason } from '../../model/index.js';
import { equipmentForHsCode } from '../../knowledge/index.js';
import { formatHs, reason, type RowContext } from './context.js';

/**
 * Tablet presses and dies need DEA Form 452 and a DEA transaction id before import. Named presses
 * without one weigh most; the press heading alone (8479.89 holds many machines) and the headings
 * presses are misdeclared under (candy or food machinery) weigh less.
 */
export function pressRules(ctx: RowContext): AlertReason[] {
  const { shipment: s, policy, goods } = ctx;
  if (s.deaTransactionId !== null) return [];
  if (goods.equipment.length > 0) {
    const ids = [...new Set(goods.equipment.map((e) => e.equipmentId))];
    const named = goods.equipment.map((e) => `"${e.text}"`).join(', ');
    return [
      reason(
        policy,
        'press-without-dea-id',
        `${ids.join(', ')} named (${named}) without a DEA transaction id`,
        ids.map((id) => `equipment:${id}`),
      ),
    ];
  }
  if (s.hsCode === null) return [];
  const byHs = equipmentForHsCode(s.hsCode, ctx.knowledge);
  const classified = byHs.find((e) => e.relation === 'classified');
  if (classified !== undefined)
    return [
      reason(
        policy,
        'press-heading-without-dea-id',
        `HS ${formatHs(s.hsCode)} is the heading of ${classified.equipmentId}; no DEA transaction id`,
        [`equipment:${classified.equipmentId}`, `hs:${s.hsCode}`],
      ),
    ];
  const misdeclared = byHs.find((e) => e.relation === 'misdeclared');
  if (misdeclared !== undefined)
    return [
      reason(
        policy,
        'press-misdeclaration-heading',
        `HS ${formatHs(s.hsCode)} is a heading ${misdeclared.equipmentId} imports are misdeclared under; no DEA transaction id`,
        [`equipment:${misdeclared.equipmentId}`, `hs:${s.hsCode}`],
      ),
    ];
  return [];
}
