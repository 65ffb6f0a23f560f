import type { Transaction } from '../../model/index.js';
import type { EntityContext } from '../context.js';
import { MONITOR_DETECTORS } from '../detectors/index.js';
import { analyse, type WeightedFinding } from '../engine.js';
import { enabledDetectors, keyTermsFor, type Policy } from '../policy.js';
import { LocalTableBuilder, type LocalTable } from './local-table.js';
import { LegIndex, MAX_COUNTERPART_LEGS, type LegParams } from './legs.js';
import { retentionMs, streamPolicy } from './profile.js';
import { Records } from './records.js';
import { rowOffset, WindowState } from './window.js';

/** One reason of a decision: a rule that fired on the transaction, with its evidence. */
export interface DecisionReason {
  readonly ruleId: string;
  readonly weight: number;
  readonly text: string;
  /** Transaction ids and account numbers. */
  readonly evidence: readonly string[];
}

/** What the monitor writes for each transaction it decides. */
export interface Decision {
  readonly transaction_id: string;
  readonly score: number;
  readonly flagged: boolean;
  readonly typologies: readonly string[];
  readonly reasons: readonly DecisionReason[];
}

export interface StreamEngineOptions {
  /** Rows read per account and direction for one decision: a hub's window is its latest rows. */
  readonly maxAccountRows: number;
  /**
   * Evidence rows, and accounts, a reason of a decision below the alert threshold names (at most
   * `MAX_EVIDENCE`). A flagged decision is an alert and names up to `MAX_EVIDENCE` of each, as the
   * batch alerts do; the others carry their reasons to explain their score, and listing a hub's
   * fifty senders in every payment to it was a fifth of the monitor's time (finding the ids and
   * keys, writing them out).
   */
  readonly unflaggedEvidence: number;
}

/** Evidence lists of a flagged decision are capped like the batch alerts', so a hub's decision stays readable. */
export const MAX_EVIDENCE = 50;

export const DEFAULT_STREAM_OPTIONS: StreamEngineOptions = { maxAccountRows: 64, unflaggedEvidence: 10 };

/**
 * The streaming engine: keeps the recent window of every account in memory and decides each
 * transaction on arrival by running the policy's detectors (the batch ones, unchanged) over its
 * neighbourhood: the recent rows of its payer and payee and, for mirror swaps, of the accounts
 * of the legs that could offset it. A decision sees only what arrived before it (and itself),
 * so the first deposits of a structuring run pass and the one that completes it is flagged.
 * Pure of I/O; decisions depend only on the order of the rows added.
 */
export class StreamEngine {
  readonly policy: Policy;
  readonly window: WindowState;
  private readonly legs: LegIndex | undefined;
  private lastPrune = Number.NEGATIVE_INFINITY;
  private readonly tables: LocalTableBuilder;
  /** Reused by every decision: the neighbourhood's accounts (window ids; keys of offsetting legs). */
  private readonly accounts = new Int32Array(2 + 2 * MAX_COUNTERPART_LEGS);
  /**
   * The neighbourhood as read: one run per account and direction, newest first, ending at
   * `runEnds`: the rows' sequence numbers in `runs` and their records in `records`.
   */
  private runs = new Float64Array(1024);
  private records = new Records(1024);
  /** The neighbourhood's rows as indexes into the runs, in sequence order, each once; `keys` is the merge's scratch. */
  private order = new Int32Array(1024);
  private keys = new Float64Array(1024);
  private readonly runEnds = new Int32Array(2 * (2 + 2 * MAX_COUNTERPART_LEGS));
  private readonly cursors = new Int32Array(2 * (2 + 2 * MAX_COUNTERPART_LEGS));
  private readonly detectors: ReturnType<typeof enabledDetectors>;
  private readonly evidence = new EvidenceMarks();

