import { Worker } from 'node:worker_threads';
import type { CheckpointMeta } from './checkpoint.js';
import type { DecisionWorkerData, FromDecisionWorker, ToDecisionWorker, WindowFacts } from './decision-worker.js';
import type { LineKind } from './line-decider.js';

/** Restore rows are sent to the threads this many at a time. */
const RESTORE_BATCH = 10_000;

/** A thread's answer to one batch. */
type Decided = Extract<FromDecisionWorker, { type: 'decided' }>;

/** One line of a merged batch, in input order. */
export type MergedLine = (position: number, line: string, kind: LineKind, text: string) => void;

interface Batch {
  readonly first: number;
  readonly count: number;
  readonly text: string;
  readonly replies: (Decided | undefined)[];
  received: number;
}

/**
 * The main thread's side of `--threads N`: N decision threads (`decision-worker.ts`), each with
 * a replica of the window, are sent every batch of input lines; thread i decides the lines whose
 * position is i modulo N. Replies come back per thread in order; a batch is merged, line by line
 * in input order, once every thread has answered it, so the output is the single monitor's.
 *
 * Why replicas and not a shared window: parsing and adding a row is a small part of a line's
 * cost (a seventh to a tenth), so two threads that each add every row and decide half of them
 * halve the deciding and keep each thread's state private: no locks, no shared memory, and a
 * decision on either is byte for byte the one the main thread would have made.
 */
export class DecisionThreads {
  private readonly workers: Worker[];
  private readonly batches: Batch[] = [];
  private inFlightLines = 0;
  private failure: Error | undefined;
  /** Rejects with the first failure: raced against every wait on the threads. */
  private readonly failed: Promise<never>;
  private rejectFailed: (err: Error) => void = () => undefined;
  private readonly waiting: { lines: number; resolve: () => void; reject: (err: Error) => void }[] = [];
  private restoredTails: Promise<number[]> | undefined;
  private readonly readyAll: Promise<void>;
  private current: WindowFacts = { head: 0, tail: 0, watermark: Number.NEGATIVE_INFINITY };

