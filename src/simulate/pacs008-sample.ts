import type { Transaction } from '../model/index.js';
import type { TransactionRow } from './records.js';

/** Most wires sampled into the ISO 20022 pacs.008 message, to keep the XML file small. */
export const PACS008_SAMPLE_LIMIT = 1_000;

const text = (v: string | number | null | undefined): string | null =>
  v === null || v === undefined || v === '' ? null : String(v);

/**
 * A written transactions.csv row as the typed Transaction the pacs.008 writer takes. Only wires
 * are credit transfers, so only they are sampled.
 */
export function rowAsTransaction(id: string, row: TransactionRow): Transaction {
  return {
    id,
    sourceId: id,
    timestamp: Date.parse(String(row.timestamp)),
    debtorAccount: String(row.debtor_account),
    debtorName: text(row.debtor_name),
    debtorBank: text(row.debtor_bank),
    debtorCountry: text(row.debtor_country),
    creditorAccount: String(row.creditor_account),
    creditorName: text(row.creditor_name),
    creditorBank: text(row.creditor_bank),
    creditorCountry: text(row.creditor_country),
    amount: Number(row.amount),
    currency: String(row.currency),
    amountUsd: row.amount_usd === undefined || row.amount_usd === null ? null : Number(row.amount_usd),
    channel: text(row.channel),
    purpose: text(row.purpose),
    debtorAccountEntityId: '',
    creditorAccountEntityId: '',
    truthLaundering: null,
    truthScheme: null,
  };
}
