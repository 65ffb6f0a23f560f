import { FIELDS, foldHeader, type Field, type ResolutionPolicyData } from './policy.js';

/** Input columns that feed a record: the comparable fields, the record id and the optional schema. */
export const INPUT_FIELDS = ['id', ...FIELDS, 'schema'] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

/** Which columns (0-based) feed each field; a field may take several columns ("tax id" and "lei"). */
export type ColumnMap = Readonly<Record<InputField, readonly number[]>>;

/** A header or mapping problem, named so the caller can point at the file's header line. */
export class FieldMappingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'FieldMappingError';
  }
}

export function isInputField(name: string): name is InputField {
  return (INPUT_FIELDS as readonly string[]).includes(name);
}

/**
 * Recognises fields by header. `--map field=column` comes first and names a column exactly (or
 * after folding); the synonyms recognise the rest. A column feeds one field at most. The id column
 * is required, and at least one comparable field.
 */
export function recogniseColumns(
  header: readonly string[],
  policy: ResolutionPolicyData,
  map: Readonly<Record<string, string>> = {},
): ColumnMap {
  const out: Record<InputField, number[]> = {
    id: [],
    name: [],
    address: [],
    date: [],
    identifier: [],
    country: [],
    phone: [],
    email: [],
    schema: [],
  };
  const folded = header.map(foldHeader);
  const taken = new Set<number>();
  for (const [field, column] of Object.entries(map)) {
    if (!isInputField(field))
      throw new FieldMappingError(field, `--map: unknown field "${field}" (fields: ${INPUT_FIELDS.join(', ')})`);
    let at = header.indexOf(column);
    if (at < 0) at = folded.indexOf(foldHeader(column));
    // With several files, a mapping applies to the files that have the column (resolveFiles checks
    // that one does); the others are read by synonyms.
    if (at < 0) continue;
    out[field].push(at);
    taken.add(at);
  }
  const mapped = new Set(Object.keys(map).filter((f) => isInputField(f) && out[f].length > 0));
  const bySynonym = new Map<string, InputField>();
  for (const field of INPUT_FIELDS) for (const w of policy.fields[field]) bySynonym.set(foldHeader(w), field);
  folded.forEach((h, i) => {
    const field = bySynonym.get(h);
    // A field mapped explicitly takes only the columns named for it.
    if (field === undefined || taken.has(i) || mapped.has(field)) return;
    if (field === 'id' && out.id.length > 0) return;
    out[field].push(i);
  });
  if (out.id.length === 0)
    throw new FieldMappingError(
      'id',
      `no id column (looked for ${policy.fields.id.map((w) => `"${w}"`).join(', ')}; or pass --map id=COLUMN); header: ${header.join(',')}`,
    );
  if (FIELDS.every((f) => out[f].length === 0))
    throw new FieldMappingError(
      '(header)',
      `no field to compare: none of name, address, date, identifier, country, phone, email recognised (use --map field=COLUMN); header: ${header.join(',')}`,
    );
  return out;
}

/** Field → header names, for messages and the summary. */
export function describeColumns(columns: ColumnMap, header: readonly string[]): Partial<Record<InputField, string[]>> {
  const out: Partial<Record<InputField, string[]>> = {};
  for (const f of INPUT_FIELDS) if (columns[f].length > 0) out[f] = columns[f].map((i) => header[i] ?? '');
  return out;
}

export type { Field };
