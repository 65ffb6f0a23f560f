import { contentId } from '../../model/index.js';
import type { Transaction } from '../../model/index.js';
import type { Header } from '../csv-source.js';
import { FieldError, SourceError } from '../rejection.js';
import * as f from '../field-parsers.js';
import { firstLine } from '../reader.js';
import { csvFormat, type Cell } from './csv-format.js';
import { derivePaymentSides } from './payment-sides.js';

/** A validated payment row before identities: the record id and the accounts' entity ids come after. */
export type TransactionBody = Omit<Transaction, 'id' | 'debtorAccountEntityId' | 'creditorAccountEntityId'>;

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

const AMLWORLD_TIME = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The two-digit number at `i`, or -1 when the characters are not digits. */
function twoDigits(t: string, i: number): number {
  const a = t.charCodeAt(i) - 48;
  const b = t.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * "2022/09/01 00:20" (UTC) as epoch milliseconds. Every row has one, so the common case is read
 * character by character; anything unusual (another layout, an impossible date or time, a year
 * before 100, which Date.UTC would shift) goes through the regular expression and the ISO
 * parser, which word the error.
 */
export function amlworldTime(field: string, value: string | undefined): number {
  const t = f.required(field, value);
  if (t.length === 16 && t.charCodeAt(4) === 47 && t.charCodeAt(7) === 47 && t.charCodeAt(10) === 32 && t.charCodeAt(13) === 58) {
    const century = twoDigits(t, 0);
    const years = twoDigits(t, 2);
    const y = century * 100 + years;
    const mo = twoDigits(t, 5);
    const d = twoDigits(t, 8);
    const h = twoDigits(t, 11);
    const mi = twoDigits(t, 14);
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    if (century >= 0 && years >= 0 && y >= 100 && mo >= 1 && mo <= 12 && d >= 1 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59) {
      const days = mo === 2 && leap ? 29 : (DAYS_IN_MONTH[mo - 1] as number);
      if (d <= days) return Date.UTC(y, mo - 1, d, h, mi);
    }
  }
  const m = AMLWORLD_TIME.exec(t);
  if (m === null) return f.isoTimestamp(field, t);
  return f.isoTimestamp(field, `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00Z`);
}

const FIRST_COLUMNS = ['Timestamp', 'From Bank', 'Account', 'To Bank'];
const REQUIRED = [...FIRST_COLUMNS, 'Amount Paid', 'Payment Currency', 'Amount Received', 'Receiving Currency'];

/**
 * Validates and parses the cells of one AMLworld row. Two columns share the name "Account": the
 * first is the payer's, the second the payee's, so positions decide. Shared by the ingest reader
 * and the lean screening reader.
 */
export function amlworldParser(header: Header, file: string): (cell: Cell) => TransactionBody {
  const payee = header.names.indexOf('Account', header.position('Account') + 1);
  if (payee < 0) throw new SourceError(file, 1, 'missing the second "Account" column (the payee\'s)');
  const at = (name: string): number => header.position(name);
  const c = {
    timestamp: at('Timestamp'),
    fromBank: at('From Bank'),
    account: at('Account'),
    toBank: at('To Bank'),
    amountPaid: at('Amount Paid'),
    paymentCurrency: at('Payment Currency'),
    amountReceived: at('Amount Received'),
    receivingCurrency: at('Receiving Currency'),
    format: at('Payment Format'),
    laundering: at('Is Laundering'),
  };
  return (cell) => {
    const get = (i: number): string | undefined => (i < 0 ? undefined : cell(i));
    const timestamp = amlworldTime('Timestamp', get(c.timestamp));
    const debtorBank = f.required('From Bank', get(c.fromBank));
    const debtorAccount = f.required('Account', get(c.account));
    const creditorBank = f.required('To Bank', get(c.toBank));
    const creditorAccount = f.required('Account (payee)', cell(payee));
    const amount = f.requiredDecimal('Amount Paid', get(c.amountPaid), { min: 0 });
    const paid = currency('Payment Currency', get(c.paymentCurrency));
    const received = f.requiredDecimal('Amount Received', get(c.amountReceived), { min: 0 });
    const receivedCurrency = currency('Receiving Currency', get(c.receivingCurrency));
    const format = f.text(get(c.format));
    const laundering = f.text(get(c.laundering));
    if (laundering !== null && laundering !== '0' && laundering !== '1') {
      throw new FieldError('Is Laundering', `expected 0 or 1, got "${laundering}"`);
    }
    return {
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
      truthLaundering: laundering === null ? null : laundering === '1' ? 1 : 0,
      truthScheme: null,
    };
  };
}

/**
 * IBM's AMLworld transactions (the HI/LI Small/Medium/Large files). `Is Laundering` is ground
 * truth. The amount paid (in the payment currency) is the amount.
 */
export const amlworldCsv = csvFormat({
  id: 'amlworld-csv',
  description: 'AMLworld transactions (Timestamp,From Bank,Account,To Bank,Account,Amount Received,...)',
  primary: 'transactions',
  sniff: (sample) => firstLine(sample).startsWith(FIRST_COLUMNS.join(',')),
  requiredColumns: REQUIRED,
  mapper: ({ header, read, derive }) => {
    const parse = amlworldParser(header, read.sourceFile);
    return (row, provenance) => {
      const body = parse((i) => row.fields[i]);
      const sides = derivePaymentSides(
        derive,
        provenance,
        { account: body.debtorAccount, name: null, bank: body.debtorBank, country: null },
        { account: body.creditorAccount, name: null, bank: body.creditorBank, country: null },
      );
      const transaction: Transaction = {
        // No source id: the id is the content. Identical rows are one payment (see docs).
        id: contentId('transaction', read.dataset, ...row.fields),
        ...body,
        debtorAccountEntityId: sides.debtorAccountEntityId,
        creditorAccountEntityId: sides.creditorAccountEntityId,
      };
      return { kind: 'transaction', record: { transaction, provenance }, derived: sides.derived };
    };
  },
});

export const AMLWORLD_REQUIRED_COLUMNS: readonly string[] = REQUIRED;
