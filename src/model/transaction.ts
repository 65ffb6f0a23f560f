import type { Provenance } from './provenance.js';

export const CHANNELS = [
  'wire',
  'ach',
  'card',
  'cash_deposit',
  'cash_withdrawal',
  'remittance',
  'check',
  'crypto',
  'internal',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** The columns of the canonical transactions CSV, in their documented order. */
export const TRANSACTION_COLUMNS = [
  'transaction_id',
  'timestamp',
  'debtor_account',
  'debtor_name',
  'debtor_bank',
  'debtor_country',
  'creditor_account',
  'creditor_name',
  'creditor_bank',
  'creditor_country',
  'amount',
  'currency',
  'amount_usd',
  'channel',
  'purpose',
] as const;
export type TransactionColumn = (typeof TRANSACTION_COLUMNS)[number];

/**
 * A payment between two accounts as a typed row. AMLSim and AMLworld rows map onto the same
 * shape; their ground-truth labels are kept apart from the inputs (`truth*`) so that no
 * detector can read them by accident.
 */
export interface Transaction {
  readonly id: string;
  readonly sourceId: string | null;
  /** Milliseconds since the Unix epoch, UTC. */
  readonly timestamp: number;
  readonly debtorAccount: string;
  readonly debtorName: string | null;
  readonly debtorBank: string | null;
  readonly debtorCountry: string | null;
  readonly creditorAccount: string;
  readonly creditorName: string | null;
  readonly creditorBank: string | null;
  readonly creditorCountry: string | null;
  readonly amount: number;
  /** ISO 4217 code, or the source's currency name when it has no code (AMLworld). */
  readonly currency: string;
  readonly amountUsd: number | null;
  /** A canonical channel, or the source's own payment type when it has none of ours. */
  readonly channel: string | null;
  readonly purpose: string | null;
  readonly debtorAccountEntityId: string;
  readonly creditorAccountEntityId: string;
  /** Ground truth from labelled sources: 1 laundering, 0 not, null unknown. */
  readonly truthLaundering: 0 | 1 | null;
  /** Ground-truth scheme id (AMLSim alert_id), when the source has one. */
  readonly truthScheme: string | null;
}

export interface TransactionRecord {
  readonly transaction: Transaction;
  readonly provenance: Provenance;
}
