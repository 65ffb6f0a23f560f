import { z } from 'zod';
import type { TransactionTable } from '../table.js';

/** Channels that are not account-to-account transfers in the laundering sense (card spending, payroll, savings). */
export const excludedChannels = z.array(z.string()).default(['card', 'internal', 'cash_withdrawal', 'cash_deposit']);

/** Accounts with more edges than this are skipped by path searches (payment processors, payroll hubs). */
export const maxDegree = z.number().int().positive().default(200);

/** 1 per channel id of the table that is excluded: a row's test is then one array read, not a string lookup. */
export function excludedChannelMask(t: TransactionTable, excluded: readonly string[]): Uint8Array {
  const skip = new Uint8Array(t.channels.length);
  t.channels.forEach((c, k) => {
    if (excluded.includes(c)) skip[k] = 1;
  });
  return skip;
}

/** A row is a graph edge when neither side is cash and its channel is not excluded. */
export function edgeFilter(t: TransactionTable, excluded: readonly string[]): Uint8Array {
  const skip = excludedChannelMask(t, excluded);
  const edge = new Uint8Array(t.size);
  for (let i = 0; i < t.size; i++) {
    if (skip[t.channel[i] as number] === 1) continue;
    if (t.accountIsCash[t.debtor[i] as number] === 1 || t.accountIsCash[t.creditor[i] as number] === 1) continue;
    if (t.debtor[i] === t.creditor[i]) continue;
    edge[i] = 1;
  }
  return edge;
}
