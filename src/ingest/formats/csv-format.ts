import type { Readable } from 'node:stream';
import type { Provenance } from '../../model/index.js';
import { Header, csvRows } from '../csv-source.js';
import { badText } from '../text-check.js';
import { EntityDeriver } from '../derived-entities.js';
import type { FormatReader, ReadContext, ReadItem, RecordKind } from '../reader.js';
import { FieldError, SourceError } from '../rejection.js';

/** One row's cell by column position (undefined past the row's end): what the shared cell parsers read. */
export type Cell = (position: number) => string | undefined;

/** Reads one row's cells by column name; absent optional columns read as undefined. */
export class Row {
  constructor(
    private readonly header: Header,
    readonly fields: readonly string[],
  ) {}

  get(column: string): string | undefined {
    const i = this.header.position(column);
    return i < 0 ? undefined : this.fields[i];
  }
}

export interface RowMapperContext {
  readonly header: Header;
  readonly read: ReadContext;
  readonly derive: EntityDeriver;
}

/** Maps one row to its records; throws FieldError for a bad cell. */
export type RowMapper = (row: Row, provenance: Provenance) => Exclude<ReadItem, { kind: 'rejected' }>;

export interface CsvFormatSpec {
  readonly id: string;
  readonly description: string;
  readonly primary: RecordKind;
  readonly sniff: (sample: string) => boolean;
  readonly requiredColumns: readonly string[];
  /** Builds the row mapper once the header is known (column positions resolved once). */
  readonly mapper: (context: RowMapperContext) => RowMapper;
}

/**
 * Turns a row-mapping spec into a streaming reader: header check, column count and encoding
 * checks, and conversion of field errors into rejections naming file, line and field.
 */
export function csvFormat(spec: CsvFormatSpec): FormatReader {
  return {
    id: spec.id,
    description: spec.description,
    primary: spec.primary,
    sniff: spec.sniff,
    async *read(input: Readable, context: ReadContext): AsyncIterable<ReadItem> {
      let header: Header | undefined;
      let map: RowMapper | undefined;
      const file = context.sourceFile;
      for await (const { line, fields } of csvRows(input, file)) {
        if (header === undefined || map === undefined) {
          header = new Header(fields, context.columnMap);
          header.require(spec.requiredColumns, file);
          map = spec.mapper({ header, read: context, derive: new EntityDeriver() });
          continue;
        }
        if (fields.length !== header.names.length) {
          yield reject(file, line, '(row)', `expected ${header.names.length} columns, found ${fields.length}`);
          continue;
        }
        const bad = fields.findIndex((field) => badText(field) !== undefined);
        if (bad >= 0) {
          yield reject(file, line, header.names[bad]!, badText(fields[bad]!)!);
          continue;
        }
        try {
          yield map(new Row(header, fields), {
            dataset: context.dataset,
            sourceFile: file,
            sourceLine: line,
            runId: context.runId,
          });
        } catch (err) {
          if (err instanceof FieldError) yield reject(file, line, err.field, err.reason);
          else throw err;
        }
      }
      if (header === undefined) throw new SourceError(file, 1, 'empty file: no header row');
    },
  };
}

function reject(file: string, line: number, field: string, reason: string): ReadItem {
  return { kind: 'rejected', rejection: { file, line, field, reason } };
}
