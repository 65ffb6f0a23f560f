import { parse } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { CsvScanner, type TextEncoding } from './csv-scanner.js';
import { seededRandom } from '../resolve/random.js';

interface Outcome {
  readonly records: { line: number; fields: string[] }[];
  readonly error?: { line: number; message: string };
}

/** What csv-parse (the reference) makes of the bytes, with the options the readers used. */
async function reference(bytes: Buffer): Promise<Outcome> {
  const records: { line: number; fields: string[] }[] = [];
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  parser.end(bytes);
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
      records.push({ line: item.info.lines, fields: item.record });
  } catch (err) {
    const e = err as { lines: number; message: string };
    return { records, error: { line: e.lines, message: `malformed CSV: ${e.message}` } };
  }
  return { records };
}

/** What the scanner makes of the same bytes, fed in chunks of the given sizes. */
function scanned(bytes: Buffer, chunkSizes: readonly number[], encoding: TextEncoding = 'utf8'): Outcome {
  const records: { line: number; fields: string[] }[] = [];
  const scanner = new CsvScanner('f.csv', encoding, (r) => records.push({ line: r.line, fields: r.fields() }));
  try {
    let pos = 0;
    let k = 0;
    while (pos < bytes.length) {
      const size = Math.max(1, chunkSizes[k++ % chunkSizes.length] ?? 1);
      scanner.push(bytes.subarray(pos, pos + size));
      pos += size;
    }
    scanner.end();
  } catch (err) {
    const e = err as { line: number; message: string };
    return { records, error: { line: e.line, message: e.message.replace(/^f\.csv:\d+: /, '') } };
  }
  return { records };
}

describe('CsvScanner', () => {
  it('reads quoted fields, escaped quotes, embedded line breaks and UTF-8', () => {
    const csv = Buffer.from('\uFEFFa,b,c\n1,"x, ""y""\nz",é\n\n2,,"" \n', 'utf8');
    // The last line has a space after the closing quote: csv-parse refuses it, so do we.
    const out = scanned(csv, [1_000]);
    expect(out.records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 3, fields: ['1', 'x, "y"\nz', 'é'] },
    ]);
    expect(out.error?.message).toContain('Invalid Closing Quote: got " " at line 5');
  });

  it('matches csv-parse on valid files whatever the chunking', async () => {
    const csv = Buffer.from('id,name\r\n1,"A\r\nB"\r\n\r\n2,C\r\n3,"D,""E"""', 'utf8');
    const expected = await reference(csv);
    for (const sizes of [[1], [2], [3, 1], [7], [1_000]]) expect(scanned(csv, sizes)).toEqual(expected);
  });

  it('reads a record far larger than a chunk, and reports a quote left open at the end', () => {
    const field = 'x,"y"\n'.repeat(700_000);
    const csv = Buffer.from(`a,b\n1,"${field.replaceAll('"', '""')}"\n2,z\n`, 'utf8');
    const out = scanned(csv, [65_536]);
    expect(out.error).toBeUndefined();
    expect(out.records.map((r) => [r.line, r.fields[0], r.fields[1]?.length])).toEqual([
      [1, 'a', 1],
      [700_002, '1', field.length],
      [700_003, '2', 1],
    ]);
    expect(scanned(Buffer.from(`a\n"${'x,y\n'.repeat(700_000)}`), [65_536]).error?.message).toContain('Quote Not Closed');
  });

  it('keeps a BOM as text when the file is read as latin1', () => {
    const csv = Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x2c, 0xe9, 0x0a]);
    expect(scanned(csv, [100], 'latin1').records).toEqual([{ line: 1, fields: ['ï»¿a', 'é'] }]);
  });

  it('flags fields that cannot be stored, by index', () => {
    const found: ({ index: number; reason: string } | undefined)[] = [];
    const scanner = new CsvScanner('f.csv', 'utf8', (r) => found.push(r.badField()));
    scanner.push(Buffer.concat([Buffer.from('a,b\nok,fine\nx,'), Buffer.from([0xff]), Buffer.from('\ny\0,z\n')]));
    scanner.end();
    expect(found[0]).toBeUndefined();
    expect(found[1]).toBeUndefined();
    expect(found[2]?.index).toBe(1);
    expect(found[2]?.reason).toContain('invalid byte sequence');
    expect(found[3]).toEqual({ index: 0, reason: 'contains a NUL character' });
  });

  it('agrees with csv-parse on thousands of random inputs, errors and line numbers included', async () => {
    const next = seededRandom(7);
    const alphabet = ['a', 'b', ',', ',', '"', '"', '\n', '\n', '\r', '\r\n', ' ', 'é', '\u0000', 'xyz'];
    let errors = 0;
    for (let round = 0; round < 3_000; round++) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      const bytes = Buffer.from(text, 'utf8');
      const expected = await reference(bytes);
      if (expected.error !== undefined) errors++;
      const sizes = [1 + Math.floor(next() * 8), 1 + Math.floor(next() * 8)];
      for (const got of [scanned(bytes, sizes), scanned(bytes, [1 << 20])]) {
        // On a malformed file the error is what counts: csv-parse's stream drops the records parsed just before it.
        if (expected.error !== undefined) expect({ text, error: got.error }).toEqual({ text, error: expected.error });
        else expect({ text, ...got }).toEqual({ text, ...expected });
      }
    }
    // The generator must exercise both outcomes for the comparison to mean something.
    expect(errors).toBeGreaterThan(100);
    expect(errors).toBeLessThan(2_900);
  });
});
