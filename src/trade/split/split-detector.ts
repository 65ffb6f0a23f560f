import type { AlertReason } from '../../model/index.js';
import type { SplitKeyKind, TradePolicy } from '../policy.js';
import type { RuleId } from '../rule-ids.js';
import { BucketTable, bucketKey } from './bucket-table.js';
import { describeWindow, WINDOW_KINDS, windowCode, type WindowKind } from './windows.js';

/** What the split detector needs of one shipment: a few numbers and its party keys. */
export interface SplitFacts {
  /** Days since 1970-01-01; null when the row has no date (it then joins no window). */
  readonly day: number | null;
  /** A small parcel (low-value, or post/express not entered formally): formal entries never count. */
  readonly parcel: boolean;
  /** Declared under the low-value threshold that applies to its origin and date (threshold > 0). */
  readonly lowValue: boolean;
  readonly thresholdUsd: number;
  readonly usd: number;
  readonly kg: number;
  /** The goods look like chemicals (identified, chemical heading, or chemical words). */
  readonly chemical: boolean;
  /** Hash of the folded description: parcels of one lot repeat it. */
  readonly description: number;
  readonly keys: readonly SplitKey[];
}

export interface SplitKey {
  readonly kind: SplitKeyKind;
  /** hash53 of the folded key ("consignee|<name>|<address>"). */
  readonly hash: number;
  /** How the key reads to an analyst (the consignee's name, the address). */
  readonly label: string;
}

const enum Flag {
  DayValue = 1,
  WeekValue = 2,
  WeekWeight = 4,
}

const KEY_LABEL: Record<SplitKeyKind, string> = {
  consignee: 'consignee',
  consigneeAddress: 'consignee address',
  finalRecipient: 'final recipient',
  shipperCluster: 'shipper cluster',
};

interface Finding {
  readonly ruleId: RuleId;
  readonly bucket: number;
  readonly text: string;
}

const usd = (x: number): string => `$${Math.round(x).toLocaleString('en-US')}`;

/**
 * Streaming split-shipment detection. Every parcel is added to a bucket per (party key, window):
 * day, and two half-week-hopping weeks. Once all rows are in, `finalize` marks the buckets whose
 * totals break the policy, and `findings` tells each member which of its buckets did, so the
 * finding becomes a reason on every member shipment. Input order does not matter; memory is a
 * few dozen bytes per bucket (see BucketTable), never per row.
 */
export class SplitDetector {
  readonly table = new BucketTable();
  private finalized = false;
  private readonly evidence = new Map<number, string[]>();

  constructor(private readonly policy: TradePolicy) {}

  private counts(kind: SplitKeyKind, facts: SplitFacts): boolean {
    return facts.parcel && (!this.policy.data.split.keys[kind].chemicalOnly || facts.chemical);
  }

  add(facts: SplitFacts): void {
    if (this.finalized) throw new Error('SplitDetector.add after finalize');
    if (facts.day === null) return;
    const t = this.table;
    for (const key of facts.keys) {
      if (!this.counts(key.kind, facts)) continue;
      for (const w of WINDOW_KINDS) {
        const b = t.upsert(bucketKey(key.hash, windowCode(w, facts.day)));
        const parcels = (t.parcels[b] as number) + 1;
        t.parcels[b] = parcels;
        t.kg[b] = (t.kg[b] as number) + facts.kg;
        if (facts.chemical) t.chemical[b] = (t.chemical[b] as number) + 1;
        if (facts.lowValue) {
          t.lowValueCount[b] = (t.lowValueCount[b] as number) + 1;
          t.lowValueUsd[b] = (t.lowValueUsd[b] as number) + facts.usd;
          if (facts.thresholdUsd > 0 && facts.thresholdUsd < (t.minThreshold[b] as number))
            t.minThreshold[b] = facts.thresholdUsd;
        }
        if (parcels === 1) t.firstDescription[b] = facts.description;
        if (t.firstDescription[b] === facts.description) t.sameDescription[b] = (t.sameDescription[b] as number) + 1;
      }
    }
  }

