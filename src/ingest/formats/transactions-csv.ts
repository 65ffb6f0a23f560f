import { CHANNELS, contentId } from '../../model/index.js';
import type { Transaction } from '../../model/index.js';
import * as f from '../field-parsers.js';
import { headerColumns } from '../reader.js';
import { csvFormat } from './csv-format.js';
import { derivePaymentSides } from './payment-sides.js';

/** The canonical transactions CSV (see README). */
export const transactionsCsv = csvFormat({
  id: 'transactions-csv',
  description: 'canonical transactions CSV (transaction_id, timestamp, debtor_account, ...)',
  primary: 'transactions',
  sniff: (sample) => {
    const cols = headerColumns(sample);
    return cols.includes('debtor_account') && cols.includes('creditor_account');
  },
  requiredColumns: ['timestamp', 'debtor_account', 'creditor_account', 'amount', 'currency'],
  mapper:
    ({ read, derive }) =>
    (row, provenance) => {
      const get = (c: string): string | undefined => row.get(c);
      const sourceId = f.text(get('transaction_id'));
      const amount = f.requiredDecimal('amount', get('amount'), { min: 0 });
      const currency = f.currencyCode('currency', get('currency'));
      const debtor = {
        account: f.required('debtor_account', get('debtor_account')),
        name: f.text(get('debtor_name')),
        bank: f.text(get('debtor_bank')),
        country: f.country('debtor_country', get('debtor_country')),
      };
      const creditor = {
        account: f.required('creditor_account', get('creditor_account')),
        name: f.text(get('creditor_name')),
        bank: f.text(get('creditor_bank')),
        country: f.country('creditor_country', get('creditor_country')),
      };
      const timestamp = f.isoTimestamp('timestamp', get('timestamp'));
      const amountUsd = f.decimal('amount_usd', get('amount_usd'), { min: 0 }) ?? (currency === 'USD' ? amount : null);
      const channel = f.oneOf('channel', get('channel'), CHANNELS);
      const purpose = f.text(get('purpose'));
      const sides = derivePaymentSides(derive, provenance, debtor, creditor);
      const transaction: Transaction = {
        id:
          sourceId !== null
            ? contentId('transaction', read.dataset, sourceId)
            : contentId('transaction', read.dataset, ...row.fields),
        sourceId,
        timestamp,
        debtorAccount: debtor.account,
        debtorName: debtor.name,
        debtorBank: debtor.bank,
        debtorCountry: debtor.country,
        creditorAccount: creditor.account,
        creditorName: creditor.name,
        creditorBank: creditor.bank,
        creditorCountry: creditor.country,
        amount,
        currency,
        amountUsd,
        channel,
        purpose,
        debtorAccountEntityId: sides.debtorAccountEntityId,
        creditorAccountEntityId: sides.creditorAccountEntityId,
        truthLaundering: null,
        truthScheme: null,
      };
      return { kind: 'transaction', record: { transaction, provenance }, derived: sides.derived };
    },
});
