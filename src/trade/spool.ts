import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * A temporary file of per-row facts, one line each (see spool-codec.ts): the stream-wide detectors need every row before
 * any row's reasons are final, and holding millions of rows in memory is not an option. Written
 * once, replayed as often as a pass needs, removed by `dispose`.
 */
export class Spool {
  private readonly dir: string;
  private readonly path: string;
  private fd: number | null;
  private buffer: string[] = [];
  private buffered = 0;
  count = 0;
  bytes = 0;

  constructor(parent: string = tmpdir()) {
    this.dir = mkdtempSync(join(parent, 'chokepoint-spool-'));
    this.path = join(this.dir, 'rows.jsonl');
    this.fd = openSync(this.path, 'w');
  }

  /** Appends one line (which must not contain a newline). */
  write(text: string): void {
    if (this.fd === null) throw new Error('spool is closed');
    const line = `${text}\n`;
    this.buffer.push(line);
    this.buffered += line.length;
    this.count++;
    if (this.buffered >= 1 << 22) this.flush();
  }

  private flush(): void {
    if (this.fd === null || this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.bytes += writeSync(this.fd, chunk);
    this.buffer = [];
    this.buffered = 0;
  }

  /** Ends writing; the spool can then be replayed. */
  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  async *replay(): AsyncGenerator<string> {
    if (this.fd !== null) throw new Error('close the spool before replaying it');
    const lines = createInterface({ input: createReadStream(this.path, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
    for await (const line of lines) if (line !== '') yield line;
  }

  dispose(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
