import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A buffered text file writer that respects back-pressure: lines are gathered into chunks of
 * about 256 KB and the writer waits for the stream to drain, so memory stays bounded whatever
 * the file size.
 */
export interface LineWriter {
  write(line: string): Promise<void>;
  close(): Promise<void>;
  /** Stops writing after a failure, leaving the partial file. */
  abort(): void;
  readonly lines: () => number;
}

const CHUNK = 256 * 1024;

export function lineWriter(path: string): LineWriter {
  const stream: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  let buffer: string[] = [];
  let size = 0;
  let count = 0;
  let failure: Error | undefined;
  stream.on('error', (err) => (failure = err));
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const chunk = buffer.join('');
    buffer = [];
    size = 0;
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  return {
    async write(line) {
      if (failure !== undefined) throw failure;
      buffer.push(line);
      size += line.length;
      count++;
      if (size >= CHUNK) await flush();
    },
    async close() {
      await flush();
      if (failure !== undefined) throw failure;
      stream.end();
      await once(stream, 'finish');
    },
    abort() {
      buffer = [];
      stream.destroy();
    },
    lines: () => count,
  };
}
