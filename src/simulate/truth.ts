/**
 * Ground truth written by the simulator (`truth.csv`): one row per planted illicit record.
 * The evaluator reads the same shape, so this file is the contract between the two.
 */
export const TRUTH_KINDS = ['shipment', 'transaction', 'entity', 'account'] as const;
export type TruthKind = (typeof TRUTH_KINDS)[number];

export const TRUTH_COLUMNS = ['record_kind', 'record_id', 'scheme_id', 'typology', 'role', 'key_record', 'kg', 'usd'] as const;

export interface TruthRow {
  readonly recordKind: TruthKind;
  /**
   * The record's id as written in the simulated files: `shipment_id` (shipments.csv),
   * `transaction_id` (transactions.csv), the FtM `id` (entities.ftm.json), or the account
   * number (`debtor_account`/`creditor_account`).
   */
  readonly recordId: string;
  /** One planted scheme (e.g. "split-precursor-0003"); all its records share it. */
  readonly schemeId: string;
  /** The typology, e.g. "split_low_value_precursor", "structuring", "mirror_swap". */
  readonly typology: string;
  /** The actor's or record's role in the scheme, e.g. "front_company", "funnel_account", "parcel". */
  readonly role: string;
  /** Key records decide whether a scheme counts as found: alerting any one of them finds it. */
  readonly keyRecord: boolean;
  /** Kilograms of illicit goods the record carries (shipments), else 0. */
  readonly kg: number;
  /** US dollars of illicit value the record carries (declared value or payment), else 0. */
  readonly usd: number;
}

/** What `accountTruthForActors` needs of a party: its entity id and its account number. */
export interface PartyAccount {
  readonly id: string;
  readonly account: { readonly number: string };
}

/** The fields of a planted payment that name accounts, with the truth of the scheme that planted it. */
export interface PlantedPayment {
  readonly row: { readonly debtor_account?: string | number | null; readonly creditor_account?: string | number | null };
  readonly truth: Omit<TruthRow, 'recordKind' | 'recordId'>;
}

/**
 * Account truth for the accounts of illicit actors that planted payments use but no scheme listed
 * (a front company's account paid by the importer, the legal representative's account that takes
 * remittances, a mule's own account): an actor whose entity is in truth and whose account moves
 * planted money is part of the scheme that moved it. Each such account gets one row, in the first
 * scheme (in planning order) that used it, with the actor's entity role suffixed "_account", not key.
 */
export function accountTruthForActors(
  truth: readonly TruthRow[],
  payments: readonly PlantedPayment[],
  actors: readonly PartyAccount[],
): TruthRow[] {
  const roleOf = new Map<string, string>();
  for (const t of truth) if (t.recordKind === 'entity' && !roleOf.has(t.recordId)) roleOf.set(t.recordId, t.role);
  const actorRole = new Map<string, string>();
  for (const p of actors) {
    const role = roleOf.get(p.id);
    if (role !== undefined && !actorRole.has(p.account.number)) actorRole.set(p.account.number, role);
  }
  const listed = new Set(truth.filter((t) => t.recordKind === 'account').map((t) => t.recordId));
  const added: TruthRow[] = [];
  for (const { row, truth: tag } of payments) {
    for (const account of [row.debtor_account, row.creditor_account]) {
      if (typeof account !== 'string' || listed.has(account)) continue;
      const role = actorRole.get(account);
      if (role === undefined) continue;
      listed.add(account);
      added.push({
        recordKind: 'account',
        recordId: account,
        schemeId: tag.schemeId,
        typology: tag.typology,
        role: `${role}_account`,
        keyRecord: false,
        kg: 0,
        usd: 0,
      });
    }
  }
  return added;
}
