export { csvField, csvLine } from './csv-writer.js';
export { shipmentsToCsv, transactionsToCsv } from './canonical-csv.js';
export { entitiesToFtm } from './ftm.js';
export { sdnLine, altLines, type SdnEntry } from './ofac-sdn.js';
export { pacs008Message, xmlText, PACS008_NAMESPACE, type Pacs008Options } from './pacs008.js';
