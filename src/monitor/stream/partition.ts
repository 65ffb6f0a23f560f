import type { Transaction } from '../../model/index.js';
import { CASH_ACCOUNTS } from '../table.js';

/** Which share of the stream a monitor decides: `index` of `count` (`--partition i/n`). */
export interface Partition {
  readonly index: number;
  readonly count: number;
}

export const WHOLE_STREAM: Partition = { index: 0, count: 1 };

/** Parses `i/n` (0 ≤ i < n); returns an error message for anything else. */
export function parsePartition(text: string): Partition | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) return `--partition expects i/n such as 0/4, got "${text}"`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) return `--partition expects 0 <= i < n, got "${text}"`;
  return { index, count };
}

/** FNV-1a over the UTF-16 code units: stable across runs, machines and Node versions. */
export function stableHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The account a transaction is partitioned by: its originator (debtor), except for cash paid in
 * over the counter, where the pseudo account "CASH" would send every deposit to one monitor; the
 * account credited stands in for it.
 */
export function originator(t: Pick<Transaction, 'debtorAccount' | 'creditorAccount'>): string {
  return CASH_ACCOUNTS.has(t.debtorAccount) ? t.creditorAccount : t.debtorAccount;
}

export function inPartition(t: Pick<Transaction, 'debtorAccount' | 'creditorAccount'>, p: Partition): boolean {
  return p.count === 1 || stableHash(originator(t)) % p.count === p.index;
}
