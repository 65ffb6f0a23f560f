export { ingestFile, defaultDataset, DEFAULT_BATCH_SIZE, type IngestOptions, type IngestSummary } from './ingest-file.js';
export { FORMATS, detectFormat, formatById } from './formats/index.js';
export { ENCODINGS, type Encoding } from './file-source.js';
export { progressBar, PROGRESS_LINE_PREFIX, type ProgressSink } from './progress.js';
export { formatRejection, SourceError, type Rejection } from './rejection.js';
export type { FormatReader, ReadItem, ReadContext, RecordKind } from './reader.js';
export {
  leanShipments,
  leanTransactions,
  readCsvLean,
  readShipmentsLean,
  type LeanCsvOptions,
  type LeanCsvSink,
  type LeanCsvSpec,
  type TransactionBody,
} from './lean/index.js';
export { CsvScanner, CsvRecord, type TextEncoding } from './csv-scanner.js';
export { Header } from './csv-source.js';
