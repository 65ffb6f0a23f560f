import type { EntityContext } from '../context.js';
import type { Policy } from '../policy.js';
import { CheckpointError, CheckpointStore, type CheckpointMeta } from './checkpoint.js';
import { DecisionThreads } from './decision-threads.js';
import type { WindowFacts } from './decision-worker.js';
import { StreamEngine, type StreamEngineOptions } from './engine.js';
import { addLoggedRow, isRow, LineDecider, LineKind } from './line-decider.js';
import { FileOutput, StdoutOutput, type DecisionOutput } from './output.js';
import type { Partition } from './partition.js';
import { workOf, type WorkCounters } from './pauses.js';

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
  /**
   * Decision threads (`--threads`): 1 decides on the main thread; N > 1 starts N threads, each
   * with a replica of the window, deciding one line in N (stdin only), while the main thread
   * reads, merges, logs and writes.
   */
  readonly threads?: number;
  /** With threads, `--report-pauses`: each thread times its lines (see `threadPauses`). */
  readonly reportPauses?: number;
}

/** Lines sent to decision threads and not yet merged before `takeLines` waits (about a second's worth). */
const MAX_LINES_IN_FLIGHT = 20_000;

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
 *
 * Decisions are made on this thread (`take`), or with `threads` > 1 on decision threads
 * (`takeLines`, then `ready` before the first): the bookkeeping here (counts, row log, output,
 * checkpoints) is the same for both, line by line in input order.
 */
export class MonitorSession {
  /** The engine deciding on this thread; undefined with decision threads. */
  readonly engine: StreamEngine | undefined;
  private readonly decider: LineDecider | undefined;
  private readonly threads: DecisionThreads | undefined;
  /** Position of the last item decided before this run (0 without a checkpoint). */
  readonly resumedAt: number;
  /** Position of the last item decided (with threads, merged back). */
  private position: number;
  /** Position of the last item taken (with threads, sent to them). */
  private taken: number;
  private readonly output: DecisionOutput;
  private readonly store: CheckpointStore | undefined;
  private readonly counts: SessionCounts;
  private sinceCheckpoint = 0;
  /** The commit waiting for the disk, if any; and the error of one that failed. */
  private committing: Promise<void> | undefined;
  private failure: Error | undefined;
  private checkpointsStarted = 0;
  private pending = '';
  private readonly positionKey: 'line' | 'sequence';
  private readonly partitionText: string;
  private readonly restoredTail: number | undefined;
  /** Each decision thread's pause report, after `close` (with `reportPauses`). */
  threadPauses: readonly (readonly string[])[] = [];

  constructor(private readonly o: SessionOptions) {
    this.positionKey = o.source === 'stdin' ? 'line' : 'sequence';
    const threads = o.threads ?? 1;
    if (threads > 1 && o.source !== 'stdin') throw new Error('decision threads read stdin only');
    if (threads > 1) {
      this.threads = new DecisionThreads(
        {
          policy: o.policy,
          engine: o.engine,
          partition: o.partition,
          positionKey: this.positionKey,
          ...(o.reportPauses === undefined ? {} : { reportPauses: o.reportPauses }),
        },
        threads,
        (position, line, kind, text) => this.record(position, line, kind, text),
        () => this.merged(),
      );
    } else {
      this.engine = new StreamEngine(o.policy, o.context, o.engine);
      this.decider = new LineDecider(this.engine, o.partition, this.positionKey);
    }
    this.partitionText = `${o.partition.index}/${o.partition.count}`;
    this.store = o.checkpointDir === undefined ? undefined : new CheckpointStore(o.checkpointDir);
    const meta = this.store?.load();
    if (meta !== undefined) this.check(meta);
    if (meta !== undefined && this.store !== undefined) {
      const store = this.store;
      this.restoredTail = meta.tail;
      if (this.threads !== undefined) {
        this.threads.restore(meta, (onRow) => store.readRows(meta, (_, line) => onRow(line)));
      } else this.restoreHere(meta, store);
    }
    this.store?.openLog(meta, meta?.tail ?? 0);
    this.resumedAt = meta?.position ?? 0;
    this.position = this.resumedAt;
    this.taken = this.resumedAt;
    this.counts = meta === undefined ? { transactions: 0, decided: 0, errors: 0, flagged: 0 } : { ...meta.counts };
    this.output = o.out === undefined ? new StdoutOutput() : new FileOutput(o.out, meta?.outputBytes ?? 0);
  }

  /** Re-adds the checkpoint's live rows to this thread's window. */
  private restoreHere(meta: CheckpointMeta, store: CheckpointStore): void {
    const engine = this.engine as StreamEngine;
    const window = engine.window;
    window.startAt(meta.head);
    try {
      store.readRows(meta, (seq, line) => addLoggedRow(engine, seq, line));
    } catch (err) {
      throw err instanceof CheckpointError ? err : new CheckpointError(`${store.dir}: ${(err as Error).message}`);
    }
    this.checkTail(window.tail);
    if (meta.watermark !== null) window.watermark = meta.watermark;
  }

