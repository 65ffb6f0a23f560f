import type { Provenance, Shipment, Transaction } from '../model/index.js';

/**
 * Column maps shared by both adapters: the typed record field each SQL column holds. Both
 * dialects use the same column names, so encoding and decoding live here once.
 */
type ColumnKind = 'text' | 'real' | 'integer' | 'list' | 'json';
interface ColumnSpec<T> {
  readonly column: string;
  readonly field: keyof T & string;
  readonly kind: ColumnKind;
}

export const SHIPMENT_TABLE: readonly ColumnSpec<Shipment>[] = [
  { column: 'id', field: 'id', kind: 'text' },
  { column: 'source_id', field: 'sourceId', kind: 'text' },
  { column: 'house_bill', field: 'houseBill', kind: 'text' },
  { column: 'master_bill', field: 'masterBill', kind: 'text' },
  { column: 'arrival_date', field: 'arrivalDate', kind: 'text' },
  { column: 'mode', field: 'mode', kind: 'text' },
  { column: 'entry_type', field: 'entryType', kind: 'text' },
  { column: 'origin_country', field: 'originCountry', kind: 'text' },
  { column: 'export_country', field: 'exportCountry', kind: 'text' },
  { column: 'transit_countries', field: 'transitCountries', kind: 'list' },
  { column: 'port_of_lading', field: 'portOfLading', kind: 'text' },
  { column: 'port_of_entry', field: 'portOfEntry', kind: 'text' },
  { column: 'shipper_name', field: 'shipperName', kind: 'text' },
  { column: 'shipper_address', field: 'shipperAddress', kind: 'text' },
  { column: 'shipper_country', field: 'shipperCountry', kind: 'text' },
  { column: 'shipper_phone', field: 'shipperPhone', kind: 'text' },
  { column: 'shipper_email', field: 'shipperEmail', kind: 'text' },
  { column: 'seller_name', field: 'sellerName', kind: 'text' },
  { column: 'consignee_name', field: 'consigneeName', kind: 'text' },
  { column: 'consignee_address', field: 'consigneeAddress', kind: 'text' },
  { column: 'consignee_country', field: 'consigneeCountry', kind: 'text' },
  { column: 'final_recipient_name', field: 'finalRecipientName', kind: 'text' },
  { column: 'final_recipient_address', field: 'finalRecipientAddress', kind: 'text' },
  { column: 'final_recipient_country', field: 'finalRecipientCountry', kind: 'text' },
  { column: 'description', field: 'description', kind: 'text' },
  { column: 'hs_code', field: 'hsCode', kind: 'text' },
  { column: 'quantity', field: 'quantity', kind: 'real' },
  { column: 'quantity_unit', field: 'quantityUnit', kind: 'text' },
  { column: 'gross_weight_kg', field: 'grossWeightKg', kind: 'real' },
  { column: 'declared_value_usd', field: 'declaredValueUsd', kind: 'real' },
  { column: 'carrier', field: 'carrier', kind: 'text' },
  { column: 'marketplace', field: 'marketplace', kind: 'text' },
  { column: 'dea_transaction_id', field: 'deaTransactionId', kind: 'text' },
  { column: 'shipper_entity_id', field: 'shipperEntityId', kind: 'text' },
  { column: 'seller_entity_id', field: 'sellerEntityId', kind: 'text' },
  { column: 'consignee_entity_id', field: 'consigneeEntityId', kind: 'text' },
  { column: 'final_recipient_entity_id', field: 'finalRecipientEntityId', kind: 'text' },
  { column: 'attributes', field: 'attributes', kind: 'json' },
];

