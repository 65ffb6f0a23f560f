import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { WatchlistFormatError } from '../errors.js';

/**
 * Treasury writes Latin-1; copies re-saved by other tools (and the simulator) are UTF-8. A file
 * that decodes as UTF-8 without error is read as UTF-8 (plain ASCII reads the same either way);
 * anything else is Latin-1, where every byte is a character.
 */
export async function ofacEncoding(path: string): Promise<'utf8' | 'latin1'> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
      decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf8';
  } catch {
    return 'latin1';
  }
}

/** One row of an OFAC CSV, with its fields cleaned ("-0-" → "") and the line it ends on. */
export interface OfacRow {
  readonly line: number;
  readonly fields: readonly string[];
}

/** OFAC's "empty" marker, written with a trailing blank ("-0- "). */
const EMPTY = '-0-';
/** Treasury's files end with a DOS end-of-file byte (0x1A) on a line of its own. */
const DOS_EOF = '\u001a';

/**
 * Streams the rows of one legacy OFAC CSV: no header, Latin-1, every text field quoted. Each row
 * must have `columns` fields (the file's layout); a row with another count, or a broken quote,
 * stops the read with an error naming file, line and field.
 */
export async function* ofacRows(path: string, columns: number, names: readonly string[]): AsyncIterable<OfacRow> {
  const input = createReadStream(path, { encoding: await ofacEncoding(path), highWaterMark: 1 << 20 });
  const parser = input.pipe(
    parse({ relax_column_count: true, skip_empty_lines: true, info: true, trim: false, relax_quotes: false }),
  );
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      if (record.length === 1 && (record[0] ?? '').trim().replace(DOS_EOF, '') === '') continue;
      if (record.length !== columns)
        throw new WatchlistFormatError(
          path,
          info.lines,
          '(row)',
          `expected ${columns} fields (${names.join(', ')}), found ${record.length}`,
        );
      const fields = record.map((f) => {
        const v = f.replace(DOS_EOF, '').trim();
        return v === EMPTY ? '' : v;
      });
      yield { line: info.lines, fields };
    }
  } catch (error) {
    if (error instanceof WatchlistFormatError) throw error;
    const e = error as { message?: string; lines?: number; code?: string };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_'))
      throw new WatchlistFormatError(path, e.lines ?? 0, '(row)', `not valid CSV: ${e.message ?? e.code}`);
    throw error;
  } finally {
    input.destroy();
  }
}

/** An OFAC entity number: a positive integer. */
export function entNum(path: string, row: OfacRow, column: string): number {
  const raw = row.fields[0] ?? '';
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n))
    throw new WatchlistFormatError(path, row.line, column, `expected an entity number, found "${raw}"`);
  return n;
}