  /** Marks the buckets that break a rule; call once, after the last `add`. */
  finalize(): void {
    const t = this.table;
    const { day, week } = this.policy.data.split;
    for (let b = 0; b < t.size; b++) {
      let f = 0;
      const parcels = t.parcels[b] as number;
      // Similar: the lot's parcels repeat one description, or all read as chemicals.
      const similar = Math.max(t.sameDescription[b] as number, t.chemical[b] as number) / Math.max(1, parcels);
      const overThreshold = (t.lowValueUsd[b] as number) > (t.minThreshold[b] as number);
      const lowValue = t.lowValueCount[b] as number;
      if (overThreshold && lowValue >= day.minParcels && similar >= day.minSimilarShare) f |= Flag.DayValue;
      if (overThreshold && lowValue >= week.minParcels && similar >= week.minSimilarShare) f |= Flag.WeekValue;
      if (parcels >= week.minParcels && (t.kg[b] as number) >= week.minKg && similar >= week.minSimilarShare)
        f |= Flag.WeekWeight;
      t.flags[b] = f;
    }
    this.finalized = true;
  }

  /** The broken windows this shipment is a member of, one finding per (rule, key, window). */
  findings(facts: SplitFacts): Finding[] {
    if (!this.finalized) throw new Error('SplitDetector.findings before finalize');
    if (facts.day === null) return [];
    const out: Finding[] = [];
    const t = this.table;
    for (const key of facts.keys) {
      if (!this.counts(key.kind, facts)) continue;
      for (const w of WINDOW_KINDS) {
        const b = t.find(bucketKey(key.hash, windowCode(w, facts.day)));
        if (b < 0) continue;
        const f = t.flags[b] as number;
        if (f === 0) continue;
        const who = `${KEY_LABEL[key.kind]} "${key.label}"`;
        const when = describeWindow(w, facts.day);
        const valueBroken = facts.lowValue && (t.lowValueUsd[b] as number) > facts.thresholdUsd;
        if (w === 'day' && f & Flag.DayValue && valueBroken)
          out.push({ ruleId: 'split-low-value-day', bucket: b, text: this.valueText(b, who, when, facts) });
        if (w !== 'day' && f & Flag.WeekValue && valueBroken)
          out.push({ ruleId: 'split-low-value-week', bucket: b, text: this.valueText(b, who, when, facts) });
        if (w !== 'day' && f & Flag.WeekWeight)
          out.push({
            ruleId: 'split-weight-week',
            bucket: b,
            text: `${t.parcels[b]} small parcels to ${who} ${when} weigh ${Math.round(t.kg[b] as number)} kg (${Math.max(t.sameDescription[b] as number, t.chemical[b] as number)} with similar or chemical descriptions)`,
          });
      }
    }
    return out;
  }

  private valueText(b: number, who: string, when: WindowKind | string, facts: SplitFacts): string {
    const t = this.table;
    return `${t.lowValueCount[b]} low-value parcels to ${who} ${when} total ${usd(t.lowValueUsd[b] as number)} (threshold ${usd(facts.thresholdUsd)}), ${Math.round(t.kg[b] as number)} kg`;
  }

  /** Second look at every row: remember up to `evidenceCap` member ids of each broken bucket. */
  collectEvidence(facts: SplitFacts, shipmentId: string): void {
    const cap = this.policy.data.split.evidenceCap + 1; // one more, since a member omits itself
    for (const f of this.findings(facts)) {
      let ids = this.evidence.get(f.bucket);
      if (ids === undefined) this.evidence.set(f.bucket, (ids = []));
      if (ids.length < cap && !ids.includes(shipmentId)) ids.push(shipmentId);
    }
  }

  /** The split reasons of one shipment: one per rule (its strongest window), evidence = other members. */
  reasons(facts: SplitFacts, shipmentId: string): AlertReason[] {
    const byRule = new Map<RuleId, { texts: string[]; evidence: Set<string> }>();
    const cap = this.policy.data.split.evidenceCap;
    for (const f of this.findings(facts)) {
      let r = byRule.get(f.ruleId);
      if (r === undefined) byRule.set(f.ruleId, (r = { texts: [], evidence: new Set() }));
      if (r.texts.length < 3 && !r.texts.includes(f.text)) r.texts.push(f.text);
      for (const id of this.evidence.get(f.bucket) ?? []) if (id !== shipmentId && r.evidence.size < cap) r.evidence.add(id);
    }
    // The day and week value findings are one signal seen twice: the day one (stronger) stands for both.
    const day = byRule.get('split-low-value-day');
    const week = byRule.get('split-low-value-week');
    if (day !== undefined && week !== undefined) {
      for (const id of week.evidence) if (day.evidence.size < cap) day.evidence.add(id);
      byRule.delete('split-low-value-week');
    }
    return [...byRule.entries()].map(([ruleId, r]) => ({
      ruleId,
      weight: this.policy.weights[ruleId],
      text: r.texts.join('; '),
      evidence: [...r.evidence],
    }));
  }

  /** Buckets held (for memory reporting). */
  get buckets(): number {
    return this.table.size;
  }
}
