import { z } from 'zod';
import { holdersLinked, primaryHolder, type EntityContext } from '../context.js';
import { foldName } from '../fold.js';
import { DAY_MS, defineDetector, dollars, type Finding, mentions } from '../rule.js';
import { accountKey, row, type TransactionTable } from '../table.js';
import { accountLinkKeys } from './contacts.js';
import { excludedChannelMask } from './graph-params.js';

const Params = z.strictObject({
  /** Words in the purpose that make a payment a card pay-down. */
  purposeKeywords: z
    .array(z.string().min(2))
    .default(['credit card', 'card payment', 'card balance', 'card bill', 'card ending', 'cc payment', 'card account']),
  /** Words in the payee's name that make it a card issuer's collection account. */
  issuerKeywords: z.array(z.string().min(2)).default(['card services', 'cardmember', 'card member', 'credit card']),
  /** Card spending is not a pay-down of a card. */
  excludedChannels: z.array(z.string()).default(['card', 'cash_withdrawal']),
  minUsd: z.number().nonnegative().default(100),
  windowDays: z.number().positive().default(30),
  /** Distinct unrelated cardholders paid down by one payer within the window. */
  minCardholders: z.number().int().min(2).default(3),
});

/** "card ending 4821", "xxxx4821", "****4821": one issuer account can collect for many cards. */
const CARD_DIGITS = /(?:ending(?: in)?|x{3,}|\*{3,})\s*(\d{4})\b/i;

interface Paydown {
  readonly row: number;
  /** The card: the payee account, and the card's last digits when the purpose names them. */
  readonly card: string;
  readonly holder: string;
}

/**
 * CMLN third-party credit-card pay-downs (FIN-2025-A003): one person or account pays down the
 * card balances of many unrelated people, who thereby get dollars they paid for abroad. A pay-down
 * is a payment to a card account (named so in the purpose, or to an issuer's collection account);
 * the cardholder is the card account's holder, else the payee name, else the purpose's card
 * digits. Cards of the payer, of people sharing its surname, holder or contacts, or linked to it
 * in the register are family and do not count.
 */
export const cardPaydownDetector = defineDetector({
  id: 'card-paydown',
  version: '1.0.0',
  description: "one payer paying down many unrelated people's credit-card balances (CMLN)",
  rules: {
    'card-paydown.third-party': {
      typology: 'card_paydown',
      description: 'one payer pays down the credit cards of several unrelated people within the window',
    },
  },
  params: Params,
  detect({ table: t, context }, p) {
    const skip = excludedChannelMask(t, p.excludedChannels);
    const window = p.windowDays * DAY_MS;
    const byPayer = new Map<number, Paydown[]>();
    for (let i = 0; i < t.size; i++) {
      if (skip[t.channel[i] as number] === 1 || row.usd(t, i) < p.minUsd) continue;
      const d = t.debtor[i] as number;
      const c = t.creditor[i] as number;
      if (t.accountIsCash[d] === 1 || t.accountIsCash[c] === 1 || d === c) continue;
      const purpose = t.purpose[i] ?? '';
      const payee = row.creditorName(t, i);
      const issuer = mentions(payee, p.issuerKeywords) !== undefined;
      if (!issuer && mentions(purpose, p.purposeKeywords) === undefined) continue;
      const digits = CARD_DIGITS.exec(purpose)?.[1];
      const card = `${accountKey(t, c)}${digits === undefined ? '' : `#${digits}`}`;
      const holderName = primaryHolder(context, accountKey(t, c))?.name ?? (issuer ? '' : payee);
      const list = byPayer.get(d) ?? [];
      list.push({ row: i, card, holder: holderName === '' ? card : holderName });
      byPayer.set(d, list);
    }
    const findings: Finding[] = [];
    for (const [payer, paydowns] of byPayer) {
      const unrelated = paydowns.filter((x) => !family(t, context, payer, x));
      if (new Set(unrelated.map((x) => x.card)).size < p.minCardholders) continue;
      unrelated.sort((x, y) => (t.time[x.row] as number) - (t.time[y.row] as number));
      const marked = new Set<number>();
      let start = 0;
      const cards = new Map<string, number>();
      for (let j = 0; j < unrelated.length; j++) {
        const x = unrelated[j] as Paydown;
        cards.set(x.card, (cards.get(x.card) ?? 0) + 1);
        while ((t.time[x.row] as number) - (t.time[(unrelated[start] as Paydown).row] as number) > window) {
          const s = unrelated[start] as Paydown;
          const left = (cards.get(s.card) as number) - 1;
          if (left === 0) cards.delete(s.card);
          else cards.set(s.card, left);
          start++;
        }
        if (cards.size >= p.minCardholders) for (let k = start; k <= j; k++) marked.add((unrelated[k] as Paydown).row);
      }
      if (marked.size === 0) continue;
      const rows = [...marked].sort((x, y) => (t.time[x] as number) - (t.time[y] as number));
      const chosen = unrelated.filter((x) => marked.has(x.row));
      const holders = [...new Set(chosen.map((x) => x.holder))].sort();
      const total = rows.reduce((s, i) => s + row.usd(t, i), 0);
      findings.push({
        ruleId: 'card-paydown.third-party',
        text: `${accountKey(t, payer)} paid down ${new Set(chosen.map((x) => x.card)).size} credit cards of ${holders.length} unrelated people, $${dollars(total)} in ${rows.length} payments`,
        rows,
        accounts: [payer],
        related: [...new Set(rows.map((i) => t.creditor[i] as number))],
        names: holders,
      });
    }
    return findings;
  },
});

function surname(name: string): string {
  const parts = foldName(name).split(' ');
  return parts[parts.length - 1] ?? '';
}

/** The payer's own card, or a card of someone sharing its surname, holder, contacts or a register link. */
function family(t: TransactionTable, context: EntityContext, payer: number, x: Paydown): boolean {
  const payerAccount = accountKey(t, payer);
  const cardAccount = accountKey(t, t.creditor[x.row] as number);
  const payerName = primaryHolder(context, payerAccount)?.name ?? row.debtorName(t, x.row);
  if (payerName !== '' && x.holder !== '' && surname(payerName) !== '' && surname(payerName) === surname(x.holder)) return true;
  if (holdersLinked(context, payerAccount, cardAccount)) return true;
  const keys = new Set(accountLinkKeys(context, payerAccount));
  return keys.size > 0 && accountLinkKeys(context, cardAccount).some((k) => keys.has(k));
}
