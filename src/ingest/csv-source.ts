import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { SourceError } from './rejection.js';

export interface CsvRow {
  /** 1-based line number where the record ends (the header is line 1). */
  readonly line: number;
  readonly fields: readonly string[];
}

/**
 * Streams CSV records with their line numbers, one at a time, so memory stays bounded whatever
 * the file size. Column counts are not enforced here: the format decides, per row, so a short
 * row is a rejected row rather than a failed file.
 */
export async function* csvRows(input: Readable, file: string): AsyncGenerator<CsvRow> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: item.info.lines, fields: item.record };
    }
  } catch (err) {
    // csv-parse reports structural errors (an unclosed quote, say) with the line it reached.
    const e = err as { code?: string; lines?: number; message?: string };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      throw new SourceError(file, e.lines ?? 0, `malformed CSV: ${e.message ?? e.code}`);
    }
    throw err;
  }
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
