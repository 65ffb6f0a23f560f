export { csvField, csvLine } from './csv-writer.js';
export { shipmentsToCsv, transactionsToCsv } from './canonical-csv.js';
export { entitiesToFtm } from './ftm.js';
