import type { ShipmentColumn, TransactionColumn } from '../model/index.js';
import type { TruthRow } from './truth.js';

/** A shipments.csv row by column name; missing columns are written empty. */
export type ShipmentRow = { [K in ShipmentColumn]?: string | number | null };
/** A transactions.csv row by column name. */
export type TransactionRow = { [K in TransactionColumn]?: string | number | null };

/** Truth about a planted record; its kind and id are filled in when the writer numbers it. */
export type TruthTag = Omit<TruthRow, 'recordKind' | 'recordId'>;

/** A planted illicit record on a simulated day, with its ground truth. */
export interface Planted<R> {
  readonly day: number;
  readonly row: R;
  readonly truth: TruthTag;
}

export interface Account {
  readonly number: string;
  readonly bank: string;
  readonly country: string;
  readonly currency: string;
}

/** A party of the world: written to entities.ftm.json and named in shipments and payments. */
export interface Party {
  /** FtM entity id. */
  readonly id: string;
  readonly schema: 'Company' | 'Person';
  readonly name: string;
  readonly country: string;
  readonly address: string;
  readonly city: string;
  readonly phone: string;
  readonly email: string;
  readonly account: Account;
  /** Extra FtM properties (position, incorporationDate, alias, ...). */
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
