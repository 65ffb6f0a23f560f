import { createReadStream } from 'node:fs';
import { Header } from '../csv-source.js';
import { CsvScanner, type CsvRecord, type TextEncoding } from '../csv-scanner.js';
import type { Cell } from '../formats/csv-format.js';
import { FieldError, SourceError, type Rejection } from '../rejection.js';

/** How a lean reader turns rows into values: the format's shared cell parser, bound to the header. */
export interface LeanCsvSpec<T> {
  readonly requiredColumns: readonly string[];
  /** Builds the row parser once the header is known; the parser throws FieldError for a bad cell. */
  readonly parser: (header: Header, file: string) => (cell: Cell, line: number) => T;
}

export interface LeanCsvSink<T> {
  row(value: T, line: number): void;
  /** A refused row; `record` and `header` are there to read its cells (valid during the call only). */
  rejected(rejection: Rejection, record: CsvRecord, header: Header): void;
}

export interface LeanCsvOptions {
  readonly encoding?: TextEncoding;
  /** Header renames from `--map source=target`. */
  readonly columnMap?: Readonly<Record<string, string>>;
  /** Raw bytes read so far, for progress. */
  readonly onBytes?: (n: number) => void;
}

/**
 * Reads a CSV file straight from its bytes into validated values, with the same checks, in the
 * same order, as the ingest readers (csv-format.ts): required columns, column count, text that
 * cannot be stored, then the format's cell parser. It skips what screening does not use:
 * provenance objects, derived entities, and the decoding of cells nobody reads.
 */
export async function readCsvLean<T>(
  path: string,
  spec: LeanCsvSpec<T>,
  sink: LeanCsvSink<T>,
  options: LeanCsvOptions = {},
): Promise<{ rows: number; rejected: number }> {
  let header: Header | undefined;
  let parse: ((cell: Cell, line: number) => T) | undefined;
  let rows = 0;
  let rejected = 0;
  let current: CsvRecord | undefined;
  const cell: Cell = (i) => current?.text(i);
  const refuse = (record: CsvRecord, field: string, reason: string): void => {
    rejected++;
    sink.rejected({ file: path, line: record.line, field, reason }, record, header as Header);
  };
  const scanner = new CsvScanner(path, options.encoding ?? 'utf8', (record) => {
    if (header === undefined || parse === undefined) {
      header = new Header(record.fields(), options.columnMap);
      header.require(spec.requiredColumns, path);
      parse = spec.parser(header, path);
      return;
    }
    rows++;
    if (record.count !== header.names.length) {
      refuse(record, '(row)', `expected ${header.names.length} columns, found ${record.count}`);
      return;
    }
    const bad = record.badField();
    if (bad !== undefined) {
      refuse(record, header.names[bad.index] as string, bad.reason);
      return;
    }
    current = record;
    let value: T;
    try {
      value = parse(cell, record.line);
    } catch (err) {
      if (err instanceof FieldError) {
        refuse(record, err.field, err.reason);
        return;
      }
      throw err;
    } finally {
      current = undefined;
    }
    sink.row(value, record.line);
  });
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of input as AsyncIterable<Buffer>) {
    options.onBytes?.(chunk.length);
    scanner.push(chunk);
  }
  scanner.end();
  if (header === undefined) throw new SourceError(path, 1, 'empty file: no header row');
  return { rows, rejected };
}
