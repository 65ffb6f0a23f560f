import { CHANNELS, contentId } from '../../model/index.js';
import type { Transaction } from '../../model/index.js';
import type { Header } from '../csv-source.js';
import * as f from '../field-parsers.js';
import { headerColumns } from '../reader.js';
import type { TransactionBody } from './amlworld-csv.js';
import { csvFormat, type Cell } from './csv-format.js';
import { derivePaymentSides } from './payment-sides.js';

export const TRANSACTIONS_REQUIRED_COLUMNS: readonly string[] = [
  'timestamp',
  'debtor_account',
  'creditor_account',
  'amount',
  'currency',
];

/** Validates and parses the cells of one canonical transactions row; shared by the ingest and lean readers. */
export function transactionsParser(header: Header): (cell: Cell) => TransactionBody {
  const at = (name: string): number => header.position(name);
  const c = {
    transactionId: at('transaction_id'),
    amount: at('amount'),
    currency: at('currency'),
    debtorAccount: at('debtor_account'),
    debtorName: at('debtor_name'),
    debtorBank: at('debtor_bank'),
    debtorCountry: at('debtor_country'),
    creditorAccount: at('creditor_account'),
    creditorName: at('creditor_name'),
    creditorBank: at('creditor_bank'),
    creditorCountry: at('creditor_country'),
    timestamp: at('timestamp'),
    amountUsd: at('amount_usd'),
    channel: at('channel'),
    purpose: at('purpose'),
  };
  return (cell) => {
    const get = (i: number): string | undefined => (i < 0 ? undefined : cell(i));
    const sourceId = f.text(get(c.transactionId));
    const amount = f.requiredDecimal('amount', get(c.amount), { min: 0 });
    const currency = f.currencyCode('currency', get(c.currency));
    const debtorAccount = f.required('debtor_account', get(c.debtorAccount));
    const debtorName = f.text(get(c.debtorName));
    const debtorBank = f.text(get(c.debtorBank));
    const debtorCountry = f.country('debtor_country', get(c.debtorCountry));
    const creditorAccount = f.required('creditor_account', get(c.creditorAccount));
    const creditorName = f.text(get(c.creditorName));
    const creditorBank = f.text(get(c.creditorBank));
    const creditorCountry = f.country('creditor_country', get(c.creditorCountry));
    const timestamp = f.isoTimestamp('timestamp', get(c.timestamp));
    const amountUsd = f.decimal('amount_usd', get(c.amountUsd), { min: 0 }) ?? (currency === 'USD' ? amount : null);
    const channel = f.oneOf('channel', get(c.channel), CHANNELS);
    const purpose = f.text(get(c.purpose));
    return {
      sourceId,
      timestamp,
      debtorAccount,
      debtorName,
      debtorBank,
      debtorCountry,
      creditorAccount,
      creditorName,
      creditorBank,
      creditorCountry,
      amount,
      currency,
      amountUsd,
      channel,
      purpose,
      truthLaundering: null,
      truthScheme: null,
    };
  };
}

/** The canonical transactions CSV (see README). */
export const transactionsCsv = csvFormat({
  id: 'transactions-csv',
  description: 'canonical transactions CSV (transaction_id, timestamp, debtor_account, ...)',
  primary: 'transactions',
  sniff: (sample) => {
    const cols = headerColumns(sample);
    return cols.includes('debtor_account') && cols.includes('creditor_account');
  },
  requiredColumns: TRANSACTIONS_REQUIRED_COLUMNS,
  mapper: ({ header, read, derive }) => {
    const parse = transactionsParser(header);
    return (row, provenance) => {
      const t = parse((i) => row.fields[i]);
      const sides = derivePaymentSides(
        derive,
        provenance,
        { account: t.debtorAccount, name: t.debtorName, bank: t.debtorBank, country: t.debtorCountry },
        { account: t.creditorAccount, name: t.creditorName, bank: t.creditorBank, country: t.creditorCountry },
      );
      const transaction: Transaction = {
        id:
          t.sourceId !== null
            ? contentId('transaction', read.dataset, t.sourceId)
            : contentId('transaction', read.dataset, ...row.fields),
        ...t,
        debtorAccountEntityId: sides.debtorAccountEntityId,
        creditorAccountEntityId: sides.creditorAccountEntityId,
      };
      return { kind: 'transaction', record: { transaction, provenance }, derived: sides.derived };
    };
  },
});
