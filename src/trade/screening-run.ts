import type { Shipment } from '../model/index.js';
import { loadKnowledge, type Chemistry, type KnowledgeBase } from '../knowledge/index.js';
import { assessRejected, assessShipment, ShipperMemo, type AssessOptions, type RowFacts } from './assess.js';
import { GoodsCache } from './goods.js';
import { lowValueLookup } from './low-value.js';
import type { TradePolicy } from './policy.js';
import type { WatchlistHook } from './rules/context.js';
import { scoreReasons, type Score } from './score.js';
import { ShipperClusters } from './shipper-clusters.js';
import { Spool } from './spool.js';
import { decodeCompact, decodeTexts, encodeRow, isParcel, type CompactRow } from './spool-codec.js';
import { SplitDetector } from './split/split-detector.js';

export interface ScreeningOptions {
  readonly policy: TradePolicy;
  readonly knowledge?: KnowledgeBase;
  /** With it, SMILES in descriptions are checked against the analogue patterns (`await loadChemistry()`). */
  readonly chemistry?: Chemistry;
  readonly watchlist?: WatchlistHook;
  /** Date (YYYY-MM-DD) at which rows without an arrival date are screened; default today (UTC). */
  readonly asOf?: string;
  /** Where the spool of row facts goes (default the OS temporary directory). */
  readonly tempDir?: string;
}

export interface ScreenedRow extends Score {
  readonly row: number;
  readonly line: number | null;
  readonly id: string;
  readonly subject: string;
  readonly date: string | null;
}

export interface ScreeningStats {
  readonly rows: number;
  readonly rejected: number;
  readonly flagged: number;
  readonly byLevel: Record<string, number>;
  readonly byRule: Record<string, number>;
  readonly descriptions: { readonly distinct: number; readonly cacheHits: number };
  readonly splitBuckets: number;
  readonly spoolBytes: number;
  readonly policy: string;
}

/**
 * One screening of a stream of shipments, in any date order. Pass 1 (`addShipment`,
 * `addRejected`) applies the row rules, feeds the stream-wide state (split buckets, shipper
 * clusters: compact, per key) and spools each row's facts to a temporary file. `finish` replays
 * the spool twice: to collect the split evidence (ids of the other members of each broken
 * window), then to emit every row, in input order, with its score and reasons. Memory per row
 * is one bit (its split membership, between the two replays).
 */
export class ScreeningRun {
  private readonly assess: AssessOptions;
  private readonly spool: Spool;
  private readonly split: SplitDetector;
  private readonly clusters: ShipperClusters;
  private rows = 0;
  private rejected = 0;
  private finished = false;

  constructor(private readonly options: ScreeningOptions) {
    const knowledge = options.knowledge ?? loadKnowledge();
    const goods = new GoodsCache({
      knowledge,
      policy: options.policy,
      ...(options.chemistry === undefined ? {} : { chemistry: options.chemistry }),
    });
    this.assess = {
      policy: options.policy,
      knowledge,
      goods,
      lowValue: lowValueLookup(options.policy),
      asOf: options.asOf ?? new Date().toISOString().slice(0, 10),
      shippers: new ShipperMemo(options.policy),
      ...(options.watchlist === undefined ? {} : { watchlist: options.watchlist }),
    };
    this.spool = new Spool(options.tempDir);
    this.split = new SplitDetector(options.policy);
    this.clusters = new ShipperClusters(options.policy);
  }

  /** Pass 1 for one row: the stream-wide state takes its facts now, the spool keeps them for later. */
  private take(f: RowFacts): void {
    this.split.add(f.split);
    this.clusters.observe(f.shipper, f.split.day);
    encodeRow(f, this.spool);
  }

  /** Screens one shipment; `id` (evidence) and `subject` (alert subject) default to its source id, else its id. */
  addShipment(shipment: Shipment, where: { line?: number | null; id?: string; subject?: string } = {}): void {
    const id = where.id ?? shipment.sourceId ?? shipment.id;
    this.take(
      assessShipment(shipment, { row: this.rows++, line: where.line ?? null, id, subject: where.subject ?? id }, this.assess),
    );
  }

