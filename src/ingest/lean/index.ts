export { readCsvLean, type LeanCsvOptions, type LeanCsvSink, type LeanCsvSpec } from './csv-file.js';
export { leanShipments, readShipmentsLean } from './shipments.js';
export { leanTransactions, type TransactionBody } from './transactions.js';
