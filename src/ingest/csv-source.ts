import type { Readable } from 'node:stream';
import { CsvScanner } from './csv-scanner.js';
import { SourceError } from './rejection.js';

export interface CsvRow {
  /** 1-based line number where the record ends (the header is line 1). */
  readonly line: number;
  readonly fields: readonly string[];
}

/**
 * Streams CSV records with their line numbers, chunk by chunk, so memory stays bounded whatever
 * the file size. Column counts are not enforced here: the format decides, per row, so a short
 * row is a rejected row rather than a failed file. Text chunks (a stream with an encoding set,
 * as `openText` gives) are scanned as their UTF-8 bytes; structural errors (an unclosed quote,
 * say) end the file with a SourceError naming the line.
 */
export async function* csvRows(input: Readable, file: string): AsyncGenerator<CsvRow> {
  let batch: CsvRow[] = [];
  const scanner = new CsvScanner(file, 'utf8', (r) => batch.push({ line: r.line, fields: r.fields() }));
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    scanner.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    if (batch.length > 0) {
      const ready = batch;
      batch = [];
      yield* ready;
    }
  }
  scanner.end();
  yield* batch;
}

/** A header row as a map from column name to index, after `--map source=target` renames. */
export class Header {
  readonly names: readonly string[];
  private readonly index: ReadonlyMap<string, number>;

  constructor(fields: readonly string[], map: Readonly<Record<string, string>> = {}) {
    this.names = fields.map((f) => {
      const name = f.trim();
      return map[name] ?? name;
    });
    const index = new Map<string, number>();
    this.names.forEach((n, i) => {
      if (!index.has(n)) index.set(n, i);
    });
    this.index = index;
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  /** Column position, or -1 when the column is absent (optional columns may be). */
  position(name: string): number {
    return this.index.get(name) ?? -1;
  }

  /** Throws a SourceError listing every required column that is missing. */
  require(columns: readonly string[], file: string): void {
    const missing = columns.filter((c) => !this.index.has(c));
    if (missing.length > 0) {
      throw new SourceError(file, 1, `missing required column(s): ${missing.join(', ')} (header: ${this.names.join(',')})`);
    }
  }
}
