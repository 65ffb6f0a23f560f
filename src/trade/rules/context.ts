import type { AlertReason, Shipment } from '../../model/index.js';
import type { KnowledgeBase } from '../../knowledge/index.js';
import type { GoodsFacts } from '../goods.js';
import type { TradePolicy } from '../policy.js';
import type { RuleId } from '../rule-ids.js';

/** A watchlist match for a party (the screening issue supplies the matcher). */
export interface WatchlistMatch {
  readonly id: string;
  readonly name: string;
  readonly score?: number;
  readonly list?: string;
}

/**
 * Optional hook: look a party up on a watchlist; undefined means no match. The address lets the
 * hook drop a listed namesake whose known address differs.
 */
export type WatchlistHook = (name: string, country: string | null, address?: string | null) => WatchlistMatch | undefined;

/** Everything a row rule may read: one shipment, what its description says, and the policy. */
export interface RowContext {
  readonly shipment: Shipment;
  readonly goods: GoodsFacts;
  readonly policy: TradePolicy;
  readonly knowledge: KnowledgeBase;
  /** The date rules evaluate controls at: the arrival date, else the caller's screening date. */
  readonly date: string;
  /** The low-value threshold for this origin and date (0: none applies). */
  readonly thresholdUsd: number;
  /** The goods are chemicals: identified, under a chemical heading, or described with chemical words. */
  readonly chemical: boolean;
  /** The goods are tablet presses or dies: named, or under a press heading or a known misdeclaration of one. */
  readonly press: boolean;
  readonly watchlist?: WatchlistHook;
}

/** A row rule: a pure function from one shipment's context to its reasons (none when it does not fire). */
export type RowRule = (ctx: RowContext) => AlertReason[];

export function reason(policy: TradePolicy, ruleId: RuleId, text: string, evidence: readonly string[] = []): AlertReason {
  return { ruleId, weight: policy.weights[ruleId], text, evidence };
}

/** The HS chapter (two digits) of a code, or null. */
export const hsChapter = (hs: string | null): string | null => (hs === null ? null : hs.slice(0, 2));

export const formatHs = (hs: string): string => (hs.length > 4 ? `${hs.slice(0, 4)}.${hs.slice(4)}` : hs);
