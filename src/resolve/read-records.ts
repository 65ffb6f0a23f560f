import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { SourceError, type Rejection } from '../ingest/index.js';
import { nameClassOf, QUERY_SCHEMATA, type NameClass } from '../screening/index.js';
import { describeColumns, FieldMappingError, recogniseColumns, type ColumnMap, type InputField } from './fields.js';
import type { ResolutionPolicyData } from './policy.js';
import type { RecordInput, RecordTableBuilder } from './record-table.js';
import { normaliseAddress, parseCountry, parseDate, parseEmail, parseIdentifiers, parsePhone, type Parsed } from './values.js';

export interface FileReport {
  readonly file: string;
  readonly source: string;
  readonly columns: Partial<Record<InputField, string[]>>;
  readonly records: number;
  readonly rejected: number;
}

/** Free-text kinds of party to the name classes the matcher knows. */
const SCHEMA_WORDS: Readonly<Record<string, NameClass>> = {
  person: 'person',
  individual: 'person',
  people: 'person',
  company: 'organization',
  organisation: 'organization',
  organization: 'organization',
  business: 'organization',
  firm: 'organization',
  entity: 'unknown',
  vessel: 'vessel',
  ship: 'vessel',
};

function nameClassFrom(raw: string): Parsed<NameClass> {
  const s = raw.trim();
  if (s.length === 0) return { ok: true, value: 'unknown' };
  if ((QUERY_SCHEMATA as readonly string[]).includes(s)) return { ok: true, value: nameClassOf(s) };
  const known = SCHEMA_WORDS[s.toLowerCase()];
  if (known !== undefined) return { ok: true, value: known };
  return { ok: false, reason: `"${raw}" is not a kind of party (Person, Company, Organization, Vessel, LegalEntity)` };
}

/** Source names: the file's base name, or its path where two files share a base name. */
export function sourceNames(files: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const f of files) counts.set(basename(f), (counts.get(basename(f)) ?? 0) + 1);
  return files.map((f) => ((counts.get(basename(f)) ?? 0) > 1 ? f : basename(f)));
}

/**
 * Reads one CSV of records into the table. Structural faults stop the run with file and line (no
 * header, no id column, a row with more or fewer fields than the header); a value that cannot be
 * read (a date that is not ISO, an e-mail without "@", an empty or repeated id) rejects its row,
 * naming file, line and field, and the run goes on.
 */
export async function readRecordFile(
  file: string,
  source: string,
  builder: RecordTableBuilder,
  policy: ResolutionPolicyData,
  options: { readonly map?: Readonly<Record<string, string>>; readonly onRejection: (r: Rejection) => void },
): Promise<FileReport> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  let header: readonly string[] | undefined;
  let columns: ColumnMap | undefined;
  let records = 0;
  let rejected = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = item.info.lines;
      const fields = item.record;
      if (header === undefined || columns === undefined) {
        header = fields.map((f) => f.trim());
        try {
          columns = recogniseColumns(header, policy, options.map);
        } catch (err) {
          if (err instanceof FieldMappingError) throw new SourceError(file, line, `${err.field}: ${err.message}`);
          throw err;
        }
        continue;
      }
      if (fields.length !== header.length)
        throw new SourceError(
          file,
          line,
          `(row): ragged row: ${fields.length} fields where the header has ${header.length} (${header.join(',')})`,
        );
      const row = readRow(fields, header, columns, source, policy);
      if (!row.ok) {
        rejected++;
        options.onRejection({ file, line, field: row.field, reason: row.reason });
        continue;
      }
      if (builder.has(source, row.value.id)) {
        rejected++;
        options.onRejection({
          file,
          line,
          field: header[columns.id[0] ?? 0] ?? 'id',
          reason: `repeated record id "${row.value.id}"`,
        });
        continue;
      }
      builder.add(row.value);
      records++;
    }
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_'))
      throw new SourceError(file, e.lines ?? 0, `malformed CSV: ${e.message ?? e.code}`);
    if (e.code === 'ENOENT') throw new SourceError(file, 0, 'no such file');
    throw err;
  }
  if (header === undefined || columns === undefined)
    throw new SourceError(file, 1, 'empty file: expected a header with an id column');
  return { file, source, columns: describeColumns(columns, header), records, rejected };
}

type RowResult = { ok: true; value: RecordInput } | { ok: false; field: string; reason: string };

function readRow(
  fields: readonly string[],
  header: readonly string[],
  columns: ColumnMap,
  source: string,
  policy: ResolutionPolicyData,
): RowResult {
  const idColumn = columns.id[0] ?? 0;
  const id = (fields[idColumn] ?? '').trim();
  if (id.length === 0) return { ok: false, field: header[idColumn] ?? 'id', reason: 'empty record id' };
  let failure: { field: string; reason: string } | undefined;
  const values = <T>(field: InputField, parseOne: (raw: string) => Parsed<T>): T[] => {
    const out: T[] = [];
    for (const c of columns[field]) {
      const raw = fields[c] ?? '';
      if (raw.trim().length === 0) continue;
      const parsed = parseOne(raw);
      if (parsed.ok) out.push(parsed.value);
      else failure ??= { field: header[c] ?? field, reason: parsed.reason };
    }
    return out;
  };
  const classes = values('schema', nameClassFrom);
  const record: RecordInput = {
    source,
    id,
    nameClass: classes[0] ?? 'unknown',
    names: values('name', (raw) => ({ ok: true, value: raw.trim() })),
    addresses: values('address', (raw) => ({ ok: true, value: normaliseAddress(raw, policy.addressWords) })),
    dates: values('date', parseDate),
    identifiers: values('identifier', parseIdentifiers).flat(),
    countries: values('country', parseCountry),
    phones: values('phone', parsePhone),
    emails: values('email', parseEmail),
  };
  return failure === undefined ? { ok: true, value: record } : { ok: false, ...(failure as { field: string; reason: string }) };
}
