import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';

/** Writes to `path.partial` and renames on commit: a failed run never leaves a half-written file. */
export class AtomicFile {
  private readonly partial: string;
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(private readonly path: string) {
    this.partial = `${path}.partial`;
    this.stream = createWriteStream(this.partial, { encoding: 'utf8' });
  }

  /** Lines are gathered and written in chunks: a million small writes cost more than the data. */
  async write(text: string): Promise<void> {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.buffered = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async commit(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    await rename(this.partial, this.path);
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.partial, { force: true });
  }
}
