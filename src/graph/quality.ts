import type { TruthRow } from '../simulate/index.js';
import type { FeedResult } from './feed.js';

/**
 * The planted roles a chokepoint ranking should find (src/simulate/schemes), in issue 7's words:
 * the brokers (the precursor broker, its trading company and the company's account; the CMLN
 * broker and its account), the forwarders (transit forwarders and the US re-exporter that
 * forwards parcels to Mexico, and their accounts) and the laundering controllers (funnel
 * accounts and their holders, CMLN counterparts, shell companies). An actor's account counts as
 * the actor. Data, so the report states exactly what counted.
 */
export const CHOKEPOINT_ROLES: Readonly<Record<string, readonly string[]>> = {
  broker: ['broker', 'broker_company', 'broker_account', 'cmln_broker', 'cmln_broker_account'],
  forwarder: ['transit_forwarder', 'transit_forwarder_account', 'us_reexporter', 'us_reexporter_account'],
  'laundering controller': [
    'funnel_account',
    'student_account_holder',
    'cmln_mx_counterpart',
    'cmln_mx_account',
    'cmln_cn_counterpart',
    'shell_company',
    'shell_account',
  ],
};

export interface RankingQuality {
  readonly k: number;
  /** Share of the top k that are planted brokers, forwarders or laundering controllers. */
  readonly precision: number;
  /** Share of the top k that are any planted actor (suppliers, importers, distributors too). */
  readonly precisionAnyPlanted: number;
  /** Per ranked node: the truth roles it carries (empty: background). */
  readonly roles: readonly (readonly string[])[];
}

/** The planted roles of each node, from truth rows (entity ids, and account numbers via the feed). */
export function truthRoles(feed: FeedResult, truth: readonly TruthRow[]): Map<number, string[]> {
  const roles = new Map<number, string[]>();
  for (const row of truth) {
    const id =
      row.recordKind === 'entity'
        ? row.recordId
        : row.recordKind === 'account'
          ? feed.accountsByNumber.get(row.recordId)
          : undefined;
    const node = id === undefined ? undefined : feed.graph.index.get(id);
    if (node === undefined) continue;
    roles.set(node, [...(roles.get(node) ?? []), row.role]);
  }
  return roles;
}

/** Precision at k of a node ranking against the planted chokepoint roles. */
export function rankingQuality(
  feed: FeedResult,
  truth: readonly TruthRow[],
  ranked: readonly number[],
  k: number,
): RankingQuality {
  const roles = truthRoles(feed, truth);
  const wanted = new Set(Object.values(CHOKEPOINT_ROLES).flat());
  const top = ranked.slice(0, k).map((n) => roles.get(n) ?? []);
  const denominator = Math.max(1, k);
  return {
    k,
    precision: top.filter((r) => r.some((role) => wanted.has(role))).length / denominator,
    precisionAnyPlanted: top.filter((r) => r.length > 0).length / denominator,
    roles: top,
  };
}