  constructor(
    data: Omit<DecisionWorkerData, 'index' | 'threads'>,
    threads: number,
    private readonly onLine: MergedLine,
    /** Called after each merged batch (flush the output, checkpoint when due). */
    private readonly onMerged: () => void,
  ) {
    this.failed = new Promise<never>((_, reject) => (this.rejectFailed = reject));
    // Only ever raced: a failure nobody waits for resurfaces from the next `send` or `settled`.
    this.failed.catch(() => undefined);
    this.workers = Array.from({ length: threads }, (_, index) => {
      const worker = new Worker(new URL('./decision-worker.js', import.meta.url), {
        workerData: { ...data, threads, index } satisfies DecisionWorkerData,
      });
      worker.on('message', (m: FromDecisionWorker) => this.onMessage(index, m));
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`decision thread ${index} exited with code ${code}`));
      });
      return worker;
    });
    this.readyAll = this.answers('ready').then(() => undefined);
  }

  /** The window as of the last merged batch (the threads' windows are all the same). */
  get facts(): WindowFacts {
    return this.current;
  }

  /** Resolves once every thread has warmed up. */
  async ready(): Promise<void> {
    await Promise.race([this.readyAll, this.failed]);
  }

  /**
   * Sends the checkpoint's live rows to every thread (each rebuilds its window from them); the
   * tails the threads reach are checked by `restoredTail`. Until the first batch is merged, the
   * window is the checkpoint's.
   */
  restore(meta: Pick<CheckpointMeta, 'head' | 'tail' | 'watermark'>, rows: (onRow: (line: string) => void) => void): void {
    const { head, watermark } = meta;
    this.current = { head, tail: meta.tail, watermark: watermark ?? Number.NEGATIVE_INFINITY };
    this.post({ type: 'start', head });
    let lines: string[] = [];
    rows((line) => {
      lines.push(line);
      if (lines.length === RESTORE_BATCH) {
        this.post({ type: 'rows', lines });
        lines = [];
      }
    });
    if (lines.length > 0) this.post({ type: 'rows', lines });
    this.restoredTails = this.answers('restored').then((answers) => answers.map((a) => a.tail));
    this.post({ type: 'restored', watermark });
  }

  /** The window tail every thread reached after `restore` (they must agree). */
  async restoredTail(): Promise<number> {
    if (this.restoredTails === undefined) throw new Error('restore was not called');
    const tails = await Promise.race([this.restoredTails, this.failed]);
    if (tails.some((t) => t !== tails[0])) throw new Error(`decision threads restored different tails: ${tails.join(', ')}`);
    return tails[0] as number;
  }

  /** Sends `count` lines (`text`, each ended by a newline) at positions `first` ... to every thread. */
  send(first: number, text: string, count: number): void {
    if (this.failure !== undefined) throw this.failure;
    this.batches.push({ first, count, text, replies: new Array(this.workers.length).fill(undefined), received: 0 });
    this.inFlightLines += count;
    this.post({ type: 'lines', first, text });
  }

  /** Lines sent and not yet merged. */
  get pending(): number {
    return this.inFlightLines;
  }

  /** Resolves once at most `lines` lines are unmerged (0: all merged); rejects if a thread failed. */
  settled(lines = 0): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.inFlightLines <= lines) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiting.push({ lines, resolve, reject }));
  }

  /** Each thread's pause report (empty without `reportPauses`), once every line is merged. */
  async pauseReports(): Promise<string[][]> {
    const reports = this.answers('pauses').then((answers) => answers.map((a) => a.lines));
    this.post({ type: 'finish' });
    return Promise.race([reports, this.failed]);
  }

  /** Stops the threads (after `settled`). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** The next message of `type` from every thread, in thread order. */
  private answers<K extends FromDecisionWorker['type']>(type: K): Promise<Extract<FromDecisionWorker, { type: K }>[]> {
    return Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<Extract<FromDecisionWorker, { type: K }>>((resolve) => {
            const listen = (m: FromDecisionWorker): void => {
              if (m.type !== type) return;
              worker.off('message', listen);
              resolve(m as Extract<FromDecisionWorker, { type: K }>);
            };
            worker.on('message', listen);
          }),
      ),
    );
  }

  private post(m: ToDecisionWorker): void {
    for (const w of this.workers) w.postMessage(m);
  }

  private onMessage(index: number, m: FromDecisionWorker): void {
    if (m.type === 'failed') return this.fail(new Error(`decision thread ${index}: ${m.message}`));
    if (m.type !== 'decided') return;
    // Replies of one thread come in the order sent: the first batch it has not answered is this one.
    const batch = this.batches.find((b) => b.replies[index] === undefined);
    if (batch === undefined || batch.first !== m.first)
      return this.fail(new Error(`decision thread ${index} answered out of order`));
    batch.replies[index] = m;
    batch.received++;
    while (this.batches.length > 0 && (this.batches[0] as Batch).received === this.workers.length) {
      this.merge(this.batches.shift() as Batch);
    }
  }

  /** Hands the batch's lines to `onLine` in input order, each with the answer of the thread that decided it. */
  private merge(batch: Batch): void {
    const threads = this.workers.length;
    const taken = new Int32Array(threads);
    let start = 0;
    for (let position = batch.first; position < batch.first + batch.count; position++) {
      const end = batch.text.indexOf('\n', start);
      const i = position % threads;
      const reply = batch.replies[i] as Decided;
      const k = taken[i] as number;
      taken[i] = k + 1;
      this.onLine(position, batch.text.slice(start, end).trim(), reply.kinds[k] as LineKind, reply.texts[k] as string);
      start = end + 1;
    }
    this.current = (batch.replies[0] as Decided).window;
    this.inFlightLines -= batch.count;
    this.onMerged();
    for (let w = this.waiting.length - 1; w >= 0; w--) {
      const waiter = this.waiting[w] as (typeof this.waiting)[number];
      if (this.inFlightLines <= waiter.lines) {
        this.waiting.splice(w, 1);
        waiter.resolve();
      }
    }
  }

  private fail(err: Error): void {
    if (this.failure !== undefined) return;
    this.failure = err;
    this.rejectFailed(err);
    for (const w of this.waiting.splice(0)) w.reject(err);
  }
}
