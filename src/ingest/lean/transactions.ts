import { AMLSIM_REQUIRED_COLUMNS, amlsimParser } from '../formats/amlsim-csv.js';
import { AMLWORLD_REQUIRED_COLUMNS, amlworldParser, type TransactionBody } from '../formats/amlworld-csv.js';
import { TRANSACTIONS_REQUIRED_COLUMNS, transactionsParser } from '../formats/transactions-csv.js';
import type { LeanCsvSpec } from './csv-file.js';

export type { TransactionBody };

/**
 * Payment CSVs read lean: the ingest readers' validation (the same cell parsers), without record
 * ids, derived account entities or provenance. Keyed by reader id; formats that are not CSV
 * (ISO 20022) have none and go through their ingest reader.
 */
const LEAN_TRANSACTIONS: Readonly<Record<string, LeanCsvSpec<TransactionBody>>> = {
  'amlworld-csv': { requiredColumns: AMLWORLD_REQUIRED_COLUMNS, parser: (header, file) => amlworldParser(header, file) },
  'amlsim-csv': { requiredColumns: AMLSIM_REQUIRED_COLUMNS, parser: (header) => amlsimParser(header) },
  'transactions-csv': { requiredColumns: TRANSACTIONS_REQUIRED_COLUMNS, parser: (header) => transactionsParser(header) },
};

export function leanTransactions(formatId: string): LeanCsvSpec<TransactionBody> | undefined {
  return LEAN_TRANSACTIONS[formatId];
}
