import type { EntityContext } from './context.js';
import { enabledDetectors, type Policy } from './policy.js';
import type { Finding } from './rule.js';
import type { TransactionTable } from './table.js';

/** A finding with what the policy says of it: its weight and typology. */
export interface WeightedFinding extends Finding {
  readonly detectorId: string;
  readonly weight: number;
  readonly typology: string;
}

/** A subject's score (0-100) and the distinct rules that fired on it. */
export interface SubjectScore {
  readonly score: number;
  /** Indexes into `MonitorResult.findings`, one per rule (the first finding of each rule). */
  readonly findings: readonly number[];
  readonly typologies: readonly string[];
}

export interface MonitorResult {
  readonly findings: readonly WeightedFinding[];
  readonly rows: ReadonlyMap<number, SubjectScore>;
  readonly accounts: ReadonlyMap<number, SubjectScore>;
  /** Milliseconds per detector, for benchmarks (empty when not `timed`). */
  readonly timings: Readonly<Record<string, number>>;
}

/**
 * Accumulates rule hits per subject; a rule counts once per subject however often it fires.
 * The score is the weight of the strongest typology plus a share of the others' (see policy).
 */
class Scoreboard {
  private readonly hits = new Map<number, number[]>();
  constructor(
    private readonly findings: readonly WeightedFinding[],
    private readonly otherTypologyFactor: number,
  ) {}

  /** Returns false when the subject already had a hit of that rule (nothing changed). */
  add(subject: number, finding: number): boolean {
    const list = this.hits.get(subject);
    if (list === undefined) this.hits.set(subject, [finding]);
    else if (!list.some((f) => this.findings[f]?.ruleId === this.findings[finding]?.ruleId)) list.push(finding);
    else return false;
    return true;
  }

  /** Typologies by summed weight, strongest first. */
  private typologies(list: readonly number[]): [string, number][] {
    const byTypology = new Map<string, number>();
    for (const f of list) {
      const finding = this.findings[f] as WeightedFinding;
      if (finding.weight > 0) byTypology.set(finding.typology, (byTypology.get(finding.typology) ?? 0) + finding.weight);
    }
    return [...byTypology.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  private combine(typologies: readonly [string, number][]): number {
    let score = 0;
    typologies.forEach(([, weight], k) => (score += k === 0 ? weight : this.otherTypologyFactor * weight));
    return Math.min(100, Math.round(score * 100) / 100);
  }

  score(subject: number): number {
    return this.combine(this.typologies(this.hits.get(subject) ?? []));
  }

  freeze(only?: number): Map<number, SubjectScore> {
    const out = new Map<number, SubjectScore>();
    for (const [subject, list] of this.hits) {
      if (only !== undefined && subject !== only) continue;
      const typologies = this.typologies(list);
      out.set(subject, { score: this.combine(typologies), findings: list, typologies: typologies.map(([t]) => t) });
    }
    return out;
  }
}

export interface AnalyseOptions {
  /**
   * Score only this row: `rows` holds its score alone and `accounts` is empty. The streaming
   * engine decides one transaction per neighbourhood table, and scoring every row and account
   * of it was a quarter of what a decision allocated.
   */
  readonly onlyRow?: number;
  /** The policy's enabled detectors with their params, when the caller listed them once (the stream: not per decision). */
  readonly detectors?: ReturnType<typeof enabledDetectors>;
  /** Time each detector (default true); the stream does not, two clock reads per detector and decision. */
  readonly timed?: boolean;
}

/**
 * A finding with its weight, always of one shape. It was `{ ...f, detectorId, weight, typology }`:
 * findings of a dozen shapes made that spread megamorphic, and V8 then gave every copy a hidden
 * class of its own (a map and a descriptor array, allocated in old space). The streaming monitor
 * made about one per decision; they died there and were two thirds of what it promoted.
 */
function weigh(f: Finding, detectorId: string, weight: number, typology: string): WeightedFinding {
  return {
    ruleId: f.ruleId,
    text: f.text,
    rows: f.rows,
    accounts: f.accounts,
    related: f.related,
    names: f.names,
    detectorId,
    weight,
    typology,
  };
}

/**
 * Runs the policy's detectors in order over the table and scores every transaction and account
 * they touch: pure, (table, context, policy) → result. Detectors later in the order see the
 * findings before them and the accounts already at the alert threshold.
 */
export function analyse(
  table: TransactionTable,
  context: EntityContext,
  policy: Policy,
  options: AnalyseOptions = {},
): MonitorResult {
  const findings: WeightedFinding[] = [];
  const rows = new Scoreboard(findings, policy.scoring.otherTypologyFactor);
  const accounts = new Scoreboard(findings, policy.scoring.otherTypologyFactor);
  const flagged = new Set<number>();
  const timings: Record<string, number> = {};
  const timed = options.timed !== false;
  const only = options.onlyRow;
  for (const { detector, params } of options.detectors ?? enabledDetectors(policy)) {
    const started = timed ? performance.now() : 0;
    const found = detector.run({ table, context, prior: findings, flagged }, params);
    for (const f of found) {
      const meta = detector.rules[f.ruleId];
      const weight = policy.weights[f.ruleId];
      if (meta === undefined || weight === undefined)
        throw new Error(
          `detector ${detector.id} raised rule "${f.ruleId}", which it does not declare or the policy does not weigh`,
        );
      const index = findings.push(weigh(f, detector.id, weight, meta.typology)) - 1;
      // Scoring one row, the others' hits are not kept: a hub's finding names dozens of rows.
      if (only === undefined) for (const r of f.rows) rows.add(r, index);
      else if (f.rows.includes(only)) rows.add(only, index);
      for (const a of f.accounts) {
        // An account's score changes only with a new rule: a repeated one was weighed already.
        if (accounts.add(a, index) && accounts.score(a) >= policy.thresholds.alert) flagged.add(a);
      }
    }
    if (timed) timings[detector.id] = performance.now() - started;
  }
  return {
    findings,
    rows: rows.freeze(only),
    accounts: only === undefined ? accounts.freeze() : new Map<number, SubjectScore>(),
    timings,
  };
}
