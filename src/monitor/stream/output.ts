import { closeSync, fstatSync, ftruncateSync, openSync, write, writeSync } from 'node:fs';
import { fsyncFd } from './checkpoint.js';

/** Where decisions go: a file (exactly once across restarts: cut back to the checkpoint) or stdout. */
export interface DecisionOutput {
  /** Bytes written so far (the checkpoint records it). */
  readonly bytes: number;
  write(text: string): void;
  /** Makes what was written so far durable (off the main thread) before a checkpoint names it. */
  sync(): Promise<void>;
  /** Resolves once everything written has left the process. */
  close(): Promise<void>;
  /**
   * Undefined while little waits to be written; else resolves once the backlog has gone out.
   * Readers of the input wait for it: a reader of the decisions slower than the input must slow
   * the monitor down, not grow its memory by everything it has not read yet.
   */
  backlog(): Promise<void> | undefined;
}

/** Bytes of decisions waiting for a slow reader before the monitor stops taking input. */
export const MAX_BACKLOG_BYTES = 1 << 20;

export class FileOutput implements DecisionOutput {
  private readonly fd: number;
  private written: number;

  /** Opens `path`, keeping its first `keep` bytes (the decisions the checkpoint covers) and cutting the rest. */
  constructor(path: string, keep: number) {
    this.fd = openSync(path, keep === 0 ? 'w' : 'r+');
    ftruncateSync(this.fd, keep);
    this.written = keep;
  }

  get bytes(): number {
    return this.written;
  }

  write(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    writeSync(this.fd, bytes, 0, bytes.length, this.written);
    this.written += bytes.length;
  }

  sync(): Promise<void> {
    return fsyncFd(this.fd);
  }

  close(): Promise<void> {
    closeSync(this.fd);
    return Promise.resolve();
  }

  /** Written synchronously: nothing waits. */
  backlog(): undefined {
    return undefined;
  }
}

/** True when `fd` is a pipe or a socket (what a reading process hands a child as its standard output). */
function isPipe(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

/**
 * Standard output cannot be cut back: after a restart the decisions since the last checkpoint
 * are written again (at least once); use a file for exactly once.
 *
 * Never blocks: a pipe whose reader falls behind for a moment (its 64 KB buffer full) blocked a
 * synchronous write, and so every decision behind it, for 3 to 20 ms at a time. To a pipe or a
 * socket the monitor writes through `process.stdout`, which libuv keeps non-blocking: a write
 * goes out at once when the pipe has room, and what it does not take waits in memory, in order,
 * until the pipe drains. Anything else (a terminal, a file) is written on libuv's thread pool,
 * one write at a time. Handing every write to the pool had cost the main thread a thread
 * wake-up and a completion per input chunk: a quarter of its time when lines came a few at a time.
 */
export class StdoutOutput implements DecisionOutput {
  private written = 0;
  private queue: Buffer[] = [];
  /** Bytes queued for, or being written on, the thread pool. */
  private queued = 0;
  private writing = false;
  private idle: (() => void)[] = [];
  private failure: Error | undefined;
  /** Writes to a pipe not yet completed. */
  private inFlight = 0;
  private readonly stream: NodeJS.WriteStream | undefined;

  constructor(private readonly fd = 1) {
    this.stream = fd === 1 && isPipe(fd) ? process.stdout : undefined;
    // A reader gone (EPIPE) fails the next write instead of crashing the process.
    this.stream?.on('error', (err: Error) => this.fail(err));
  }

  get bytes(): number {
    return this.written;
  }

  write(text: string): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.stream !== undefined) {
      this.written += Buffer.byteLength(text, 'utf8');
      this.inFlight++;
      this.writing = true;
      this.stream.write(text, 'utf8', this.onWritten);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    this.written += bytes.length;
    this.queued += bytes.length;
    this.queue.push(bytes);
    if (!this.writing) this.next();
  }

  backlog(): Promise<void> | undefined {
    if (this.failure !== undefined) return undefined;
    if (this.stream !== undefined) {
      if (this.stream.writableLength <= MAX_BACKLOG_BYTES) return undefined;
      const stream = this.stream;
      // 'drain' comes once the buffer is empty; an error (the reader gone) ends the wait too.
      return new Promise<void>((resolve) => {
        const done = (): void => {
          stream.off('drain', done);
          stream.off('error', done);
          resolve();
        };
        stream.once('drain', done);
        stream.once('error', done);
      });
    }
    if (this.queued <= MAX_BACKLOG_BYTES) return undefined;
    return new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /** A pipe write completed (they complete in order). */
  private readonly onWritten = (err?: Error | null): void => {
    this.inFlight--;
    if (err !== undefined && err !== null) this.fail(err);
    else if (this.inFlight === 0) {
      this.writing = false;
      for (const resolve of this.idle.splice(0)) resolve();
    }
  };

  private next(): void {
    if (this.queue.length === 0) {
      this.writing = false;
      for (const resolve of this.idle.splice(0)) resolve();
      return;
    }
    this.writing = true;
    const bytes = this.queue.length === 1 ? (this.queue[0] as Buffer) : Buffer.concat(this.queue);
    this.queue = [];
    this.send(bytes, 0);
  }

  private send(bytes: Buffer, from: number): void {
    write(this.fd, bytes, from, bytes.length - from, null, (err, n) => {
      // A non-blocking descriptor with a full pipe: try again shortly.
      if (err?.code === 'EAGAIN') return void setTimeout(() => this.send(bytes, from), 1);
      if (err !== null) return this.fail(err);
      if (from + n < bytes.length) return this.send(bytes, from + n);
      this.queued -= bytes.length;
      this.next();
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.writing = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  sync(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (!this.writing) return this.failure === undefined ? Promise.resolve() : Promise.reject(this.failure);
    return new Promise<void>((resolve) => this.idle.push(resolve)).then(() => {
      if (this.failure !== undefined) throw this.failure;
    });
  }
}
