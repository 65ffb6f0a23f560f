import type { EntityContext } from '../context.js';
import { DAY_MS, dollars, type Finding } from '../rule.js';
import { accountKey, row, type TransactionTable } from '../table.js';
import { accountLinkKeys, Groups } from './contacts.js';

export interface RelatedParams {
  readonly thresholdUsd: number;
  readonly bandUsd: number;
  readonly minDeposits: number;
  readonly minBandShare: number;
  /** Calendar days apart that still count as together: 1 is "the same or the adjacent day". */
  readonly relatedDays: number;
  /** Groups larger than this share a registered agent's address or a switchboard, not a holder. */
  readonly maxGroupAccounts: number;
}

const BRANCH = /branch\s+([^,;]+)/i;

/**
 * Structuring split across related accounts: cash deposits just below the threshold into
 * accounts that share a holder, a phone, an e-mail or an address, on the same or adjacent days,
 * so that no single account shows the pattern. `isCash` says which rows are cash deposits.
 */
export function relatedAccountStructuring(
  t: TransactionTable,
  context: EntityContext,
  p: RelatedParams,
  isCash: (i: number) => boolean,
): Finding[] {
  const low = p.thresholdUsd - p.bandUsd;
  const inBand = (i: number): boolean => {
    const usd = row.usd(t, i);
    return usd >= low && usd < p.thresholdUsd;
  };
  // Only accounts with at least one deposit in the band can take part; link those by their keys.
  const candidates: number[] = [];
  for (let a = 0; a < t.accountCount; a++) {
    if (t.accountIsCash[a] === 1) continue;
    for (let k = t.inOffsets[a] as number; k < (t.inOffsets[a + 1] as number); k++) {
      const i = t.inRows[k] as number;
      if (isCash(i) && inBand(i)) {
        candidates.push(a);
        break;
      }
    }
  }
  // Nothing to link (the common case): no groups to build.
  if (candidates.length < 2) return [];
  const groups = new Groups(candidates.length);
  const byKey = new Map<string, number>();
  const linkKinds = new Map<number, Set<string>>();
  candidates.forEach((a, c) => {
    for (const key of accountLinkKeys(context, accountKey(t, a))) {
      const other = byKey.get(key);
      if (other === undefined) byKey.set(key, c);
      else {
        groups.union(c, other);
        const kind = key.slice(0, key.indexOf(':'));
        for (const x of [c, other]) {
          const kinds = linkKinds.get(x) ?? new Set<string>();
          kinds.add(kind);
          linkKinds.set(x, kinds);
        }
      }
    }
  });
  const members = new Map<number, number[]>();
  candidates.forEach((_, c) => {
    const root = groups.find(c);
    const list = members.get(root);
    if (list === undefined) members.set(root, [c]);
    else list.push(c);
  });
  const findings: Finding[] = [];
  for (const group of members.values()) {
    if (group.length < 2 || group.length > p.maxGroupAccounts) continue;
    const deposits: number[] = [];
    for (const c of group) {
      const a = candidates[c] as number;
      for (let k = t.inOffsets[a] as number; k < (t.inOffsets[a + 1] as number); k++) {
        const i = t.inRows[k] as number;
        if (isCash(i)) deposits.push(i);
      }
    }
    deposits.sort((x, y) => (t.time[x] as number) - (t.time[y] as number));
    const day = (i: number): number => Math.floor((t.time[i] as number) / DAY_MS);
    const marked = new Set<number>();
    let start = 0;
    let bandCount = 0;
    const bandAccounts = new Map<number, number>();
    for (let j = 0; j < deposits.length; j++) {
      const dj = deposits[j] as number;
      if (inBand(dj)) {
        bandCount++;
        bandAccounts.set(t.creditor[dj] as number, (bandAccounts.get(t.creditor[dj] as number) ?? 0) + 1);
      }
      while (day(dj) - day(deposits[start] as number) > p.relatedDays) {
        const ds = deposits[start] as number;
        if (inBand(ds)) {
          bandCount--;
          const left = (bandAccounts.get(t.creditor[ds] as number) as number) - 1;
          if (left === 0) bandAccounts.delete(t.creditor[ds] as number);
          else bandAccounts.set(t.creditor[ds] as number, left);
        }
        start++;
      }
      if (bandCount >= p.minDeposits && bandAccounts.size >= 2 && bandCount / (j - start + 1) >= p.minBandShare) {
        for (let k = start; k <= j; k++) if (inBand(deposits[k] as number)) marked.add(deposits[k] as number);
      }
    }
    if (marked.size === 0) continue;
    const rows = [...marked].sort((x, y) => (t.time[x] as number) - (t.time[y] as number));
    const accounts = [...new Set(rows.map((i) => t.creditor[i] as number))].sort((x, y) => x - y);
    const total = rows.reduce((s, i) => s + row.usd(t, i), 0);
    const kinds = new Set<string>();
    for (const c of group) for (const k of linkKinds.get(c) ?? []) kinds.add(k);
    const branches = new Set<string>();
    for (const i of rows) {
      const branch = BRANCH.exec(t.purpose[i] ?? '')?.[1];
      if (branch !== undefined) branches.add(branch.trim());
    }
    findings.push({
      ruleId: 'structuring.related-accounts',
      text: `${rows.length} cash deposits between $${low.toLocaleString('en-US')} and $${p.thresholdUsd.toLocaleString('en-US')} on the same or adjacent days into ${accounts.length} accounts sharing ${[...kinds].sort().join(', ')}${branches.size > 1 ? ` at ${branches.size} branches` : ''}, $${dollars(total)} in all`,
      rows,
      accounts,
      related: group.map((c) => candidates[c] as number).filter((a) => !accounts.includes(a)),
    });
  }
  return findings;
}
