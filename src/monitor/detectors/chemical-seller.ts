import { z } from 'zod';
import { foldName } from '../fold.js';
import { primaryHolder } from '../context.js';
import { defineDetector, dollars, type Finding, looksLikeCompany, mentions } from '../rule.js';
import { accountKey, row, type TransactionTable } from '../table.js';

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
  /** How long before a flagged payment to a seller a payment into the payer may have funded it. */
  fundingWindowDays: z.number().positive().default(3),
  /** The least share of a funding payment the payer passed on to the seller (a broker keeps a commission). */
  minPassedOnShare: z.number().gt(0).max(1).default(0.8),
});

const DAY_MS = 86_400_000;

/**
 * Payments to chemical and pharmaceutical sellers (FIN-2019-A006, FIN-2024-A002): cross-border
 * payments to a seller in the PRC, Hong Kong or India that the trade data shows shipping
 * chemicals, or whose name says so, with a purpose naming chemicals, from a buyer with little
 * history. Ordinary chemical trade pays invoices from established buyers and says nothing of
 * intermediates or CAS numbers.
 */
export const chemicalSellerDetector = defineDetector({
  id: 'chemical-seller-payments',
  version: '1.1.0',
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
    'chemical-seller.funded-through-intermediary': {
      typology: 'precursor_payment',
      description:
        'a payment into an account that passed most of it on to a chemical seller within days, for chemicals (a broker placing the order)',
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
      if (!countries.has(to) || row.usd(t, i) < p.minUsd) continue;
      const domestic = row.debtorCountry(t, i) === to;
      // Domestic purchases matter only when they name chemicals: test that (cheap) before the payee.
      const purpose = mentions(t.purpose[i], p.purposeKeywords);
      if (domestic && purpose === undefined) continue;
      const payee = row.creditorName(t, i);
      if (payee === '' || !looksLikeCompany(payee)) continue;
      const shipper = context.chemicalShippers.has(foldName(payee));
      const keyword = mentions(payee, p.sellerNameKeywords);
      if (!shipper && keyword === undefined) continue;
      const rows = [i];
      const creditor = t.creditor[i] as number;
      const debtor = t.debtor[i] as number;
      if (domestic) {
        // A domestic purchase from a seller is ordinary trade, unless it passes on money that just
        // came from abroad: a broker in the seller's country placing a foreign customer's order.
        findings.push(...fundedThroughIntermediary(t, i, p));
        continue;
      }
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
      if (purpose !== undefined)
        findings.push({
          ruleId: 'chemical-seller.purpose',
          text: `purpose "${t.purpose[i]}" mentions "${purpose.trim()}"`,
          rows,
          accounts: [],
        });
      const buyer = primaryHolder(context, accountKey(t, debtor));
      const year = new Date(t.time[i] as number).getUTCFullYear();
      const isNew =
        buyer?.incorporationYear !== null &&
        buyer?.incorporationYear !== undefined &&
        year - buyer.incorporationYear <= p.newBuyerYears;
      if (isNew)
        findings.push({
          ruleId: 'chemical-seller.new-buyer',
          text: `${buyer.name ?? accountKey(t, debtor)} was incorporated in ${buyer.incorporationYear}`,
          rows,
          accounts: [],
        });
      if (purpose !== undefined || isNew) {
        flag(debtor, i);
        flag(creditor, i);
        findings.push(...fundedThroughIntermediary(t, i, p));
      }
    }
    for (const [account, rows] of strong) {
      if (rows.length < p.minRepeat) continue;
      findings.push({
        ruleId: 'chemical-seller.repeat-party',
        text: `${accountKey(t, account)} is party to ${rows.length} payments for chemicals to ${p.sellerCountries.join('/')} sellers`,
        rows,
        accounts: [account],
      });
    }
    return findings;
  },
});

/**
 * The payments into the payer of payment `i` (for chemicals, to a seller) that it passed on:
 * received within the window before `i`, from someone outside the seller's country, and `i`
 * carries between `minPassedOnShare` and all of it. A broker's customer pays the broker, which pays the seller less its commission; the
 * customer's wire names no seller, so only this hop ties it to the chemicals.
 */
function fundedThroughIntermediary(t: TransactionTable, i: number, p: z.infer<typeof Params>): Finding[] {
  const intermediary = t.debtor[i] as number;
  const paidOn = row.usd(t, i);
  const until = t.time[i] as number;
  const from = until - p.fundingWindowDays * DAY_MS;
  const found: Finding[] = [];
  // Inbound rows are in time order: walk back from the flagged payment until the window ends.
  for (let k = (t.inOffsets[intermediary + 1] as number) - 1; k >= (t.inOffsets[intermediary] as number); k--) {
    const j = t.inRows[k] as number;
    const at = t.time[j] as number;
    if (at > until) continue;
    if (at < from) break;
    const usd = row.usd(t, j);
    if (t.debtor[j] === intermediary || usd < paidOn || paidOn < usd * p.minPassedOnShare) continue;
    // The funder sits outside the seller's country: the money crossed a border on its way there.
    if (row.debtorCountry(t, j) === row.creditorCountry(t, i)) continue;
    const days = (until - at) / DAY_MS;
    found.push({
      ruleId: 'chemical-seller.funded-through-intermediary',
      text:
        `${row.debtorName(t, j) || accountKey(t, t.debtor[j] as number)} paid ${accountKey(t, intermediary)} $${dollars(usd)}; ` +
        `${Math.round((100 * paidOn) / usd)}% of it went on to ${row.creditorName(t, i)} ${days < 1 ? 'the same day' : `${days.toFixed(1)} days later`}`,
      rows: [j, i],
      accounts: [intermediary],
    });
  }
  return found;
}
