import { z } from 'zod';
import { foldName } from '../fold.js';
import { primaryHolder } from '../context.js';
import { defineDetector, looksLikeCompany, mentions, type Finding } from '../rule.js';
import { row } from '../table.js';

const Params = z.strictObject({
  /** Where the sellers of precursors sit (FIN-2024-A002: PRC and Hong Kong). */
  sellerCountries: z.array(z.string().length(2)).default(['CN', 'HK', 'IN']),
  minUsd: z.number().nonnegative().default(1_000),
  sellerNameKeywords: z
    .array(z.string().min(2))
    .default(['chemical', 'pharma', 'biotech', 'biological', 'new material', 'reagent', 'laborator']),
  purposeKeywords: z
    .array(z.string().min(2))
    .default(['chemical', 'intermediate', 'raw material', 'reagent', 'precursor', 'cas ', 'powder', 'pharmaceutical']),
  /** A buyer incorporated this many years before the payment, or fewer, counts as new. */
  newBuyerYears: z.number().int().nonnegative().default(3),
  /** Flagged payments that make a buyer or a seller a repeat party. */
  minRepeat: z.number().int().min(1).default(2),
});

/**
 * Payments to chemical and pharmaceutical sellers (FIN-2019-A006, FIN-2024-A002): cross-border
 * payments to a seller in the PRC, Hong Kong or India that the trade data shows shipping
 * chemicals, or whose name says so, with a purpose naming chemicals, from a buyer with little
 * history. Ordinary chemical trade pays invoices from established buyers and says nothing of
 * intermediates or CAS numbers.
 */
export const chemicalSellerDetector = defineDetector({
  id: 'chemical-seller-payments',
  version: '1.0.0',
  description: 'cross-border payments to chemical and pharmaceutical sellers known from trade data or by name',
  rules: {
    'chemical-seller.known-shipper': {
      typology: 'precursor_payment',
      description: 'the payee shipped chemicals (HS chapters 28, 29, 38) according to the trade data',
    },
    'chemical-seller.name': {
      typology: 'precursor_payment',
      description: "the payee's name names a chemical or pharmaceutical trade",
    },
    'chemical-seller.purpose': {
      typology: 'precursor_payment',
      description: 'the payment purpose names chemicals, intermediates or a CAS number',
    },
    'chemical-seller.new-buyer': {
      typology: 'precursor_payment',
      description: 'the payer is a recently incorporated company (little presence)',
    },
    'chemical-seller.repeat-party': {
      typology: 'precursor_payment',
      description: 'the account made or received several such payments',
    },
  },
  params: Params,
  detect({ table: t, context }, p) {
    const countries = new Set(p.sellerCountries);
    const findings: Finding[] = [];
    const strong = new Map<number, number[]>();
    const flag = (account: number, i: number): void => {
      const list = strong.get(account);
      if (list === undefined) strong.set(account, [i]);
      else list.push(i);
    };
    for (let i = 0; i < t.size; i++) {
      const to = row.creditorCountry(t, i);
      if (!countries.has(to) || row.debtorCountry(t, i) === to || row.usd(t, i) < p.minUsd) continue;
      const payee = row.creditorName(t, i);
      if (payee === '' || !looksLikeCompany(payee)) continue;
      const shipper = context.chemicalShippers.has(foldName(payee));
      const keyword = mentions(payee, p.sellerNameKeywords);
      if (!shipper && keyword === undefined) continue;
      const rows = [i];
      const creditor = t.creditor[i] as number;
      const debtor = t.debtor[i] as number;
      if (shipper)
        findings.push({
          ruleId: 'chemical-seller.known-shipper',
          text: `${payee} shipped chemicals per the trade data`,
          rows,
          accounts: [],
        });
      if (keyword !== undefined)
        findings.push({
          ruleId: 'chemical-seller.name',
          text: `payee name "${payee}" contains "${keyword}"`,
          rows,
          accounts: [],
        });
      const purpose = mentions(t.purpose[i], p.purposeKeywords);
      if (purpose !== undefined)
        findings.push({
          ruleId: 'chemical-seller.purpose',
          text: `purpose "${t.purpose[i]}" mentions "${purpose.trim()}"`,
          rows,
          accounts: [],
        });
      const buyer = primaryHolder(context, t.accounts[debtor] as string);
      const year = new Date(t.time[i] as number).getUTCFullYear();
      const isNew =
        buyer?.incorporationYear !== null &&
        buyer?.incorporationYear !== undefined &&
        year - buyer.incorporationYear <= p.newBuyerYears;
      if (isNew)
        findings.push({
          ruleId: 'chemical-seller.new-buyer',
          text: `${buyer.name ?? t.accounts[debtor]} was incorporated in ${buyer.incorporationYear}`,
          rows,
          accounts: [],
        });
      if (purpose !== undefined || isNew) {
        flag(debtor, i);
        flag(creditor, i);
      }
    }
    for (const [account, rows] of strong) {
      if (rows.length < p.minRepeat) continue;
      findings.push({
        ruleId: 'chemical-seller.repeat-party',
        text: `${t.accounts[account]} is party to ${rows.length} payments for chemicals to ${p.sellerCountries.join('/')} sellers`,
        rows,
        accounts: [account],
      });
    }
    return findings;
  },
});
