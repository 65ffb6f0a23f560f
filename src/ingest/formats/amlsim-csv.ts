import { contentId } from '../../model/index.js';
import type { Transaction } from '../../model/index.js';
import { FieldError } from '../rejection.js';
import * as f from '../field-parsers.js';
import { headerColumns } from '../reader.js';
import { csvFormat } from './csv-format.js';
import { derivePaymentSides } from './payment-sides.js';

const COLUMNS = ['tran_id', 'orig_acct', 'bene_acct', 'tx_type', 'base_amt', 'tran_timestamp', 'is_sar', 'alert_id'];

function sarFlag(value: string | undefined): 0 | 1 | null {
  const t = f.text(value)?.toLowerCase();
  if (t === undefined) return null;
  if (t === 'true' || t === '1') return 1;
  if (t === 'false' || t === '0') return 0;
  throw new FieldError('is_sar', `expected True or False, got "${value}"`);
}

/**
 * IBM AMLSim's transaction output. Amounts are in the simulation's single currency (USD);
 * `is_sar` and `alert_id` are ground truth and are stored apart from the inputs.
 */
export const amlsimCsv = csvFormat({
  id: 'amlsim-csv',
  description: 'AMLSim transactions (tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id)',
  primary: 'transactions',
  sniff: (sample) => {
    const cols = headerColumns(sample);
    return cols.includes('tran_id') && cols.includes('orig_acct') && cols.includes('bene_acct');
  },
  requiredColumns: COLUMNS.slice(0, 6),
  mapper:
    ({ read, derive }) =>
    (row, provenance) => {
      const get = (c: string): string | undefined => row.get(c);
      const sourceId = f.required('tran_id', get('tran_id'));
      const debtorAccount = f.required('orig_acct', get('orig_acct'));
      const creditorAccount = f.required('bene_acct', get('bene_acct'));
      const amount = f.requiredDecimal('base_amt', get('base_amt'), { min: 0 });
      const timestamp = f.isoTimestamp('tran_timestamp', get('tran_timestamp'));
      const truthLaundering = sarFlag(get('is_sar'));
      const alertId = f.text(get('alert_id'));
      const channel = f.text(get('tx_type'))?.toLowerCase() ?? null;
      const sides = derivePaymentSides(
        derive,
        provenance,
        { account: debtorAccount, name: null, bank: null, country: null },
        { account: creditorAccount, name: null, bank: null, country: null },
      );
      const transaction: Transaction = {
        id: contentId('transaction', read.dataset, sourceId),
        sourceId,
        timestamp,
        debtorAccount,
        debtorName: null,
        debtorBank: null,
        debtorCountry: null,
        creditorAccount,
        creditorName: null,
        creditorBank: null,
        creditorCountry: null,
        amount,
        currency: 'USD',
        amountUsd: amount,
        channel,
        purpose: null,
        debtorAccountEntityId: sides.debtorAccountEntityId,
        creditorAccountEntityId: sides.creditorAccountEntityId,
        truthLaundering,
        // AMLSim writes -1 for "no alert"; we store the absence as null.
        truthScheme: alertId === null || alertId === '-1' ? null : alertId,
      };
      return { kind: 'transaction', record: { transaction, provenance }, derived: sides.derived };
    },
});