  /**
   * Resolves once the monitor can take input: with decision threads, once they have warmed up
   * and rebuilt the checkpoint's window (a log that does not rebuild it is a `CheckpointError`).
   */
  async ready(): Promise<void> {
    const threads = this.threads;
    if (threads === undefined) return;
    try {
      await threads.ready();
      if (this.restoredTail !== undefined) this.checkTail(await threads.restoredTail());
    } catch (err) {
      await this.abort();
      // Restoring, a thread's failure is the log's (it may come before or after the warm-up).
      if (this.restoredTail === undefined || err instanceof CheckpointError) throw err;
      throw new CheckpointError(`${this.o.checkpointDir}: ${(err as Error).message}`);
    }
  }

  /** The window rebuilt from the log must end where the checkpoint says. */
  private checkTail(tail: number): void {
    if (tail !== this.restoredTail)
      throw new CheckpointError(`${this.o.checkpointDir}: the row log ends at ${tail}, expected ${this.restoredTail}`);
  }

  /** Stops the decision threads without a last checkpoint (the run failed; the last checkpoint stands). */
  async abort(): Promise<void> {
    await this.threads?.close();
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

  /** The window's extent and clock as of the last item decided. */
  private window(): WindowFacts {
    return this.engine?.window ?? (this.threads as DecisionThreads).facts;
  }

  /** Rows in the window (as of the last item decided). */
  get windowSize(): number {
    const w = this.window();
    return w.tail - w.head;
  }

  /** True when decisions are made on decision threads (feed them with `takeLines`). */
  get threaded(): boolean {
    return this.threads !== undefined;
  }

  /** Counters of the work that can pause a decision on this thread (for `--report-pauses`). */
  work(): WorkCounters {
    return workOf(this.engine?.window, this.checkpointsStarted);
  }

  get stats(): Readonly<SessionCounts> {
    return this.counts;
  }

  /** The position of the last item taken. */
  get at(): number {
    return this.taken;
  }

  /**
   * Takes one input item and decides it on this thread. Returns false when it was already
   * decided before the restart (skipped). Decisions are buffered until `flush`.
   */
  take(position: number, text: string): boolean {
    if (this.failure !== undefined) throw this.failure;
    const decider = this.decider;
    if (decider === undefined) throw new Error('a monitor with decision threads takes lines with takeLines');
    if (position <= this.position) return false;
    this.taken = position;
    const line = text.trim();
    this.record(position, line, decider.take(position, line), decider.text);
    return true;
  }

  /**
   * Sends `count` input lines at positions `first` ... (`text`, each ended by a newline) to the
   * decision threads; lines at or before the checkpoint's position are skipped. Each decision is
   * recorded, in input order, when every thread has answered the batch; then the output is
   * flushed and a checkpoint started when due. Resolves once few enough lines are in flight
   * (so a monitor that falls behind stops reading, as the single-threaded one does).
   */
  async takeLines(first: number, text: string, count: number): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    const threads = this.threads;
    if (threads === undefined) throw new Error('takeLines needs decision threads');
    let start = 0;
    while (first <= this.taken && count > 0) {
      start = text.indexOf('\n', start) + 1;
      first++;
      count--;
    }
    if (count === 0) return;
    this.taken = first + count - 1;
    threads.send(first, start === 0 ? text : text.slice(start), count);
    if (threads.pending > MAX_LINES_IN_FLIGHT) await threads.settled(MAX_LINES_IN_FLIGHT / 2);
  }

  /** The bookkeeping of one decided item, in input order: counts, the row log, the output line. */
  private record(position: number, line: string, kind: LineKind, text: string): void {
    this.position = position;
    this.sinceCheckpoint++;
    if (kind === LineKind.Bad) this.counts.errors++;
    else if (isRow(kind)) {
      this.counts.transactions++;
      this.store?.append(line);
      if (kind !== LineKind.Added) this.counts.decided++;
      if (kind === LineKind.Flagged) this.counts.flagged++;
    }
    this.pending += text;
  }

  /** A batch from the decision threads is recorded: write it out, and checkpoint when due. */
  private merged(): void {
    try {
      this.flush();
      // Not awaited: a failure resurfaces from the next take (or from close).
      if (this.checkpointDue) this.checkpoint()?.catch(() => undefined);
    } catch (err) {
      this.failure ??= err instanceof Error ? err : new Error(String(err));
    }
  }

  /** Undefined, or resolves once the decisions a slow reader left waiting have gone out (stop reading meanwhile). */
  outputBacklog(): Promise<void> | undefined {
    return this.output.backlog();
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
    const w = this.window();
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

  /** Waits for the decision threads and a commit in flight, commits a last checkpoint, and closes the files. */
  async close(): Promise<void> {
    if (this.threads !== undefined) {
      try {
        await this.threads.settled();
        if (this.o.reportPauses !== undefined) this.threadPauses = await this.threads.pauseReports();
      } finally {
        await this.threads.close();
      }
    }
    if (this.failure !== undefined) throw this.failure;
    if (this.committing !== undefined) await this.committing;
    await this.checkpoint();
    await this.store?.close();
    await this.output.close();
  }
}
