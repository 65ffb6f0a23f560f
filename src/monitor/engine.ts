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
  /** Scratch of `typologies`. */
  private readonly names: string[] = [];
  private readonly weights: number[] = [];
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

  /**
   * The subject's typologies by summed weight, strongest first (ties by name), into `names` and
   * `weights`; returns how many. A subject has a typology or two: kept in two reused arrays and
   * sorted by insertion, since a Map, its entries and a sort for every account a finding named
   * were a fifth of what a streaming decision allocated.
   */
  private typologies(list: readonly number[]): number {
    const names = this.names;
    const weights = this.weights;
    let n = 0;
    for (const f of list) {
      const finding = this.findings[f] as WeightedFinding;
      if (!(finding.weight > 0)) continue;
      let k = 0;
      while (k < n && names[k] !== finding.typology) k++;
      if (k === n) {
        names[n] = finding.typology;
        weights[n++] = 0;
      }
      weights[k] = (weights[k] as number) + finding.weight;
    }
    for (let j = 1; j < n; j++) {
      const name = names[j] as string;
      const weight = weights[j] as number;
      let k = j - 1;
      for (; k >= 0; k--) {
        const w = weights[k] as number;
        if (w > weight || (w === weight && (names[k] as string) < name)) break;
        names[k + 1] = names[k] as string;
        weights[k + 1] = w;
      }
      names[k + 1] = name;
      weights[k + 1] = weight;
    }
    return n;
  }

  /** The score of the first `n` of `weights` (strongest first): the strongest plus a share of the others. */
  private combine(n: number): number {
    let score = 0;
    for (let k = 0; k < n; k++)
      score += k === 0 ? (this.weights[k] as number) : this.otherTypologyFactor * (this.weights[k] as number);
    return Math.min(100, Math.round(score * 100) / 100);
  }

  score(subject: number): number {
    return this.combine(this.typologies(this.hits.get(subject) ?? []));
  }

  freeze(only?: number): Map<number, SubjectScore> {
    const out = new Map<number, SubjectScore>();
    for (const [subject, list] of this.hits) {
      if (only !== undefined && subject !== only) continue;
      const n = this.typologies(list);
      out.set(subject, { score: this.combine(n), findings: list, typologies: this.names.slice(0, n) });
    }
    return out;
  }
}

/**
 * The accounts whose score from the findings so far reaches the alert threshold (what later
 * detectors read as `flagged`), scored when first asked: a detector asks only when its own
 * pattern is there (a purchase by an LLC, payments to an official), and scoring every account of
 * every finding up front was most of what a streaming decision spent on scoring. The findings of
 * the detector asking are not in yet, as before.
 */
class FlaggedAccounts {
  private folded = 0;
  private readonly flagged = new Set<number>();

  constructor(
    private readonly findings: readonly WeightedFinding[],
    private readonly accounts: Scoreboard,
    private readonly threshold: number,
  ) {}

  has(account: number): boolean {
    this.catchUp();
    return this.flagged.has(account);
  }

  /** Scores the accounts of the findings added since the last call, in order. */
  catchUp(): void {
    for (; this.folded < this.findings.length; this.folded++) {
      const f = this.findings[this.folded] as WeightedFinding;
      for (const a of f.accounts) {
        // An account's score changes only with a new rule: a repeated one was weighed already.
        if (this.accounts.add(a, this.folded) && this.accounts.score(a) >= this.threshold) this.flagged.add(a);
      }
    }
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
  const flagged = new FlaggedAccounts(findings, accounts, policy.thresholds.alert);
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
    }
    if (timed) timings[detector.id] = performance.now() - started;
  }
  // Every account of every finding is scored for the batch result (the stream scores one row).
  if (only === undefined) flagged.catchUp();
  return {
    findings,
    rows: rows.freeze(only),
    accounts: only === undefined ? accounts.freeze() : new Map<number, SubjectScore>(),
    timings,
  };
}
