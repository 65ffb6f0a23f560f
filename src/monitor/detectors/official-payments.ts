import { z } from 'zod';
import { primaryHolder } from '../context.js';
import { defineDetector, looksLikeCompany, mentions, type Finding } from '../rule.js';
import { accountKey, row, type TransactionTable } from '../table.js';
import { ValueTest } from './value-masks.js';

const Params = z.strictObject({
  minPayments: z.number().int().min(2).default(3),
  /** Amounts within this share of a multiple of `roundUnit` (in the payment's currency) count as round. */
  roundUnit: z.number().positive().default(5_000),
  roundTolerance: z.number().min(0).max(0.5).default(0.03),
  maxRoundMultiple: z.number().int().min(1).default(20),
  /** Share of the payments that must be round or described as fees. */
  minPatternShare: z.number().min(0).max(1).default(0.6),
  feeKeywords: z
    .array(z.string().min(2))
    .default(['consult', 'asesor', 'honorario', 'servicios profesionales', 'advisory', 'professional services', 'logistic']),
});

/** Whether a name (by its id in the table's names) looks like a company's. */
const companyName = new ValueTest(looksLikeCompany);

/** Near a small multiple of the unit (a fee agreed in round figures); large amounts are always near some multiple, so they do not count. */
function isRound(t: TransactionTable, i: number, unit: number, tolerance: number, maxMultiple: number): boolean {
  const amount = t.amount[i] as number;
  const multiple = Math.round(amount / unit);
  const nearest = multiple * unit;
  return multiple >= 1 && multiple <= maxMultiple && Math.abs(amount - nearest) <= tolerance * nearest;
}

/**
 * Payments to officials (bribery of port and customs staff, domain.md §1): an individual
 * receives recurring round sums from companies, described as consulting or professional fees;
 * the more so when the register names the individual as holding a public position. Wages are
 * neither round nor paid by several companies, and employers do not call them consulting.
 */
export const officialPaymentsDetector = defineDetector({
  id: 'official-payments',
  version: '1.0.0',
  description: 'recurring round "consulting" payments from companies to an individual, above all a public official',
  rules: {
    'official.recurring-fees': {
      typology: 'official_bribe',
      description: 'an individual receives recurring round or "consulting" payments from companies',
    },
    'official.public-position': {
      typology: 'official_bribe',
      description: 'the payee holds a public position (politically exposed person)',
    },
    'official.flagged-payer': { typology: 'official_bribe', description: 'a paying company is flagged by other rules' },
  },
  params: Params,
  detect({ table: t, context, flagged }, p) {
    const findings: Finding[] = [];
    const rows: number[] = [];
    for (let b = 0; b < t.accountCount; b++) {
      if (t.accountIsCash[b] === 1) continue;
      // Setting the length is a runtime call even when it does not change (most accounts have no rows here).
      if (rows.length !== 0) rows.length = 0;
      for (let k = t.inOffsets[b] as number; k < (t.inOffsets[b + 1] as number); k++) {
        const i = t.inRows[k] as number;
        if (companyName.at(t.names, t.debtorName[i] as number) && !companyName.at(t.names, t.creditorName[i] as number))
          rows.push(i);
      }
      if (rows.length < p.minPayments) continue;
      // Only now the account's key and holder: reading every account's key string cost the
      // streaming monitor a cache miss per account of each decision (a tenth of its time).
      const account = accountKey(t, b);
      const holder = primaryHolder(context, account);
      if (holder !== undefined && holder.schema !== 'Person' && holder.schema !== 'LegalEntity') continue;
      const patterned = rows.filter(
        (i) =>
          isRound(t, i, p.roundUnit, p.roundTolerance, p.maxRoundMultiple) || mentions(t.purpose[i], p.feeKeywords) !== undefined,
      );
      if (patterned.length < p.minPayments || patterned.length / rows.length < p.minPatternShare) continue;
      const payers = [...new Set(patterned.map((i) => t.debtor[i] as number))];
      findings.push({
        ruleId: 'official.recurring-fees',
        text: `${row.creditorName(t, patterned[0] as number) || account} received ${patterned.length} round or fee payments from ${payers.length} companies`,
        rows: [...patterned],
        accounts: [b],
        related: payers,
      });
      const position = holder?.positions[0];
      if (position !== undefined)
        findings.push({
          ruleId: 'official.public-position',
          text: `the payee is "${position}"`,
          rows: [...patterned],
          accounts: [b],
        });
      const flaggedPayers = payers.filter((a) => flagged.has(a));
      if (flaggedPayers.length > 0)
        findings.push({
          ruleId: 'official.flagged-payer',
          text: `paid by ${flaggedPayers.map((a) => accountKey(t, a)).join(', ')}, flagged by other rules`,
          rows: patterned.filter((i) => flagged.has(t.debtor[i] as number)),
          accounts: [b],
          related: flaggedPayers,
        });
    }
    return findings;
  },
});
