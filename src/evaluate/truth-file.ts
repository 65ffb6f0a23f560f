import { createReadStream } from 'node:fs';
import { TRUTH_COLUMNS, TRUTH_KINDS, type TruthKind, type TruthRow } from '../simulate/truth.js';
import { Header, csvRows } from '../ingest/csv-source.js';
import { SourceError } from '../ingest/rejection.js';

function field(file: string, line: number, name: string, reason: string): SourceError {
  return new SourceError(file, line, `${name}: ${reason}`);
}

/**
 * Reads a simulator's `truth.csv`. Ground truth must be whole to be trusted, so a bad row
 * fails the read (naming file, line and field) instead of being skipped.
 */
export async function readTruth(path: string): Promise<TruthRow[]> {
  const rows: TruthRow[] = [];
  let header: Header | undefined;
  for await (const { line, fields } of csvRows(createReadStream(path, { encoding: 'utf8' }), path)) {
    if (header === undefined) {
      header = new Header(fields);
      header.require(TRUTH_COLUMNS, path);
      continue;
    }
    const get = (name: string): string => (fields[header!.position(name)] ?? '').trim();
    const kind = get('record_kind');
    if (!(TRUTH_KINDS as readonly string[]).includes(kind)) {
      throw field(path, line, 'record_kind', `"${kind}" is not one of ${TRUTH_KINDS.join(', ')}`);
    }
    const number = (name: string): number => {
      const n = Number(get(name) || '0');
      if (!Number.isFinite(n) || n < 0) throw field(path, line, name, `not a non-negative number: "${get(name)}"`);
      return n;
    };
    const key = get('key_record').toLowerCase();
    if (key !== 'true' && key !== 'false') throw field(path, line, 'key_record', `expected true or false, got "${key}"`);
    for (const required of ['record_id', 'scheme_id', 'typology']) {
      if (get(required) === '') throw field(path, line, required, 'required but empty');
    }
    rows.push({
      recordKind: kind as TruthKind,
      recordId: get('record_id'),
      schemeId: get('scheme_id'),
      typology: get('typology'),
      role: get('role'),
      keyRecord: key === 'true',
      kg: number('kg'),
      usd: number('usd'),
    });
  }
  if (header === undefined) throw new SourceError(path, 1, 'empty file: no header row');
  return rows;
}
