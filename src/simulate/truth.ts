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
