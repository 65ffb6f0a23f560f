import type { Readable } from 'node:stream';
import type { EntityRecord, ShipmentRecord, TransactionRecord } from '../model/index.js';
import type { Rejection } from './rejection.js';

export type RecordKind = 'entities' | 'shipments' | 'transactions';

export interface ReadContext {
  readonly sourceFile: string;
  readonly dataset: string;
  readonly runId: string;
  /** Header renames from `--map source=target`. */
  readonly columnMap: Readonly<Record<string, string>>;
}

/**
 * What a reader yields per source record: the record itself (an FtM entity, a shipment or a
 * transaction), the entities derived from it (parties, accounts and their links), or a
 * rejection. Derived entities ride in the same batch as their record, so both land together.
 */
export type ReadItem =
  | { readonly kind: 'entity'; readonly record: EntityRecord }
  | { readonly kind: 'shipment'; readonly record: ShipmentRecord; readonly derived: readonly EntityRecord[] }
  | { readonly kind: 'transaction'; readonly record: TransactionRecord; readonly derived: readonly EntityRecord[] }
  | { readonly kind: 'rejected'; readonly rejection: Rejection };

export interface FormatReader {
  /** The value of `--format`. */
  readonly id: string;
  readonly description: string;
  /** The kind of record one source row becomes; its store counts are the run's counts. */
  readonly primary: RecordKind;
  /** Decides from the first kilobytes of a file whether it is in this format. */
  sniff(sample: string): boolean;
  read(input: Readable, context: ReadContext): AsyncIterable<ReadItem>;
}

/** The first line of a sample without a byte-order mark, for sniffing headers. */
export function firstLine(sample: string): string {
  const end = sample.search(/\r?\n/);
  return (end < 0 ? sample : sample.slice(0, end)).replace(/^\uFEFF/, '');
}

/** The header's column names, trimmed, for sniffing CSV formats. */
export function headerColumns(sample: string): string[] {
  return firstLine(sample)
    .split(',')
    .map((c) => c.trim());
}
