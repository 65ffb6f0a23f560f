import { contentId } from '../../model/index.js';
import type { Transaction } from '../../model/index.js';
import type { Header } from '../csv-source.js';
import { FieldError } from '../rejection.js';
import * as f from '../field-parsers.js';
import { headerColumns } from '../reader.js';
import type { TransactionBody } from './amlworld-csv.js';
import { csvFormat, type Cell } from './csv-format.js';
import { derivePaymentSides } from './payment-sides.js';

const COLUMNS = ['tran_id', 'orig_acct', 'bene_acct', 'tx_type', 'base_amt', 'tran_timestamp', 'is_sar', 'alert_id'];
export const AMLSIM_REQUIRED_COLUMNS: readonly string[] = COLUMNS.slice(0, 6);

function sarFlag(value: string | undefined): 0 | 1 | null {
  const t = f.text(value)?.toLowerCase();
  if (t === undefined) return null;
  if (t === 'true' || t === '1') return 1;
  if (t === 'false' || t === '0') return 0;
  throw new FieldError('is_sar', `expected True or False, got "${value}"`);
}

/** Validates and parses the cells of one AMLSim row; shared by the ingest and lean readers. */
export function amlsimParser(header: Header): (cell: Cell) => TransactionBody {
  const [tranId, orig, bene, txType, baseAmt, stamp, isSar, alert] = COLUMNS.map((name) => header.position(name)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return (cell) => {
    const get = (i: number): string | undefined => (i < 0 ? undefined : cell(i));
    const sourceId = f.required('tran_id', get(tranId));
    const debtorAccount = f.required('orig_acct', get(orig));
    const creditorAccount = f.required('bene_acct', get(bene));
    const amount = f.requiredDecimal('base_amt', get(baseAmt), { min: 0 });
    const timestamp = f.isoTimestamp('tran_timestamp', get(stamp));
    const truthLaundering = sarFlag(get(isSar));
    const alertId = f.text(get(alert));
    const channel = f.text(get(txType))?.toLowerCase() ?? null;
    return {
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
      truthLaundering,
      // AMLSim writes -1 for "no alert"; we store the absence as null.
      truthScheme: alertId === null || alertId === '-1' ? null : alertId,
    };
  };
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
  requiredColumns: AMLSIM_REQUIRED_COLUMNS,
  mapper: ({ header, read, derive }) => {
    const parse = amlsimParser(header);
    return (row, provenance) => {
      const body = parse((i) => row.fields[i]);
      const sides = derivePaymentSides(
        derive,
        provenance,
        { account: body.debtorAccount, name: null, bank: null, country: null },
        { account: body.creditorAccount, name: null, bank: null, country: null },
      );
      const transaction: Transaction = {
        id: contentId('transaction', read.dataset, body.sourceId),
        ...body,
        debtorAccountEntityId: sides.debtorAccountEntityId,
        creditorAccountEntityId: sides.creditorAccountEntityId,
      };
      return { kind: 'transaction', record: { transaction, provenance }, derived: sides.derived };
    };
  },
});
