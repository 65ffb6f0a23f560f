export const ALERT_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const ALERT_STATUSES = ['open', 'assigned', 'dismissed', 'escalated', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const SUBJECT_KINDS = ['entity', 'shipment', 'transaction', 'account'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** One reason an alert fired: the rule, its weight and the records that prove it. */
export interface AlertReason {
  readonly ruleId: string;
  readonly weight: number;
  readonly text: string;
  readonly evidence: readonly string[];
}

export interface Alert {
  readonly id: string;
  readonly detectorId: string;
  readonly subjectKind: SubjectKind;
  readonly subjectId: string;
  /** 0 to 100. */
  readonly score: number;
  readonly level: AlertLevel;
  readonly reasons: readonly AlertReason[];
  readonly status: AlertStatus;
  /** ISO 8601 timestamp. */
  readonly createdAt: string;
}

/** Default banding of a 0-100 score; policies may pass their own cut-offs. */
export function levelForScore(
  score: number,
  cutoffs: { readonly medium: number; readonly high: number; readonly critical: number } = {
    medium: 40,
    high: 70,
    critical: 90,
  },
): AlertLevel {
  if (!(score >= 0 && score <= 100)) throw new RangeError(`alert score must be within 0..100, got ${score}`);
  if (score >= cutoffs.critical) return 'critical';
  if (score >= cutoffs.high) return 'high';
  if (score >= cutoffs.medium) return 'medium';
  return 'low';
}
