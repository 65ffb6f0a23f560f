import { z } from 'zod';
import { DAY_MS, defineDetector, dollars, type Finding } from '../rule.js';
import { accountKey, row, type TransactionTable } from '../table.js';
import { relatedAccountStructuring } from './structuring-related.js';
import { memberMask } from './value-masks.js';

const Params = z.strictObject({
  /** The currency transaction report threshold (31 CFR 1010.311). */
  thresholdUsd: z.number().positive().default(10_000),
  /** Deposits count as "just below" from threshold − band up to the threshold. */
  bandUsd: z.number().positive().default(1_500),
  windowDays: z.number().positive().default(14),
  minDeposits: z.number().int().min(2).default(3),
  /** Share of the account's cash deposits in the window that fall in the band: a shop banking receipts spreads wider. */
  minBandShare: z.number().min(0).max(1).default(0.6),
  /** Distinct depositors (names) or branches that make it a many-hands pattern. */
  minDepositors: z.number().int().min(2).default(2),
  cashDepositChannels: z.array(z.string()).default(['cash_deposit']),
  /** Days after the last structured deposit in which outflows count as the funnel emptying. */
  outflowDays: z.number().positive().default(5),
  /** Share of the structured total that must leave for the funnel rule. */
  minOutflowShare: z.number().min(0).max(1).default(0.5),
  /** Related accounts: deposits this many calendar days apart still count together (1: same or adjacent day). */
  relatedDays: z.number().int().min(0).default(1),
  /** Larger groups of linked accounts share a registered agent or a switchboard, not a holder. */
  maxGroupAccounts: z.number().int().min(2).default(8),
});

/** `cash` is the mask of the cash deposit channels (`memberMask`). */
function isCashDeposit(t: TransactionTable, i: number, cash: Uint8Array): boolean {
  return cash[t.channel[i] as number] === 1 || t.accountIsCash[t.debtor[i] as number] === 1;
}

const BRANCH = /branch\s+([^,;]+)/i;

/**
 * Structuring (domain.md §4): cash deposits just below the reporting threshold, several within a
 * window into one account; made by several people or at several branches it is the CMLN
 * many-depositors pattern; if the money then leaves quickly, the account is a funnel.
 */
export const structuringDetector = defineDetector({
  id: 'structuring',
  version: '1.1.0',
  description:
    'cash deposits just below the $10,000 reporting threshold into one account or related accounts, and the funnel emptying it',
  rules: {
    'structuring.below-threshold': {
      typology: 'structuring',
      description: 'several cash deposits just below the reporting threshold into one account within the window',
    },
    'structuring.many-depositors': {
      typology: 'structuring',
      description: 'the structured deposits were made by several people or at several branches (CMLN mules and students)',
    },
    'structuring.funnel-outflow': {
      typology: 'structuring',
      description: 'the structured money left the account by wire or cash withdrawal within days (funnel account)',
    },
    'structuring.related-accounts': {
      typology: 'structuring',
      description:
        'cash deposits just below the threshold split across accounts sharing a holder, phone, e-mail or address, on the same or adjacent days',
    },
  },
  params: Params,
  detect({ table: t, context }, p) {
    const cash = memberMask(t.channels, p.cashDepositChannels);
    const low = p.thresholdUsd - p.bandUsd;
    const window = p.windowDays * DAY_MS;
    const findings: Finding[] = [];
    const deposits: number[] = [];
    for (let a = 0; a < t.accountCount; a++) {
      if (t.accountIsCash[a] === 1) continue;
      // Setting the length is a runtime call even when it does not change (most accounts have no deposits here).
      if (deposits.length !== 0) deposits.length = 0;
      for (let k = t.inOffsets[a] as number; k < (t.inOffsets[a + 1] as number); k++) {
        const i = t.inRows[k] as number;
        if (isCashDeposit(t, i, cash)) deposits.push(i);
      }
      if (deposits.length < p.minDeposits) continue;
      const inBand = (i: number): boolean => {
        const usd = row.usd(t, i);
        return usd >= low && usd < p.thresholdUsd;
      };
      // Sliding window over the account's cash deposits (time-ordered): mark every in-band
      // deposit of a window holding enough of them, when they dominate that window.
      const marked = new Set<number>();
      let start = 0;
      let bandCount = 0;
      for (let j = 0; j < deposits.length; j++) {
        const dj = deposits[j] as number;
        if (inBand(dj)) bandCount++;
        while ((t.time[dj] as number) - (t.time[deposits[start] as number] as number) > window) {
          if (inBand(deposits[start] as number)) bandCount--;
          start++;
        }
        if (bandCount >= p.minDeposits && bandCount / (j - start + 1) >= p.minBandShare) {
          for (let k = start; k <= j; k++) if (inBand(deposits[k] as number)) marked.add(deposits[k] as number);
        }
      }
      if (marked.size === 0) continue;
      const rows = [...marked].sort((x, y) => (t.time[x] as number) - (t.time[y] as number));
      const total = rows.reduce((s, i) => s + row.usd(t, i), 0);
      findings.push({
        ruleId: 'structuring.below-threshold',
        text: `${rows.length} cash deposits between $${low.toLocaleString('en-US')} and $${p.thresholdUsd.toLocaleString('en-US')} into ${accountKey(t, a)}, $${dollars(total)} in all`,
        rows,
        accounts: [a],
      });
      const depositors = new Set<string>();
      const branches = new Set<string>();
      for (const i of rows) {
        const name = row.debtorName(t, i);
        if (name !== '') depositors.add(name);
        const branch = BRANCH.exec(t.purpose[i] ?? '')?.[1];
        if (branch !== undefined) branches.add(branch.trim());
      }
      if (depositors.size >= p.minDepositors || branches.size >= p.minDepositors) {
        findings.push({
          ruleId: 'structuring.many-depositors',
          text: `made by ${depositors.size} depositors at ${branches.size} branches`,
          rows,
          accounts: [a],
          names: [...depositors].sort(),
        });
      }
      const outflows = funnelOutflows(t, a, rows, p.outflowDays * DAY_MS);
      const out = outflows.reduce((s, i) => s + row.usd(t, i), 0);
      if (outflows.length > 0 && out >= p.minOutflowShare * total) {
        findings.push({
          ruleId: 'structuring.funnel-outflow',
          text: `$${dollars(out)} (${Math.round((100 * out) / total)}% of the structured deposits) left in ${outflows.length} payments within ${p.outflowDays} days`,
          rows: outflows,
          accounts: [a],
          related: [...new Set(outflows.map((i) => t.creditor[i] as number))],
        });
      }
    }
    findings.push(...relatedAccountStructuring(t, context, p, (i) => isCashDeposit(t, i, cash)));
    return findings;
  },
});

/** Payments out of the account from its first structured deposit until `after` ms past the last. */
function funnelOutflows(t: TransactionTable, a: number, deposits: readonly number[], after: number): number[] {
  const from = t.time[deposits[0] as number] as number;
  const until = (t.time[deposits[deposits.length - 1] as number] as number) + after;
  const out: number[] = [];
  for (let k = t.outOffsets[a] as number; k < (t.outOffsets[a + 1] as number); k++) {
    const i = t.outRows[k] as number;
    const time = t.time[i] as number;
    if (time >= from && time <= until) out.push(i);
  }
  return out;
}
