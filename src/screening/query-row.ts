import type { Rejection } from '../ingest/index.js';
import { parseIdentifierList } from './identifiers.js';
import { normaliseCountryValue, QUERY_SCHEMATA, type MatchSubject } from './subject.js';

/** Columns a name-screening input may have; only `name` is required. */
export const QUERY_COLUMNS = ['id', 'name', 'schema', 'country', 'birth_date', 'nationality', 'identifiers'] as const;

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export type QueryRow =
  { readonly ok: true; readonly subject: MatchSubject } | { readonly ok: false; readonly rejection: Rejection };

const split = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);

/**
 * One input row as a query subject, or a rejection naming the field. Countries and nationalities
 * may be ISO codes or names and may list several (`;`); the schema defaults to LegalEntity
 * (anyone: person or organisation).
 */
export function parseQueryRow(cell: (column: string) => string | undefined, file: string, line: number): QueryRow {
  const reject = (field: string, reason: string): QueryRow => ({ ok: false, rejection: { file, line, field, reason } });
  const name = (cell('name') ?? '').trim();
  if (name.length === 0) return reject('name', 'empty: a name is required');
  const schema = (cell('schema') ?? '').trim() || 'LegalEntity';
  if (!(QUERY_SCHEMATA as readonly string[]).includes(schema))
    return reject('schema', `"${schema}" is not one of ${QUERY_SCHEMATA.join(', ')}`);
  const birthDates = split(cell('birth_date'));
  const badDate = birthDates.find((d) => !PARTIAL_DATE.test(d));
  if (badDate !== undefined) return reject('birth_date', `"${badDate}" is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  const countries = (column: string): string[] => split(cell(column)).flatMap((c) => normaliseCountryValue(c) ?? []);
  const id = (cell('id') ?? '').trim();
  return {
    ok: true,
    subject: {
      id: id.length > 0 ? id : `line:${line}`,
      schema,
      names: [name],
      countries: countries('country'),
      nationalities: countries('nationality'),
      birthDates,
      identifiers: parseIdentifierList(cell('identifiers')),
    },
  };
}
