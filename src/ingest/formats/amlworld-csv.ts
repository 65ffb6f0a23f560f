import { contentId } from '../../model/index.js';
import type { Transaction } from '../../model/index.js';
import { FieldError, SourceError } from '../rejection.js';
import * as f from '../field-parsers.js';
import { firstLine } from '../reader.js';
import { csvFormat } from './csv-format.js';
import { derivePaymentSides } from './payment-sides.js';

/** AMLworld names currencies in words; we store ISO 4217 codes (XBT for bitcoin). */
const CURRENCIES: Readonly<Record<string, string>> = {
  'US Dollar': 'USD',
  Euro: 'EUR',
  Yuan: 'CNY',
  Yen: 'JPY',
  'UK Pound': 'GBP',
  Rupee: 'INR',
  Ruble: 'RUB',
  'Canadian Dollar': 'CAD',
  'Australian Dollar': 'AUD',
  'Swiss Franc': 'CHF',
  'Mexican Peso': 'MXN',
  'Brazil Real': 'BRL',
  'Saudi Riyal': 'SAR',
  Shekel: 'ILS',
  Bitcoin: 'XBT',
};

/** AMLworld payment formats mapped to our channels; unknown formats are kept as written. */
const CHANNELS: Readonly<Record<string, string>> = {
  ACH: 'ach',
  Wire: 'wire',
  Cheque: 'check',
  'Credit Card': 'card',
  Cash: 'cash_deposit',
  Bitcoin: 'crypto',
  Reinvestment: 'internal',
};

function currency(field: string, value: string | undefined): string {
  const name = f.required(field, value);
  const code = CURRENCIES[name] ?? (/^[A-Z]{3}$/.test(name) ? name : undefined);
  if (code === undefined) throw new FieldError(field, `unknown currency "${name}"`);
  return code;
}

/** "2022/09/01 00:20" (UTC) as epoch milliseconds. */
function amlworldTime(field: string, value: string | undefined): number {
  const t = f.required(field, value);
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})$/.exec(t);
  if (m === null) return f.isoTimestamp(field, t);
  return f.isoTimestamp(field, `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00Z`);
}

const FIRST_COLUMNS = ['Timestamp', 'From Bank', 'Account', 'To Bank'];

/**
 * IBM's AMLworld transactions (the HI/LI Small/Medium/Large files). Two columns share the name
 * "Account": the first is the payer's, the second the payee's, so positions decide.
 * `Is Laundering` is ground truth. The amount paid (in the payment currency) is the amount.
 */
export const amlworldCsv = csvFormat({
  id: 'amlworld-csv',
  description: 'AMLworld transactions (Timestamp,From Bank,Account,To Bank,Account,Amount Received,...)',
  primary: 'transactions',
  sniff: (sample) => firstLine(sample).startsWith(FIRST_COLUMNS.join(',')),
  requiredColumns: [...FIRST_COLUMNS, 'Amount Paid', 'Payment Currency', 'Amount Received', 'Receiving Currency'],
  mapper: ({ header, read, derive }) => {
    const payee = header.names.indexOf('Account', header.position('Account') + 1);
    if (payee < 0) throw new SourceError(read.sourceFile, 1, 'missing the second "Account" column (the payee\'s)');
    return (row, provenance) => {
      const get = (c: string): string | undefined => row.get(c);
      const timestamp = amlworldTime('Timestamp', get('Timestamp'));
      const debtorBank = f.required('From Bank', get('From Bank'));
      const debtorAccount = f.required('Account', get('Account'));
      const creditorBank = f.required('To Bank', get('To Bank'));
      const creditorAccount = f.required('Account (payee)', row.fields[payee]);
      const amount = f.requiredDecimal('Amount Paid', get('Amount Paid'), { min: 0 });
      const paid = currency('Payment Currency', get('Payment Currency'));
      const received = f.requiredDecimal('Amount Received', get('Amount Received'), { min: 0 });
      const receivedCurrency = currency('Receiving Currency', get('Receiving Currency'));
      const format = f.text(get('Payment Format'));
      const laundering = f.text(get('Is Laundering'));
      if (laundering !== null && laundering !== '0' && laundering !== '1') {
        throw new FieldError('Is Laundering', `expected 0 or 1, got "${laundering}"`);
      }
      const sides = derivePaymentSides(
        derive,
        provenance,
        { account: debtorAccount, name: null, bank: debtorBank, country: null },
        { account: creditorAccount, name: null, bank: creditorBank, country: null },
      );
      const transaction: Transaction = {
        // No source id: the id is the content. Identical rows are one payment (see docs).
        id: contentId('transaction', read.dataset, ...row.fields),
        sourceId: null,
        timestamp,
        debtorAccount,
        debtorName: null,
        debtorBank,
        debtorCountry: null,
        creditorAccount,
        creditorName: null,
        creditorBank,
        creditorCountry: null,
        amount,
        currency: paid,
        amountUsd: paid === 'USD' ? amount : receivedCurrency === 'USD' ? received : null,
        channel: format === null ? null : (CHANNELS[format] ?? format.toLowerCase()),
        purpose: null,
        debtorAccountEntityId: sides.debtorAccountEntityId,
        creditorAccountEntityId: sides.creditorAccountEntityId,
        truthLaundering: laundering === null ? null : laundering === '1' ? 1 : 0,
        truthScheme: null,
      };
      return { kind: 'transaction', record: { transaction, provenance }, derived: sides.derived };
    };
  },
});
