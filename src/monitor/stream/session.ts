import type { EntityContext } from '../context.js';
import type { Policy } from '../policy.js';
import { CheckpointError, CheckpointStore, type CheckpointMeta } from './checkpoint.js';
import { StreamEngine, type StreamEngineOptions } from './engine.js';
import { parseTransactionLine } from './input.js';
import { FileOutput, StdoutOutput, type DecisionOutput } from './output.js';
import { inPartition, type Partition } from './partition.js';

export interface SessionOptions {
  readonly policy: Policy;
  readonly context: EntityContext;
  readonly engine: StreamEngineOptions;
  readonly partition: Partition;
  readonly source: 'stdin' | 'jetstream';
  /** Decisions file; standard output when absent. */
  readonly out?: string;
  readonly checkpointDir?: string;
  /** Checkpoint after this many input items. */
  readonly checkpointEvery: number;
}

export interface SessionCounts {
  transactions: number;
  decided: number;
  errors: number;
  flagged: number;
}

/**
 * One monitor run: restores the last checkpoint (if any), takes input items by position (line
 * number or JetStream sequence), keeps the window state of every account, decides the items of
 * its partition, writes the decisions and checkpoints. Items at or before the checkpoint's
 * position are skipped, so a replayed input (stdin from the start, JetStream redeliveries) is
 * neither lost nor counted twice.
 */
export class MonitorSession {
  readonly engine: StreamEngine;
  /** Position of the last item decided before this run (0 without a checkpoint). */
  readonly resumedAt: number;
  private position: number;
  private readonly output: DecisionOutput;
  private readonly store: CheckpointStore | undefined;
  private readonly counts: SessionCounts;
  private sinceCheckpoint = 0;
  private pending = '';
  private readonly positionKey: string;
  private readonly partitionText: string;

  constructor(private readonly o: SessionOptions) {
    this.engine = new StreamEngine(o.policy, o.context, o.engine);
    this.positionKey = o.source === 'stdin' ? 'line' : 'sequence';
    this.partitionText = `${o.partition.index}/${o.partition.count}`;
    this.store = o.checkpointDir === undefined ? undefined : new CheckpointStore(o.checkpointDir);
    const meta = this.store?.load();
    if (meta !== undefined) this.check(meta);
    if (meta !== undefined && this.store !== undefined) {
      const window = this.engine.window;
      window.startAt(meta.head);
      this.store.readRows(meta, (seq, line) => {
        const parsed = parseTransactionLine(line, seq);
        if (!parsed.ok) throw new CheckpointError(`${this.store?.dir}: row ${seq} of the log is invalid: ${parsed.error}`);
        this.engine.add(parsed.transaction);
      });
      if (window.tail !== meta.tail)
        throw new CheckpointError(`${this.store.dir}: the row log ends at ${window.tail}, expected ${meta.tail}`);
      if (meta.watermark !== null) window.watermark = meta.watermark;
    }
    this.store?.openLog(meta, this.engine.window.tail);
    this.resumedAt = meta?.position ?? 0;
    this.position = this.resumedAt;
    this.counts = meta === undefined ? { transactions: 0, decided: 0, errors: 0, flagged: 0 } : { ...meta.counts };
    this.output = o.out === undefined ? new StdoutOutput() : new FileOutput(o.out, meta?.outputBytes ?? 0);
  }

  private check(meta: CheckpointMeta): void {
    const where = this.o.checkpointDir;
    if (meta.policySha256 !== this.o.policy.sha256)
      throw new CheckpointError(
        `${where}: the checkpoint was made with another policy (sha256 ${meta.policySha256.slice(0, 16)}); use a new checkpoint directory`,
      );
    if (meta.partition !== this.partitionText)
      throw new CheckpointError(`${where}: the checkpoint is of partition ${meta.partition}, not ${this.partitionText}`);
    if (meta.source !== this.o.source)
      throw new CheckpointError(`${where}: the checkpoint is of a ${meta.source} input, not ${this.o.source}`);
  }

  get stats(): Readonly<SessionCounts> {
    return this.counts;
  }

  /** The position of the last item taken. */
  get at(): number {
    return this.position;
  }

  /**
   * Takes one input item. Returns false when it was already decided before the restart (skipped).
   * Decisions are buffered until `flush`.
   */
  take(position: number, text: string): boolean {
    if (position <= this.position) return false;
    this.position = position;
    this.sinceCheckpoint++;
    const line = text.trim();
    if (line === '') return true;
    const parsed = parseTransactionLine(line, position);
    if (!parsed.ok) {
      // A bad line has no trustworthy account to partition by: the first partition reports it.
      if (this.o.partition.index === 0) {
        this.counts.errors++;
        const id = parsed.id === undefined ? {} : { transaction_id: parsed.id };
        this.pending += `${JSON.stringify({ [this.positionKey]: position, ...id, error: parsed.error })}\n`;
      }
      return true;
    }
    const t = parsed.transaction;
    this.counts.transactions++;
    const seq = this.engine.add(t);
    this.store?.append(line);
    if (inPartition(t, this.o.partition)) {
      const decision = this.engine.decide(seq, t);
      this.counts.decided++;
      if (decision.flagged) this.counts.flagged++;
      this.pending += `${JSON.stringify({ [this.positionKey]: position, ...decision })}\n`;
    }
    return true;
  }

  /** Writes the buffered decisions (and rows to the log). */
  flush(): void {
    if (this.pending !== '') {
      this.output.write(this.pending);
      this.pending = '';
    }
    this.store?.flush();
  }

  get checkpointDue(): boolean {
    return this.store !== undefined && this.sinceCheckpoint >= this.o.checkpointEvery;
  }

  get uncheckpointed(): number {
    return this.sinceCheckpoint;
  }

  /** Flushes, syncs the decisions, and commits a checkpoint at the current position. No-op without a directory. */
  checkpoint(): void {
    this.flush();
    if (this.store === undefined) return;
    this.output.sync();
    const w = this.engine.window;
    this.store.commit({
      policySha256: this.o.policy.sha256,
      partition: this.partitionText,
      source: this.o.source,
      position: this.position,
      head: w.head,
      tail: w.tail,
      watermark: Number.isFinite(w.watermark) ? w.watermark : null,
      outputBytes: this.output.bytes,
      counts: { ...this.counts },
    });
    this.sinceCheckpoint = 0;
  }

  close(): void {
    this.checkpoint();
    this.store?.close();
    this.output.close();
  }
}
