import { closeSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';

/** Where decisions go: a file (exactly once across restarts: cut back to the checkpoint) or stdout. */
export interface DecisionOutput {
  /** Bytes written so far (the checkpoint records it). */
  readonly bytes: number;
  write(text: string): void;
  /** Makes what was written durable before a checkpoint names it. */
  sync(): void;
  close(): void;
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

  sync(): void {
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Standard output cannot be cut back: after a restart the decisions since the last checkpoint
 * are written again (at least once); use a file for exactly once.
 */
export class StdoutOutput implements DecisionOutput {
  private written = 0;
  get bytes(): number {
    return this.written;
  }
  write(text: string): void {
    process.stdout.write(text);
    this.written += Buffer.byteLength(text);
  }
  sync(): void {}
  close(): void {}
}
