import { z } from 'zod';
import { foldName } from '../fold.js';
import type { EntityContext } from '../context.js';
import { DAY_MS, defineDetector, mentions, type Finding } from '../rule.js';
import { accountKey, row, type TransactionTable } from '../table.js';
import { memberMask } from './value-masks.js';

const Params = z.strictObject({
  channels: z.array(z.string()).default(['remittance']),
  beneficiaryCountries: z.array(z.string().length(2)).default(['CN', 'HK']),
  senderCountries: z.array(z.string().length(2)).default(['US']),
  /** "Low-dollar" transfers. */
  maxUsd: z.number().positive().default(3_000),
  windowDays: z.number().positive().default(30),
  minSenders: z.number().int().min(2).default(3),
  /** Senders who sent more than once to the same beneficiary. */
  minRepeatSenders: z.number().int().min(1).default(2),
  chemicalNameKeywords: z.array(z.string().min(2)).default(['chemical', 'pharma', 'biotech', 'biological', 'new material']),
});

/**
 * FinCEN FIN-2019-A006 remittance red flags: low-dollar transfers from many US senders to one
 * beneficiary in China; the same senders repeating; a beneficiary linked to a chemical or
 * pharmaceutical seller; senders who also deposit structured cash (mules). Family remittances
 * come from one or two relatives, to people with no chemical business behind them.
 */
export const remittanceDetector = defineDetector({
  id: 'remittance-red-flags',
  version: '1.0.0',
  description: 'FIN-2019-A006: low-dollar remittances from many US senders to one beneficiary in China',
  rules: {
    'remittance.many-senders': {
      typology: 'precursor_payment',
      description: 'one beneficiary in China receives low-dollar transfers from several US senders within the window',
    },
    'remittance.repeat-senders': { typology: 'precursor_payment', description: 'several of those senders send again and again' },
    'remittance.chemical-link': {
      typology: 'precursor_payment',
      description: 'the beneficiary directs or owns a chemical or pharmaceutical seller',
    },
    'remittance.mule-senders': {
      typology: 'precursor_payment',
      description: 'senders also made structured cash deposits (money mules)',
    },
  },
  params: Params,
  detect({ table: t, context, prior }, p) {
    const channels = memberMask(t.channels, p.channels);
    const to = memberMask(t.countries, p.beneficiaryCountries);
    const from = memberMask(t.countries, p.senderCountries);
    const muleNames = new Set<string>();
    for (const f of prior)
      if (f.ruleId === 'structuring.many-depositors') for (const n of f.names ?? []) muleNames.add(foldName(n));
    const findings: Finding[] = [];
    const rows: number[] = [];
    for (let b = 0; b < t.accountCount; b++) {
      // Setting the length is a runtime call even when it does not change (most accounts have no rows here).
      if (rows.length !== 0) rows.length = 0;
      for (let k = t.inOffsets[b] as number; k < (t.inOffsets[b + 1] as number); k++) {
        const i = t.inRows[k] as number;
        if (
          channels[t.channel[i] as number] === 1 &&
          to[t.creditorCountry[i] as number] === 1 &&
          from[t.debtorCountry[i] as number] === 1 &&
          row.usd(t, i) <= p.maxUsd
        )
          rows.push(i);
      }
      if (rows.length === 0) continue;
      const beneficiary = accountKey(t, b);
      const seller = chemicalLink(context, beneficiary, p.chemicalNameKeywords);
      if (seller !== undefined)
        findings.push({
          ruleId: 'remittance.chemical-link',
          text: `${beneficiary} received ${rows.length} low-dollar remittances from the US and is linked to ${seller}`,
          rows: [...rows],
          accounts: [b],
          related: [...new Set(rows.map((i) => t.debtor[i] as number))],
        });
      if (rows.length < p.minSenders) continue;
      const window = busiestWindow(t, rows, p.windowDays * DAY_MS);
      const senders = new Map<number, number>();
      for (const i of window) senders.set(t.debtor[i] as number, (senders.get(t.debtor[i] as number) ?? 0) + 1);
      if (senders.size < p.minSenders) continue;
      const related = [...senders.keys()];
      const evidence = [...window];
      findings.push({
        ruleId: 'remittance.many-senders',
        text: `${beneficiary} received ${window.length} low-dollar remittances from ${senders.size} US senders within ${p.windowDays} days`,
        rows: evidence,
        accounts: [b],
        related,
      });
      const repeaters = [...senders.values()].filter((n) => n > 1).length;
      if (repeaters >= p.minRepeatSenders)
        findings.push({
          ruleId: 'remittance.repeat-senders',
          text: `${repeaters} of the senders sent more than once`,
          rows: evidence,
          accounts: [b],
          related,
        });
      const mules = evidence.filter((i) => muleNames.has(foldName(row.debtorName(t, i))));
      if (mules.length > 0)
        findings.push({
          ruleId: 'remittance.mule-senders',
          text: `${new Set(mules.map((i) => row.debtorName(t, i))).size} senders also made structured cash deposits`,
          rows: mules,
          accounts: [b],
          related: mules.map((i) => t.debtor[i] as number),
        });
    }
    return findings;
  },
});

/** The largest set of rows within one window (rows are time-ordered). */
function busiestWindow(t: TransactionTable, rows: readonly number[], window: number): number[] {
  let best: [number, number] = [0, 0];
  let start = 0;
  for (let j = 0; j < rows.length; j++) {
    while ((t.time[rows[j] as number] as number) - (t.time[rows[start] as number] as number) > window) start++;
    if (j - start > best[1] - best[0]) best = [start, j];
  }
  return rows.slice(best[0], best[1] + 1);
}

/** A chemical seller the beneficiary's holder directs or owns, by name, if any. */
function chemicalLink(context: EntityContext, account: string, keywords: readonly string[]): string | undefined {
  for (const holder of context.holders(account)) {
    for (const id of context.related(holder.id)) {
      const name = context.holder(id)?.name;
      if (name === null || name === undefined) continue;
      if (context.chemicalShippers.has(foldName(name)) || mentions(name, keywords) !== undefined) return name;
    }
  }
  return undefined;
}