export const TRANSACTION_TABLE: readonly ColumnSpec<Transaction>[] = [
  { column: 'id', field: 'id', kind: 'text' },
  { column: 'source_id', field: 'sourceId', kind: 'text' },
  { column: 'ts', field: 'timestamp', kind: 'integer' },
  { column: 'debtor_account', field: 'debtorAccount', kind: 'text' },
  { column: 'debtor_name', field: 'debtorName', kind: 'text' },
  { column: 'debtor_bank', field: 'debtorBank', kind: 'text' },
  { column: 'debtor_country', field: 'debtorCountry', kind: 'text' },
  { column: 'creditor_account', field: 'creditorAccount', kind: 'text' },
  { column: 'creditor_name', field: 'creditorName', kind: 'text' },
  { column: 'creditor_bank', field: 'creditorBank', kind: 'text' },
  { column: 'creditor_country', field: 'creditorCountry', kind: 'text' },
  { column: 'amount', field: 'amount', kind: 'real' },
  { column: 'currency', field: 'currency', kind: 'text' },
  { column: 'amount_usd', field: 'amountUsd', kind: 'real' },
  { column: 'channel', field: 'channel', kind: 'text' },
  { column: 'purpose', field: 'purpose', kind: 'text' },
  { column: 'debtor_account_entity_id', field: 'debtorAccountEntityId', kind: 'text' },
  { column: 'creditor_account_entity_id', field: 'creditorAccountEntityId', kind: 'text' },
  { column: 'truth_laundering', field: 'truthLaundering', kind: 'integer' },
  { column: 'truth_scheme', field: 'truthScheme', kind: 'text' },
];

/** Columns every fact table carries after its record columns. */
export const PROVENANCE_COLUMNS = ['dataset', 'source_file', 'source_line', 'run_id'] as const;

export type SqlValue = string | number | null;

function encodeValue(kind: ColumnKind, value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'list':
      return (value as readonly string[]).length === 0 ? null : (value as readonly string[]).join(';');
    case 'json':
      return Object.keys(value as object).length === 0 ? null : JSON.stringify(value);
    default:
      return value as string | number;
  }
}

function decodeValue(kind: ColumnKind, value: unknown): unknown {
  switch (kind) {
    case 'list':
      return value === null || value === '' ? [] : String(value).split(';');
    case 'json':
      return value === null ? {} : (JSON.parse(String(value)) as unknown);
    case 'real':
    case 'integer':
      // pg returns BIGINT as a string; both dialects hand numbers back as numbers.
      return value === null ? null : Number(value);
    default:
      return value;
  }
}

/** Record values in column order, then the provenance columns. */
export function encodeRow<T>(spec: readonly ColumnSpec<T>[], record: T, provenance: Provenance): SqlValue[] {
  const values: SqlValue[] = spec.map((c) => encodeValue(c.kind, record[c.field]));
  values.push(provenance.dataset, provenance.sourceFile, provenance.sourceLine, provenance.runId);
  return values;
}

export function decodeRow<T>(spec: readonly ColumnSpec<T>[], row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const c of spec) out[c.field] = decodeValue(c.kind, row[c.column]);
  return out as T;
}

export function columnNames<T>(spec: readonly ColumnSpec<T>[]): string[] {
  return [...spec.map((c) => c.column), ...PROVENANCE_COLUMNS];
}

/**
 * The upsert shared by both dialects: a row is rewritten only when one of its record columns
 * differs (NULL-aware), so the count of changed rows is the count of stored records, and the
 * same fact read again from another line or run keeps its first provenance. `distinct` is the
 * dialect's NULL-aware inequality: `IS NOT` (SQLite), `IS DISTINCT FROM` (PostgreSQL).
 */
export function upsertSql<T>(
  table: string,
  spec: readonly ColumnSpec<T>[],
  options: { readonly values: string; readonly distinct: string },
): string {
  const columns = columnNames(spec);
  const record = spec.map((c) => c.column).filter((c) => c !== 'id');
  return (
    `INSERT INTO ${table} AS t (${columns.join(', ')}) ${options.values} ` +
    `ON CONFLICT (id) DO UPDATE SET ${columns
      .filter((c) => c !== 'id')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')} ` +
    `WHERE (${record.map((c) => `t.${c}`).join(', ')}) ${options.distinct} (${record.map((c) => `excluded.${c}`).join(', ')})`
  );
}

export function writeCounts(stored: number, total: number): { stored: number; unchanged: number } {
  return { stored, unchanged: total - stored };
}

/** The column = value pairs an alert filter asks for, in a fixed order; each dialect adds its placeholders. */
export function alertConditions(filter: {
  readonly detectorId?: string;
  readonly level?: string;
  readonly status?: string;
}): [string, string][] {
  const pairs: [string, string | undefined][] = [
    ['detector_id', filter.detectorId],
    ['level', filter.level],
    ['status', filter.status],
  ];
  return pairs.filter((p): p is [string, string] => p[1] !== undefined);
}