  constructor(
    policy: Policy,
    private readonly context: EntityContext,
    private readonly options: StreamEngineOptions = DEFAULT_STREAM_OPTIONS,
  ) {
    this.policy = streamPolicy(policy).policy;
    this.window = new WindowState(retentionMs(this.policy), options.maxAccountRows);
    this.tables = new LocalTableBuilder(this.window);
    this.detectors = enabledDetectors(this.policy);
    const mirror = this.policy.detectors['mirror-swap'];
    if (mirror?.enabled === true) {
      // The detector's own schema fills the defaults, so the index and the rule agree on a leg.
      const detector = MONITOR_DETECTORS.find((d) => d.id === 'mirror-swap');
      if (detector !== undefined) this.legs = new LegIndex(detector.params.parse(mirror.params) as LegParams);
    }
  }

  /** Adds a transaction to the window state; returns its sequence number. */
  add(t: Transaction): number {
    const seq = this.window.add(t);
    if (this.legs !== undefined) {
      const c = this.window.chunk(seq);
      const s = rowOffset(seq);
      this.legs.add(seq, t, c.debtor[s] as number, c.creditor[s] as number, c.creditorCountry[s] as number);
    }
    // Day buckets are dropped once a day of stream time, not on every row.
    if (this.legs !== undefined && this.window.watermark - this.lastPrune > 86_400_000) {
      this.lastPrune = this.window.watermark;
      this.legs.prune(this.window.watermark - this.window.retentionMs);
    }
    return seq;
  }

  /**
   * Reads the neighbourhood into the runs and fills `this.order` with its rows (indexes into the
   * runs), ascending by sequence number and distinct; returns how many. Reuses its buffers: a
   * decision allocates nothing here.
   */
  private gather(seq: number, t: Transaction): number {
    if (!this.window.isLive(seq)) throw new Error(`row ${seq} is not in the window`);
    // The payer and the payee by their window ids (read from the row, no lookup by key) ...
    const c = this.window.chunk(seq);
    const s = rowOffset(seq);
    const accounts = this.accounts;
    let k = 0;
    accounts[k++] = c.debtor[s] as number;
    if (c.creditor[s] !== accounts[0]) accounts[k++] = c.creditor[s] as number;
    // ... and the accounts of offsetting legs, each once.
    if (this.legs !== undefined) {
      const country = c.creditorCountry[s] as number;
      k = this.legs.counterparts(t, country, this.window.head, this.window.watermark - this.window.retentionMs, accounts, k);
    }
    const since = t.timestamp - this.window.retentionMs;
    const limit = this.options.maxAccountRows;
    const room = 2 * limit * k;
    if (this.runs.length < room) {
      const size = Math.max(room, 2 * this.runs.length);
      this.runs = new Float64Array(size);
      this.records = new Records(size);
      this.order = new Int32Array(size);
      this.keys = new Float64Array(size);
    }
    const n = this.window.neighbourRows(accounts, k, since, limit, this.runs, 0, this.runEnds, this.records);
    // The row decided is the newest of its payer's outgoing run, so it is among them.
    return mergeRuns(this.runs, 2 * k, this.runEnds, this.cursors, this.order, n, this.keys);
  }

  /** Decides row `seq` (the transaction `t`, already added) over its neighbourhood. */
  decide(seq: number, t: Transaction): Decision {
    const n = this.gather(seq, t);
    const table = this.tables.build(this.records, this.order, n);
    // The row decided is the newest of its neighbourhood.
    const index = n - 1;
    if (this.runs[this.order[index] as number] !== seq) throw new Error(`row ${seq} is not the newest of its neighbourhood`);
    const result = analyse(table, this.context, this.policy, { onlyRow: index, detectors: this.detectors, timed: false });
    const score = result.rows.get(index);
    if (score === undefined) return { transaction_id: t.id, score: 0, flagged: false, typologies: [], reasons: [] };
    const flagged = score.score >= this.policy.thresholds.alert;
    const cap = flagged ? MAX_EVIDENCE : Math.min(this.options.unflaggedEvidence, MAX_EVIDENCE);
    const reasons: DecisionReason[] = score.findings.map((f) =>
      this.evidence.reason(table, result.findings[f] as WeightedFinding, cap),
    );
    if (flagged)
      for (const term of keyTermsFor(this.policy, score.typologies))
        reasons.push({ ruleId: 'sar.key-term', weight: 0, text: `SAR key term: ${term}`, evidence: [] });
    return { transaction_id: t.id, score: score.score, flagged, typologies: score.typologies, reasons };
  }
}