  /** A row that failed validation: it keeps its place in the output with a data-quality reason. */
  addRejected(rejection: { file: string; line: number; field: string; reason: string }, id?: string): void {
    this.rejected++;
    this.take(assessRejected(rejection, { row: this.rows++, id: id ?? `line ${rejection.line}` }, this.options.policy));
  }

  /** Abandons a run that will not be finished (its input failed): removes the spool. */
  dispose(): void {
    this.finished = true;
    this.spool.dispose();
  }

  /**
   * Runs the stream-wide detectors and emits every row in input order. `idOverride` renames rows
   * (by line) whose id was not known when they were added, such as rejected rows.
   */
  async finish(
    emit: (row: ScreenedRow) => void | Promise<void>,
    idOverride: ReadonlyMap<number, string> = new Map(),
  ): Promise<ScreeningStats> {
    if (this.finished) throw new Error('ScreeningRun.finish called twice');
    this.finished = true;
    const { policy } = this.options;
    const { split, clusters } = this;
    const byLevel: Record<string, number> = { low: 0, medium: 0, high: 0, critical: 0 };
    const byRule: Record<string, number> = {};
    let flagged = 0;
    try {
      this.spool.close();
      split.finalize();
      const idOf = (f: CompactRow): string => (f.line !== null ? (idOverride.get(f.line) ?? f.id) : f.id);
      // Pass 2: which rows are members of a broken split window, and the ids of every broken
      // window's members (rows without findings cost a few lookups). The bits spare pass 3 the lookups.
      const splitRows = new Uint8Array((this.rows >>> 3) + 1);
      for (const record of this.spool.replay()) {
        if (!isParcel(record)) continue;
        const f = decodeCompact(record);
        if (split.findings(f.split).length === 0) continue;
        splitRows[f.row >>> 3]! |= 1 << (f.row & 7);
        split.collectEvidence(f.split, idOf(f));
      }
      // Most rows have no reason at all: their score is the same, computed once.
      const quiet = scoreReasons([], policy);
      // Pass 3: every row, in input order, with all its reasons; texts are read only for rows that have any.
      for (const record of this.spool.replay()) {
        const f = decodeCompact(record);
        const id = idOf(f);
        const day = f.split.day;
        const splitHit = ((splitRows[f.row >>> 3] as number) & (1 << (f.row & 7))) !== 0;
        const clusterHit = clusters.hasSignals(f.shipper, day);
        let score = quiet;
        if (f.hasReasons || splitHit || clusterHit) {
          const full = decodeTexts(record, f);
          score = scoreReasons(
            [
              ...full.reasons,
              ...(splitHit ? split.reasons(full.split, id) : []),
              ...(clusterHit ? clusters.reasons(full.shipper, day) : []),
            ],
            policy,
          );
        }
        if (score.flagged) flagged++;
        byLevel[score.level] = (byLevel[score.level] ?? 0) + 1;
        for (const r of score.reasons) byRule[r.ruleId] = (byRule[r.ruleId] ?? 0) + 1;
        const result = emit({
          score: score.score,
          level: score.level,
          flagged: score.flagged,
          reasons: score.reasons,
          explanation: score.explanation,
          row: f.row,
          line: f.line,
          id,
          subject: f.subject === f.id ? id : f.subject,
          date: f.date,
        });
        if (result !== undefined) await result;
      }
    } finally {
      this.spool.dispose();
    }
    const goods = this.assess.goods;
    return {
      rows: this.rows,
      rejected: this.rejected,
      flagged,
      byLevel,
      byRule,
      descriptions: { distinct: goods.misses, cacheHits: goods.hits },
      splitBuckets: this.split.buckets,
      spoolBytes: this.spool.bytes,
      policy: policy.stamp,
    };
  }
}
