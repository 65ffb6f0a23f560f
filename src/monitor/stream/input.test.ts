import { describe, expect, it } from 'vitest';
import { parseTransactionLine, parseWithSchema } from './input.js';
import { seededRandom } from '../../resolve/random.js';

const VALID = {
  id: 'T1',
  timestamp: 1_725_300_000_000,
  debtorAccount: 'A1',
  debtorName: 'Ana Cruz',
  debtorCountry: 'US',
  creditorAccount: 'B2',
  creditorCountry: 'MX',
  amount: 9_400,
  currency: 'USD',
  amountUsd: 9_400,
  channel: 'wire',
  purpose: null,
  truthLaundering: 1,
};

/** Values that each field might wrongly (or rightly) hold. */
const ODD: unknown[] = [
  '',
  'X',
  'us',
  'USA',
  'ZZ',
  0,
  1,
  2,
  -1,
  -0,
  1.5,
  1e308,
  null,
  true,
  [],
  {},
  '2024-09-02T10:00:00Z',
  '2024-09-02',
];
const FIELDS = [...Object.keys(VALID), 'sourceId', 'debtorBank', 'creditorBank', 'debtorAccountEntityId', 'truthScheme', 'extra'];

describe('stream input lines', () => {
  it('accepts and rejects exactly what the schema does, with the same transaction, on mutated lines', () => {
    const r = seededRandom(11);
    let accepted = 0;
    for (let k = 0; k < 3_000; k++) {
      const line: Record<string, unknown> = { ...VALID };
      for (let m = Math.floor(r() * 3); m >= 0; m--) {
        const field = FIELDS[Math.floor(r() * FIELDS.length)] as string;
        if (r() < 0.2) delete line[field];
        else line[field] = ODD[Math.floor(r() * ODD.length)];
      }
      const text = JSON.stringify(line);
      const got = parseTransactionLine(text, k + 1);
      expect(got, text).toEqual(parseWithSchema(JSON.parse(text), k + 1));
      if (got.ok) accepted++;
    }
    // Both outcomes were exercised.
    expect(accepted).toBeGreaterThan(300);
    expect(accepted).toBeLessThan(2_700);
  });

  it('names the line and the field of a bad line', () => {
    const bad = parseTransactionLine(JSON.stringify({ ...VALID, amount: 'lots' }), 7);
    expect(bad).toEqual({ ok: false, id: 'T1', error: expect.stringMatching(/^line 7: amount: /) });
    expect(parseTransactionLine('{"id": ', 8)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^line 8: not valid JSON/),
    });
  });
});
