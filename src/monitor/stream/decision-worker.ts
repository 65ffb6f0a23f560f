import { parentPort, workerData } from 'node:worker_threads';
import { EMPTY_CONTEXT } from '../context.js';
import type { Policy } from '../policy.js';
import { StreamEngine, type StreamEngineOptions } from './engine.js';
import { addLoggedRow, LineDecider } from './line-decider.js';
import type { Partition } from './partition.js';
import { PauseReport, workOf } from './pauses.js';
import { warmUp } from './warm-up.js';

/** What a decision thread is started with. */
export interface DecisionWorkerData {
  readonly policy: Policy;
  readonly engine: StreamEngineOptions;
  readonly partition: Partition;
  readonly positionKey: 'line' | 'sequence';
  /** Threads in all, and this one's index: it decides the lines whose position is `index` modulo `threads`. */
  readonly threads: number;
  readonly index: number;
  /** `--report-pauses`: time each line on this thread, report at `finish`. */
  readonly reportPauses?: number;
}

/** The window's extent and clock after a batch (every thread's window is the same). */
export interface WindowFacts {
  readonly head: number;
  readonly tail: number;
  readonly watermark: number;
}

export type ToDecisionWorker =
  /** Restore: the window starts at sequence `head` (before any `rows`). */
  | { readonly type: 'start'; readonly head: number }
  /** Restore: live rows of the row log, in order, added without deciding. */
  | { readonly type: 'rows'; readonly lines: readonly string[] }
  /** Restore done: the checkpoint's clock. */
  | { readonly type: 'restored'; readonly watermark: number | null }
  /** Input lines at positions `first`, `first + 1`, ..., each ended by a newline. */
  | { readonly type: 'lines'; readonly first: number; readonly text: string }
  /** The run is over: send the pause report (if asked for). */
  | { readonly type: 'finish' };

export type FromDecisionWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'restored'; readonly tail: number }
  /** Per line this thread decides (position `index` modulo `threads`), in order: its `LineKind` and output line. */
  | {
      readonly type: 'decided';
      readonly first: number;
      readonly kinds: Uint8Array;
      readonly texts: string[];
      readonly window: WindowFacts;
    }
  | { readonly type: 'pauses'; readonly lines: string[] }
  | { readonly type: 'failed'; readonly message: string };

/**
 * A decision thread (`chokepoint monitor --threads N`): keeps a whole replica of the window, so
 * it adds every line, and decides one line in N. Every thread adds the same rows in the same
 * order, so each decides exactly as a single monitor would; the main thread merges their output
 * back into input order. Errors are posted back as messages: the main thread fails the run.
 */
function run(data: DecisionWorkerData): void {
  const port = parentPort;
  if (port === null) throw new Error('decision-worker.js runs as a worker thread');
  warmUp(data.policy, EMPTY_CONTEXT, data.engine);
  const engine = new StreamEngine(data.policy, EMPTY_CONTEXT, data.engine);
  const decider = new LineDecider(engine, data.partition, data.positionKey);
  const window = engine.window;
  let restoredSeq = 0;
  const pauses = data.reportPauses === undefined ? undefined : new PauseReport(data.reportPauses, `thread ${data.index}`);
  const work = () => workOf(window, 0);

  const onMessage = (m: ToDecisionWorker): void => {
    switch (m.type) {
      case 'start':
        window.startAt(m.head);
        restoredSeq = m.head;
        return;
      case 'rows':
        for (const line of m.lines) addLoggedRow(engine, restoredSeq++, line);
        return;
      case 'restored':
        if (m.watermark !== null) window.watermark = m.watermark;
        port.postMessage({ type: 'restored', tail: window.tail } satisfies FromDecisionWorker);
        return;
      case 'lines': {
        const own: number[] = [];
        const texts: string[] = [];
        let start = 0;
        for (let position = m.first; start < m.text.length; position++) {
          const end = m.text.indexOf('\n', start);
          const mine = position % data.threads === data.index;
          pauses?.begin(work());
          const kind = decider.take(position, m.text.slice(start, end).trim(), mine);
          pauses?.end(position, work());
          if (mine) {
            own.push(kind);
            texts.push(decider.text);
          }
          start = end + 1;
        }
        const facts: WindowFacts = { head: window.head, tail: window.tail, watermark: window.watermark };
        port.postMessage({
          type: 'decided',
          first: m.first,
          kinds: Uint8Array.from(own),
          texts,
          window: facts,
        } satisfies FromDecisionWorker);
        return;
      }
      case 'finish':
        port.postMessage({ type: 'pauses', lines: pauses?.finish() ?? [] } satisfies FromDecisionWorker);
        return;
    }
  };
  port.on('message', (m: ToDecisionWorker) => {
    try {
      onMessage(m);
    } catch (err) {
      port.postMessage({ type: 'failed', message: (err as Error).message } satisfies FromDecisionWorker);
      port.close();
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromDecisionWorker);
}

run(workerData as DecisionWorkerData);
