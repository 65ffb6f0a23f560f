import { z } from 'zod';
import { primaryHolder } from '../context.js';
import { DAY_MS, defineDetector, dollars, type Finding, mentions } from '../rule.js';
import { accountKey, row } from '../table.js';

const Params = z.strictObject({
  minUsd: z.number().positive().default(50_000),
  payeeKeywords: z.array(z.string().min(2)).default(['title', 'escrow', 'realty', 'real estate', 'closing']),
  purposeKeywords: z.array(z.string().min(2)).default(['escrow', 'purchase of', 'closing', 'property', 'deed', 'down payment']),
  /** Days before the purchase in which the money came in. */
  fundingDays: z.number().positive().default(14),
  /** Share of the purchase covered by those inflows. */
  minFundingShare: z.number().min(0).max(2).default(0.8),
  /** Inflows that are multiples of this many dollars count as round. */
  roundUnitUsd: z.number().positive().default(5_000),
  minRoundInflows: z.number().int().min(1).default(2),
  newCompanyYears: z.number().int().nonnegative().default(2),
  nameKeywords: z.array(z.string().min(2)).default(['llc', 'holdings', 'properties', 'investments', 'ventures']),
});

/**
 * Real estate bought through new LLCs (domain.md §4): a company receives a few round sums and
 * within days pays a title or escrow company about as much for a property. An established
 * company paying for premises out of its trading income has no such just-in-time funding.
 */
export const realEstateDetector = defineDetector({
  id: 'real-estate-llc',
  version: '1.0.0',
  description: 'property purchases by new companies funded just before by round transfers',
  rules: {
    'real-estate.funded-purchase': {
      typology: 'shell_real_estate',
      description: 'a payment to a title or escrow company covered by money that arrived within days',
    },
    'real-estate.round-funding': { typology: 'shell_real_estate', description: 'the funding came as round sums' },
    'real-estate.new-company': {
      typology: 'shell_real_estate',
      description: 'the buyer was incorporated recently (or is named as a holding or LLC when no register data is known)',
    },
    'real-estate.flagged-funders': {
      typology: 'shell_real_estate',
      description: 'the funding came from accounts other rules flagged',
    },
  },
  params: Params,
  detect({ table: t, context, flagged }, p) {
    const findings: Finding[] = [];
    for (let i = 0; i < t.size; i++) {
      const price = row.usd(t, i);
      if (price < p.minUsd) continue;
      const payee = mentions(row.creditorName(t, i), p.payeeKeywords);
      const purpose = mentions(t.purpose[i], p.purposeKeywords);
      if (payee === undefined && purpose === undefined) continue;
      const buyer = t.debtor[i] as number;
      const at = t.time[i] as number;
      const inflows: number[] = [];
      let funded = 0;
      for (let k = t.inOffsets[buyer] as number; k < (t.inOffsets[buyer + 1] as number); k++) {
        const j = t.inRows[k] as number;
        const time = t.time[j] as number;
        if (time > at) break;
        if (time < at - p.fundingDays * DAY_MS) continue;
        inflows.push(j);
        funded += row.usd(t, j);
      }
      if (funded < p.minFundingShare * price) continue;
      const rows = [i, ...inflows];
      const account = accountKey(t, buyer);
      findings.push({
        ruleId: 'real-estate.funded-purchase',
        text: `${account} paid $${dollars(price)} (${payee !== undefined ? `payee "${row.creditorName(t, i)}"` : `purpose "${t.purpose[i]}"`}) after receiving $${dollars(funded)} in ${inflows.length} transfers within ${p.fundingDays} days`,
        rows,
        accounts: [buyer],
        related: [t.creditor[i] as number],
      });
      const round = inflows.filter((j) => row.usd(t, j) % p.roundUnitUsd === 0);
      if (round.length >= p.minRoundInflows)
        findings.push({
          ruleId: 'real-estate.round-funding',
          text: `${round.length} of them round sums`,
          rows,
          accounts: [buyer],
        });
      const holder = primaryHolder(context, account);
      const year = new Date(at).getUTCFullYear();
      const newByRegister = holder?.incorporationYear != null && year - holder.incorporationYear <= p.newCompanyYears;
      const byName = holder?.incorporationYear == null && mentions(row.debtorName(t, i), p.nameKeywords) !== undefined;
      if (newByRegister || byName)
        findings.push({
          ruleId: 'real-estate.new-company',
          text: newByRegister
            ? `${holder?.name ?? account} incorporated in ${holder?.incorporationYear}`
            : `${row.debtorName(t, i)} is named as a holding/LLC`,
          rows,
          accounts: [buyer],
        });
      const funders = inflows.filter((j) => flagged.has(t.debtor[j] as number));
      if (funders.length > 0)
        findings.push({
          ruleId: 'real-estate.flagged-funders',
          text: `${funders.length} transfers came from accounts flagged by other rules`,
          rows,
          accounts: [buyer],
          related: funders.map((j) => t.debtor[j] as number),
        });
    }
    return findings;
  },
});
