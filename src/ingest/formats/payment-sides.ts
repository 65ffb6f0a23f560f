import type { EntityRecord, Provenance } from '../../model/index.js';
import type { EntityDeriver } from '../derived-entities.js';

export interface PaymentSide {
  readonly account: string;
  readonly name: string | null;
  readonly bank: string | null;
  readonly country: string | null;
}

/**
 * Derives the BankAccount of each side of a payment, and the holder with its link when the
 * source names one. Shared by every transaction format.
 */
export function derivePaymentSides(
  derive: EntityDeriver,
  provenance: Provenance,
  debtor: PaymentSide,
  creditor: PaymentSide,
): { debtorAccountEntityId: string; creditorAccountEntityId: string; derived: EntityRecord[] } {
  const derived: EntityRecord[] = [];
  const side = (s: PaymentSide): string => {
    const accountId = derive.account(
      { account: s.account, bank: s.bank, country: s.country, namespace: provenance.dataset },
      provenance,
      derived,
    );
    if (s.name !== null) {
      const holderId = derive.party({ name: s.name, country: s.country }, provenance, derived);
      derive.holder(holderId, accountId, provenance, derived);
    }
    return accountId;
  };
  return { debtorAccountEntityId: side(debtor), creditorAccountEntityId: side(creditor), derived };
}
