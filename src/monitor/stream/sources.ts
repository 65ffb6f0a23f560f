import type { Readable } from 'node:stream';
import { AckPolicy, DeliverPolicy, connect, type JsMsg } from 'nats';
import type { PauseReport } from './pauses.js';
import type { MonitorSession } from './session.js';

/**
 * Decisions wait at most this long to be written (and the rows for the log), from the first
 * decided after the last write. Each write to a pipe wakes its reader, which cost the monitor's
 * main thread about as much as deciding the ten lines a 1 ms input chunk holds; writing every
 * 2 ms instead of every chunk halves the writes at 10,000 lines a second or more, for at most
 * 2 ms of latency.
 */
export const FLUSH_MS = 2;
/** The clock is read every this many lines within a chunk (a large chunk: the monitor fell behind). */
const CLOCK_EVERY_LINES = 8;

/**
 * Feeds JSON lines from a stream (stdin) to the session: every complete line in a chunk is
 * taken, the decisions are written once the oldest unwritten one is `FLUSH_MS` old (checked
 * every few lines, and by a timer between chunks), and a checkpoint starts once due (it writes
 * what is pending first; the disk is waited for off the main thread). Line numbers are the
 * positions. With `pauses`, each line is timed for the pause report.
 */
export async function runLines(session: MonitorSession, input: Readable, pauses?: PauseReport): Promise<void> {
  if (session.threaded) return runLinesOnThreads(session, input);
  input.setEncoding('utf8');
  let line = 0;
  let rest = '';
  /** When the oldest unwritten decision was made (performance.now()), or -1. */
  let oldest = -1;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    session.flush();
    oldest = -1;
  };
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      const text = rest + chunk;
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        pauses?.begin(session.work());
        session.take(++line, text.slice(start, end));
        start = end + 1;
        if (oldest < 0) oldest = performance.now();
        // A large chunk (the monitor fell behind for a moment) must not hold back the decisions
        // of its first lines until its last is decided.
        else if (line % CLOCK_EVERY_LINES === 0 && performance.now() - oldest >= FLUSH_MS) flush();
        // Not awaited: the commit waits for the disk while the next lines are decided. A failure
        // resurfaces from the next take (or from close). A checkpoint writes what is pending.
        if (session.checkpointDue) {
          session.checkpoint()?.catch(() => undefined);
          oldest = -1;
        }
        pauses?.end(line, session.work());
      }
      rest = text.slice(start);
      if (oldest >= 0 && timer === undefined) {
        const age = performance.now() - oldest;
        if (age >= FLUSH_MS) flush();
        else timer = setTimeout(flush, FLUSH_MS - age);
      }
      const backlog = session.outputBacklog();
      if (backlog !== undefined) await backlog;
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  if (rest !== '') session.take(++line, rest);
  await session.close();
}

/**
 * As `runLines` with decision threads: each chunk's complete lines go to the threads as one
 * batch; the session writes their decisions and checkpoints as each batch comes back.
 */
async function runLinesOnThreads(session: MonitorSession, input: Readable): Promise<void> {
  input.setEncoding('utf8');
  let line = 0;
  let rest = '';
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      const text = rest + chunk;
      const last = text.lastIndexOf('\n');
      if (last < 0) {
        rest = text;
        continue;
      }
      let count = 0;
      for (let at = text.indexOf('\n'); at >= 0 && at <= last; at = text.indexOf('\n', at + 1)) count++;
      await session.takeLines(line + 1, last === text.length - 1 ? text : text.slice(0, last + 1), count);
      line += count;
      rest = text.slice(last + 1);
      const backlog = session.outputBacklog();
      if (backlog !== undefined) await backlog;
    }
    if (rest !== '') await session.takeLines(line + 1, `${rest}\n`, 1);
  } catch (err) {
    // The threads would keep the process alive; the last checkpoint stands.
    await session.abort();
    throw err;
  }
  await session.close();
}

export interface JetStreamOptions {
  readonly url: string;
  readonly subject: string;
  readonly durable: string;
  /** Checkpoint (and so acknowledge) at least this often while messages flow. */
  readonly checkpointMs: number;
  /** Resolves when the monitor should stop (SIGTERM, SIGINT). */
  readonly stop: Promise<void>;
}

/**
 * Consumes a JetStream subject through a durable pull consumer with "ack all": a message is
 * acknowledged, with every message before it, only once a checkpoint covers it. A monitor
 * killed in between gets the unacknowledged messages again and skips those whose stream
 * sequence its checkpoint already covers. Stream sequences are the positions.
 */
export async function runJetStream(session: MonitorSession, o: JetStreamOptions): Promise<void> {
  const nc = await connect({ servers: o.url, name: `chokepoint-monitor-${o.durable}` });
  try {
    const jsm = await nc.jetstreamManager();
    const stream = await jsm.streams.find(o.subject);
    await jsm.consumers.add(stream, {
      durable_name: o.durable,
      ack_policy: AckPolicy.All,
      deliver_policy: DeliverPolicy.All,
      filter_subject: o.subject,
      // Messages stay unacknowledged until the next checkpoint: no cap, and time enough.
      max_ack_pending: -1,
      ack_wait: 5 * 60 * 1_000_000_000,
    });
    const consumer = await nc.jetstream().consumers.get(stream, o.durable);
    const messages = await consumer.consume({ max_messages: 1_000 });
    let last: JsMsg | undefined;
    let lastCheckpoint = Date.now();
    // A message is acknowledged once the checkpoint covering it is durable; while a commit is
    // in flight no other starts (the next message or timer tick tries again).
    const checkpoint = (): void => {
      const covered = last;
      const committing = session.checkpoint();
      if (committing === undefined) return;
      last = undefined;
      lastCheckpoint = Date.now();
      committing.then(() => covered?.ack()).catch(() => undefined);
    };
    // Between bursts nothing else would checkpoint: a timer does, so acknowledgements flow.
    const timer = setInterval(
      () => {
        if (last !== undefined && Date.now() - lastCheckpoint >= o.checkpointMs) checkpoint();
      },
      Math.max(50, Math.min(1_000, o.checkpointMs)),
    );
    void o.stop.then(() => messages.stop());
    try {
      for await (const m of messages) {
        session.take(m.seq, m.string());
        session.flush();
        last = m;
        if (session.checkpointDue || Date.now() - lastCheckpoint >= o.checkpointMs) checkpoint();
        const backlog = session.outputBacklog();
        if (backlog !== undefined) await backlog;
      }
    } finally {
      clearInterval(timer);
    }
    await session.close();
    last?.ack();
    await nc.flush();
  } finally {
    await nc.drain().catch(() => nc.close());
  }
}
