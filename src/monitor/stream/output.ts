import { closeSync, ftruncateSync, openSync, write, writeSync } from 'node:fs';
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
}

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
}

/**
 * Standard output cannot be cut back: after a restart the decisions since the last checkpoint
 * are written again (at least once); use a file for exactly once.
 *
 * Writes are queued and made on libuv's thread pool, one at a time and in order: a pipe whose
 * reader falls behind for a moment (its 64 KB buffer full) blocked a synchronous write, and so
 * every decision behind it, for 3 to 20 ms at a time. Meanwhile decisions queue in memory.
 */
export class StdoutOutput implements DecisionOutput {
  private written = 0;
  private queue: Buffer[] = [];
  private writing = false;
  private idle: (() => void)[] = [];
  private failure: Error | undefined;

  constructor(private readonly fd = 1) {}

  get bytes(): number {
    return this.written;
  }

  write(text: string): void {
    if (this.failure !== undefined) throw this.failure;
    const bytes = Buffer.from(text, 'utf8');
    this.written += bytes.length;
    this.queue.push(bytes);
    if (!this.writing) this.next();
  }

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
      if (err !== null) {
        this.failure = err;
        this.writing = false;
        for (const resolve of this.idle.splice(0)) resolve();
        return;
      }
      if (from + n < bytes.length) this.send(bytes, from + n);
      else this.next();
    });
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
