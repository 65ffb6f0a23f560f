import { z } from 'zod';
import type { TransactionTable } from '../table.js';
import { memberMask } from './value-masks.js';

/** Channels that are not account-to-account transfers in the laundering sense (card spending, payroll, savings). */
export const excludedChannels = z.array(z.string()).default(['card', 'internal', 'cash_withdrawal', 'cash_deposit']);

/** Accounts with more edges than this are skipped by path searches (payment processors, payroll hubs). */
export const maxDegree = z.number().int().positive().default(200);

/** 1 per channel id of the table that is excluded: a row's test is then one array read, not a string lookup. */
export function excludedChannelMask(t: TransactionTable, excluded: readonly string[]): Uint8Array {
  return memberMask(t.channels, excluded);
}

/**
 * Whether row `i` is a graph edge (as `edgeFilter`), `skip` being the excluded channels' mask:
 * for detectors that look at a few accounts' rows, not every row of the table.
 */
export function isEdge(t: TransactionTable, skip: Uint8Array, i: number): boolean {
  const debtor = t.debtor[i] as number;
  const creditor = t.creditor[i] as number;
  return (
    skip[t.channel[i] as number] !== 1 && t.accountIsCash[debtor] !== 1 && t.accountIsCash[creditor] !== 1 && debtor !== creditor
  );
}

/** A row is a graph edge when neither side is cash and its channel is not excluded. */
export function edgeFilter(t: TransactionTable, excluded: readonly string[]): Uint8Array {
  const skip = excludedChannelMask(t, excluded);
  const edge = new Uint8Array(t.size);
  for (let i = 0; i < t.size; i++) if (isEdge(t, skip, i)) edge[i] = 1;
  return edge;
}