/**
 * Merges `runs` (`count` runs of sequence numbers, each descending, run r ending at `ends[r]`,
 * `n` entries in all) into `into` as indexes of `runs`, ascending by sequence number and one per
 * row (a row between two accounts of the neighbourhood is in both their runs); returns how many.
 * A decision has four runs or a few more: taking the least of the runs' tails is faster than
 * sorting (a typed-array sort was 3% of a decision); with many runs (offsetting legs' accounts)
 * it sorts `keys` (at least `n` long), each a row's distance from the least row and its index in one number.
 */
export function mergeRuns(
  runs: Float64Array,
  count: number,
  ends: Int32Array,
  cursors: Int32Array,
  into: Int32Array,
  n: number,
  keys: Float64Array,
): number {
  let m = 0;
  let last = -1;
  if (count > 8) {
    // Many offsetting legs: sort numbers (a typed-array sort is numeric, no comparator call per pair).
    let least = Number.POSITIVE_INFINITY;
    for (let j = 0; j < n; j++) least = Math.min(least, runs[j] as number);
    let scale = 1;
    while (scale <= n) scale *= 2;
    for (let j = 0; j < n; j++) keys[j] = ((runs[j] as number) - least) * scale + j;
    const sorted = keys.subarray(0, n).sort();
    for (let j = 0; j < n; j++) {
      const index = (sorted[j] as number) % scale;
      if (runs[index] !== last) into[m++] = index;
      last = runs[index] as number;
    }
    return m;
  }
  // Each run is read from its end (its oldest row) backwards.
  for (let r = 0; r < count; r++) cursors[r] = (ends[r] as number) - 1;
  for (let taken = 0; taken < n; taken++) {
    let best = -1;
    let least = Number.POSITIVE_INFINITY;
    for (let r = 0; r < count; r++) {
      const c = cursors[r] as number;
      if (c < (r === 0 ? 0 : (ends[r - 1] as number))) continue;
      const seq = runs[c] as number;
      if (seq < least) {
        least = seq;
        best = r;
      }
    }
    const index = cursors[best] as number;
    cursors[best] = index - 1;
    if (least !== last) into[m++] = index;
    last = least;
  }
  return m;
}

/**
 * Marks of the rows and accounts a reason has named, by table index: a reason names each once.
 * They were deduplicated as strings in a Set, and hashing each id and account key (a cache miss
 * per string) was most of a reason's cost.
 */
export class EvidenceMarks {
  private rows = new Int32Array(256);
  private accounts = new Int32Array(256);
  private stamp = 0;

  /** The reason of finding `f`: its first `cap` rows, then its first `cap` accounts and related accounts, each once. */
  reason(t: LocalTable, f: WeightedFinding, cap: number): DecisionReason {
    if (this.rows.length < t.size) this.rows = new Int32Array(2 * t.size);
    if (this.accounts.length < t.accountCount) this.accounts = new Int32Array(2 * t.accountCount);
    const stamp = ++this.stamp;
    const evidence: string[] = [];
    const rows = Math.min(f.rows.length, cap);
    for (let k = 0; k < rows; k++) {
      const i = f.rows[k] as number;
      if (this.rows[i] === stamp) continue;
      this.rows[i] = stamp;
      evidence.push(t.id(i));
    }
    // The first `cap` of the accounts and then the related ones, without concatenating them.
    const accounts = Math.min(f.accounts.length, cap);
    const related = Math.min(f.related?.length ?? 0, cap - accounts);
    for (let k = 0; k < accounts + related; k++) {
      const a = (k < accounts ? f.accounts[k] : f.related?.[k - accounts]) as number;
      if (this.accounts[a] === stamp) continue;
      this.accounts[a] = stamp;
      evidence.push(t.accountKey(a));
    }
    return { ruleId: f.ruleId, weight: f.weight, text: f.text, evidence };
  }
}
