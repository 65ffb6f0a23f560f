import type { EntityContext } from '../context.js';
import type { Policy } from '../policy.js';
import { CheckpointError, CheckpointStore, type CheckpointMeta } from './checkpoint.js';
import { StreamEngine, type StreamEngineOptions } from './engine.js';
import { parseTransactionLine } from './input.js';
import { FileOutput, StdoutOutput, type DecisionOutput } from './output.js';
import { inPartition, type Partition } from './partition.js';
import type { WorkCounters } from './pauses.js';

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
  /** The commit waiting for the disk, if any; and the error of one that failed. */
  private committing: Promise<void> | undefined;
  private failure: Error | undefined;
  private checkpointsStarted = 0;
  private pending = '';
  private readonly positionKey: string;
  /** `{"line":` or `{"sequence":`, the start of every decision's line. */
  private readonly positionPrefix: string;
  private readonly partitionText: string;

  constructor(private readonly o: SessionOptions) {
    this.engine = new StreamEngine(o.policy, o.context, o.engine);
    this.positionKey = o.source === 'stdin' ? 'line' : 'sequence';
    this.positionPrefix = `{${JSON.stringify(this.positionKey)}:`;
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

  /** Counters of the work that can pause a decision (for `--report-pauses`). */
  work(): WorkCounters {
    const w = this.engine.window;
    return {
      chunks: w.chunksAllocated,
      rehashes: w.accounts.rehashes + w.names.rehashes,
      checkpoints: this.checkpointsStarted,
    };
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
    if (this.failure !== undefined) throw this.failure;
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
      // As JSON.stringify({ [positionKey]: position, ...decision }), without building that object.
      this.pending += `${this.positionPrefix}${position},${JSON.stringify(decision).slice(1)}\n`;
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

  /** A checkpoint is due: enough items since the last one, and none waiting for the disk. */
  get checkpointDue(): boolean {
    return this.store !== undefined && this.committing === undefined && this.sinceCheckpoint >= this.o.checkpointEvery;
  }

  get uncheckpointed(): number {
    return this.sinceCheckpoint;
  }

  /**
   * Flushes and starts a checkpoint at the current position: what it records is taken now, the
   * fsyncs and the meta file's replacement run off the main thread while decisions go on. The
   * promise resolves once the checkpoint is durable (only then may JetStream messages be
   * acknowledged). Returns undefined, starting nothing, while another commit is in flight or
   * without a checkpoint directory.
   */
  checkpoint(): Promise<void> | undefined {
    if (this.failure !== undefined) throw this.failure;
    this.flush();
    if (this.store === undefined || this.committing !== undefined) return undefined;
    const w = this.engine.window;
    const output = this.output;
    const committing = this.store
      .commitAsync(
        {
          policySha256: this.o.policy.sha256,
          partition: this.partitionText,
          source: this.o.source,
          position: this.position,
          head: w.head,
          tail: w.tail,
          watermark: Number.isFinite(w.watermark) ? w.watermark : null,
          outputBytes: output.bytes,
          counts: { ...this.counts },
        },
        () => output.sync(),
      )
      .then(
        () => {
          this.committing = undefined;
        },
        (err: unknown) => {
          this.committing = undefined;
          // Loud on the next item: a monitor whose checkpoints fail must not go on as if they held.
          this.failure = err instanceof Error ? err : new Error(String(err));
          throw this.failure;
        },
      );
    this.committing = committing;
    this.checkpointsStarted++;
    this.sinceCheckpoint = 0;
    return committing;
  }

  /** Waits for a commit in flight, commits a last checkpoint, and closes the files. */
  async close(): Promise<void> {
    if (this.committing !== undefined) await this.committing;
    await this.checkpoint();
    await this.store?.close();
    await this.output.close();
  }
}
