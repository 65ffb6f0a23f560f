import { levelForScore, type AlertLevel, type AlertReason } from '../model/index.js';
import type { TradePolicy } from './policy.js';

export interface Score {
  /** 0-100: the capped sum of the reasons' weights. */
  readonly score: number;
  readonly level: AlertLevel;
  /** At or above the policy's alert threshold. */
  readonly flagged: boolean;
  /** The reasons, strongest first. */
  readonly reasons: readonly AlertReason[];
  readonly explanation: string;
}

/**
 * The score is the sum of the weights of the reasons that fired, clamped to 0..100 ("capped
 * sum"): every point is explained by one reason, mitigating reasons subtract, and two strong
 * reasons are enough to reach the top. Level by the policy's cut-offs.
 */
export function scoreReasons(reasons: readonly AlertReason[], policy: TradePolicy): Score {
  const sum = reasons.reduce((total, r) => total + r.weight, 0);
  const score = Math.round(Math.min(100, Math.max(0, sum)));
  const sorted = [...reasons].sort((a, b) => b.weight - a.weight || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return {
    score,
    level: levelForScore(score, policy.data.score.levels),
    flagged: score >= policy.data.score.alertThreshold,
    reasons: sorted,
    explanation:
      sorted.length === 0
        ? 'no rule fired'
        : sorted.map((r) => `${r.text} [${r.ruleId} ${r.weight >= 0 ? '+' : ''}${r.weight}]`).join('; '),
  };
}
