import { contentId, levelForScore, type Alert, type AlertReason } from '../model/index.js';
import type { EntityContext, Holder } from './context.js';
import type { MonitorResult, SubjectScore, WeightedFinding } from './engine.js';
import { keyTermsFor, type Policy } from './policy.js';
import type { TransactionTable } from './table.js';

export const MONITOR_DETECTOR_ID = 'transaction-monitoring';
export const MONITOR_VERSION = '1.0.0';

/** Evidence lists are capped so that an alert on a hub account stays readable; the text gives the full count. */
const MAX_EVIDENCE = 50;

/** A stable id an analyst can find the subject by: the store id, else the account number. */
function accountId(t: TransactionTable, a: number): string {
  return t.accountEntityIds[a] || (t.accounts[a] as string);
}

function evidence(t: TransactionTable, f: WeightedFinding): string[] {
  const ids = f.rows.slice(0, MAX_EVIDENCE).map((r) => t.ids[r] as string);
  for (const a of [...f.accounts, ...(f.related ?? [])].slice(0, MAX_EVIDENCE)) ids.push(accountId(t, a));
  return [...new Set(ids)];
}

function reasons(t: TransactionTable, result: MonitorResult, score: SubjectScore, policy: Policy): AlertReason[] {
  const out: AlertReason[] = score.findings.map((index) => {
    const f = result.findings[index] as WeightedFinding;
    return { ruleId: f.ruleId, weight: f.weight, text: f.text, evidence: evidence(t, f) };
  });
  for (const term of keyTermsFor(policy, score.typologies))
    out.push({ ruleId: 'sar.key-term', weight: 0, text: `SAR key term: ${term}`, evidence: [] });
  out.push({
    ruleId: 'policy',
    weight: 0,
    text: `${MONITOR_DETECTOR_ID} ${MONITOR_VERSION}, policy ${policy.name} ${policy.version} sha256:${policy.sha256.slice(0, 16)}; typologies: ${score.typologies.join(';')}`,
    evidence: [],
  });
  return out;
}

/** Latest time among the subject's evidence rows: alerts are dated by the activity, so daily budgets follow it. */
function latest(t: TransactionTable, result: MonitorResult, score: SubjectScore): number {
  let at = Number.NEGATIVE_INFINITY;
  for (const index of score.findings)
    for (const r of (result.findings[index] as WeightedFinding).rows) at = Math.max(at, t.time[r] as number);
  return Number.isFinite(at) ? at : 0;
}

function alert(
  policy: Policy,
  kind: Alert['subjectKind'],
  subjectId: string,
  score: number,
  reasonList: AlertReason[],
  at: number,
): Alert {
  const { alert: medium, high, critical } = policy.thresholds;
  return {
    id: contentId('alert', MONITOR_DETECTOR_ID, policy.sha256, kind, subjectId),
    detectorId: MONITOR_DETECTOR_ID,
    subjectKind: kind,
    subjectId,
    score,
    level: levelForScore(score, { medium, high, critical }),
    reasons: reasonList,
    status: 'open',
    createdAt: new Date(at).toISOString(),
  };
}

/** The holders to alert for an account: those of the most specific schema the context knows. */
function holdersToAlert(context: EntityContext, account: string): Holder[] {
  const holders = context.holders(account);
  const first = holders[0];
  if (first === undefined) return [];
  return holders.filter((h) => h.schema === first.schema || (h.schema !== 'LegalEntity' && first.schema !== 'LegalEntity'));
}

/**
 * Alerts for every transaction and account at or above the policy's alert threshold, and (when
 * the policy asks) for the holders of alerted accounts. Ids derive from the subject and the
 * policy's hash: rerunning the same policy adds nothing, a new policy version alerts afresh.
 */
export function buildAlerts(t: TransactionTable, context: EntityContext, result: MonitorResult, policy: Policy): Alert[] {
  const alerts: Alert[] = [];
  const threshold = policy.thresholds.alert;
  for (const [r, score] of result.rows) {
    if (score.score < threshold) continue;
    alerts.push(
      alert(policy, 'transaction', t.ids[r] as string, score.score, reasons(t, result, score, policy), t.time[r] as number),
    );
  }
  const holders = new Map<string, { score: number; reasons: AlertReason[]; at: number }>();
  for (const [a, score] of result.accounts) {
    if (score.score < threshold) continue;
    const list = reasons(t, result, score, policy);
    const at = latest(t, result, score);
    alerts.push(alert(policy, 'account', accountId(t, a), score.score, list, at));
    if (!policy.alertAccountHolders) continue;
    for (const h of holdersToAlert(context, t.accounts[a] as string)) {
      const known = holders.get(h.id);
      const holderReasons = [
        {
          ruleId: 'holder.of-alerted-account',
          weight: 0,
          text: `holder of alerted account ${t.accounts[a]}`,
          evidence: [accountId(t, a)],
        },
        ...list,
      ];
      if (known === undefined || known.score < score.score) holders.set(h.id, { score: score.score, reasons: holderReasons, at });
    }
  }
  for (const [id, h] of holders) alerts.push(alert(policy, 'entity', id, h.score, h.reasons, h.at));
  return alerts;
}
