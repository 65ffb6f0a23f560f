import { z } from 'zod';
import { foldName } from '../fold.js';
import { DAY_MS, defineDetector, type Finding } from '../rule.js';
import { accountKey, row } from '../table.js';
import { accountLinkKeys, contactKeys, Groups } from './contacts.js';
import { memberMask } from './value-masks.js';

const Params = z.strictObject({
  channels: z.array(z.string()).default(['remittance']),
  beneficiaryCountries: z.array(z.string().length(2)).default(['CN', 'HK']),
  senderCountries: z.array(z.string().length(2)).default(['US']),
  windowDays: z.number().positive().default(30),
  /** Distinct beneficiaries (holders under different names) sharing a phone, e-mail or address. */
  minBeneficiaries: z.number().int().min(2).default(2),
  /** Distinct sending households (senders sharing a holder or contact count once). */
  minSenders: z.number().int().min(2).default(3),
  /** More beneficiaries than this on one contact is a remittance agent's own switchboard. */
  maxBeneficiaries: z.number().int().min(2).default(20),
});

/**
 * FinCEN FIN-2019-A006: beneficiaries in China of remittances from many US senders who share a
 * phone number, an e-mail or an address — one controller collecting under several names. Needs
 * the holders' contacts from the entity context; without it nothing fires. A couple sending from
 * one address is not the pattern: senders sharing contacts count as one household.
 */
export const beneficiaryContactsDetector = defineDetector({
  id: 'beneficiary-contacts',
  version: '1.0.0',
  description: 'FIN-2019-A006: remittance beneficiaries in China sharing a phone, e-mail or address, paid by many US senders',
  rules: {
    'beneficiary-contacts.shared': {
      typology: 'precursor_payment',
      description:
        'several remittance beneficiaries share a phone, e-mail or address and together receive from several US households',
    },
  },
  params: Params,
  detect({ table: t, context }, p) {
    const channels = memberMask(t.channels, p.channels);
    const to = memberMask(t.countries, p.beneficiaryCountries);
    const from = memberMask(t.countries, p.senderCountries);
    // Remittance rows per beneficiary account.
    const received = new Map<number, number[]>();
    for (let i = 0; i < t.size; i++) {
      if (
        channels[t.channel[i] as number] !== 1 ||
        from[t.debtorCountry[i] as number] !== 1 ||
        to[t.creditorCountry[i] as number] !== 1
      )
        continue;
      const b = t.creditor[i] as number;
      const list = received.get(b);
      if (list === undefined) received.set(b, [i]);
      else list.push(i);
    }
    // Beneficiary holders by contact key; only keys shared by distinct holders link accounts.
    const accounts = [...received.keys()];
    const holderByKey = new Map<string, Set<string>>();
    const accountsByKey = new Map<string, number[]>();
    accounts.forEach((b, n) => {
      for (const h of context.holders(accountKey(t, b))) {
        if (h.schema === 'LegalEntity') continue;
        for (const key of contactKeys(h)) {
          const holders = holderByKey.get(key) ?? new Set<string>();
          // Namesakes sharing a contact are one person recorded twice (or an address book built
          // from the name), not several beneficiaries: count distinct names, else ids.
          holders.add(h.name === null ? h.id : foldName(h.name));
          holderByKey.set(key, holders);
          const list = accountsByKey.get(key) ?? [];
          if (!list.includes(n)) list.push(n);
          accountsByKey.set(key, list);
        }
      }
    });
    const groups = new Groups(accounts.length);
    const sharedKeys = new Map<number, Set<string>>();
    for (const [key, holders] of holderByKey) {
      if (holders.size < p.minBeneficiaries || holders.size > p.maxBeneficiaries) continue;
      const list = accountsByKey.get(key) as number[];
      for (const n of list) groups.union(n, list[0] as number);
      const root = list[0] as number;
      const keys = sharedKeys.get(root) ?? new Set<string>();
      keys.add(key);
      sharedKeys.set(root, keys);
    }
    const members = new Map<number, number[]>();
    const keysOf = new Map<number, Set<string>>();
    for (const [n, keys] of sharedKeys) {
      const root = groups.find(n);
      const all = keysOf.get(root) ?? new Set<string>();
      for (const k of keys) all.add(k);
      keysOf.set(root, all);
    }
    for (const root of keysOf.keys()) members.set(root, []);
    accounts.forEach((_, n) => members.get(groups.find(n))?.push(n));

    const findings: Finding[] = [];
    for (const [root, group] of members) {
      const beneficiaryAccounts = group.map((n) => accounts[n] as number);
      const rows = beneficiaryAccounts.flatMap((b) => received.get(b) ?? []);
      rows.sort((x, y) => (t.time[x] as number) - (t.time[y] as number));
      const household = households(t, context, rows);
      // The best window: the most sending households, with at least two beneficiaries paid.
      let best: number[] = [];
      let bestHouseholds = 0;
      let start = 0;
      for (let j = 0; j < rows.length; j++) {
        while ((t.time[rows[j] as number] as number) - (t.time[rows[start] as number] as number) > p.windowDays * DAY_MS) start++;
        const slice = rows.slice(start, j + 1);
        const senders = new Set(slice.map((i) => household.get(t.debtor[i] as number)));
        const paid = new Set(slice.map((i) => t.creditor[i] as number));
        // Ties go to the longer window: a household sending again belongs in the evidence too.
        if (
          paid.size >= 2 &&
          (senders.size > bestHouseholds || (senders.size === bestHouseholds && slice.length > best.length))
        ) {
          best = slice;
          bestHouseholds = senders.size;
        }
      }
      if (bestHouseholds < p.minSenders) continue;
      const paid = [...new Set(best.map((i) => t.creditor[i] as number))].sort((x, y) => x - y);
      const kinds = [...new Set([...(keysOf.get(root) ?? [])].map((k) => k.slice(0, k.indexOf(':'))))].sort();
      const names = paid.map((b) => context.holders(accountKey(t, b)).find((h) => h.schema !== 'LegalEntity')?.name ?? '');
      findings.push({
        ruleId: 'beneficiary-contacts.shared',
        text: `${paid.length} beneficiaries sharing ${kinds.join(', ')} received ${best.length} remittances from ${bestHouseholds} US households within ${p.windowDays} days`,
        rows: best,
        accounts: paid,
        related: [...new Set(best.map((i) => t.debtor[i] as number))].sort((x, y) => x - y),
        names: names.filter((n) => n !== ''),
      });
    }
    return findings;
  },
});

/** Sender accounts to a household number: senders sharing a holder or a contact are one household. */
function households(
  t: Parameters<typeof row.usd>[0],
  context: Parameters<typeof accountLinkKeys>[0],
  rows: readonly number[],
): Map<number, number> {
  const senders = [...new Set(rows.map((i) => t.debtor[i] as number))];
  const groups = new Groups(senders.length);
  const seen = new Map<string, number>();
  senders.forEach((a, n) => {
    for (const key of accountLinkKeys(context, accountKey(t, a))) {
      const other = seen.get(key);
      if (other === undefined) seen.set(key, n);
      else groups.union(n, other);
    }
  });
  return new Map(senders.map((a, n) => [a, groups.find(n)]));
}
