import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { SourceError } from '../ingest/index.js';

export interface CsvRecord {
  /** 1-based line where the record ends (the header is line 1). */
  readonly line: number;
  readonly fields: readonly string[];
}

/** Streams a CSV file's records with their line numbers; a malformed file fails naming the line. */
export async function* readCsv(path: string): AsyncGenerator<CsvRecord> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
      yield { line: item.info.lines, fields: item.record };
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_'))
      throw new SourceError(path, e.lines ?? 0, `malformed CSV: ${e.message ?? e.code}`);
    throw err;
  }
}

/** Writes to `path.partial` and renames on commit, so a failed run never leaves a half-written file. */
export class AtomicWriter {
  private readonly partial: string;
  private readonly stream: WriteStream;

  constructor(private readonly path: string) {
    this.partial = `${path}.partial`;
    this.stream = createWriteStream(this.partial, { encoding: 'utf8' });
  }

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async commit(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
    await rename(this.partial, this.path);
  }

  async abort(): Promise<void> {
    // A write still queued behind the file's opening fails once the stream is destroyed; that
    // failure is expected here and must not surface as an unhandled 'error' event.
    this.stream.on('error', () => undefined);
    // Not events.once: it would reject on that very error.
    const closed = new Promise<void>((resolve) => this.stream.once('close', () => resolve()));
    this.stream.destroy();
    await closed;
    await rm(this.partial, { force: true });
  }
}
