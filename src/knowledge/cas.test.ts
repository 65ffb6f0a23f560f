import { describe, expect, test } from 'vitest';
import { casCheckDigit, casCheckDigitError, findCasMentions } from './cas.js';

describe('CAS check digit', () => {
  test.each([
    ['79099-07-3', null],
    ['39742-60-4', null],
    ['21409-26-7', null],
    ['125541-22-2', null],
    ['62-53-3', null],
    ['7732-18-5', null], // water
    ['79099-07-4', 'CAS check digit of "79099-07-4" should be 3'],
    ['39742-60-5', 'CAS check digit of "39742-60-5" should be 4'],
    ['079099-07-3', 'CAS number has a leading zero: "079099-07-3"'],
    ['79099073', 'not shaped like a CAS number (NNNNNNN-NN-N): "79099073"'],
    ['1-23-4', 'not shaped like a CAS number (NNNNNNN-NN-N): "1-23-4"'],
  ])('%s', (cas, error) => {
    expect(casCheckDigitError(cas)).toBe(error);
  });

  test('weights run 1, 2, 3... from the right', () => {
    // 7732-18-5: 8*1 + 1*2 + 2*3 + 3*4 + 7*5 + 7*6 = 105 → 5
    expect(casCheckDigit('773218')).toBe(5);
  });
});

describe('findCasMentions', () => {
  test('finds valid, invalid and partial numbers with their spans and labels', () => {
    const text = 'CAS No. 79099-07-3; also 39742-60-5 and CAS#79099 powder, ref 12345-67-8';
    const found = findCasMentions(text);
    expect(found).toContainEqual({ kind: 'valid', cas: '79099-07-3', span: { start: 8, end: 18 }, labelled: true });
    expect(found).toContainEqual({
      kind: 'invalid',
      cas: '39742-60-5',
      span: { start: 25, end: 35 },
      labelled: false,
      expectedCheckDigit: 4,
    });
    expect(found).toContainEqual({ kind: 'partial', registryPart: '79099', span: { start: 44, end: 49 } });
    for (const m of found) if (m.kind !== 'partial') expect(text.slice(m.span.start, m.span.end)).toBe(m.cas);
  });

  test.each([
    ['unicode dashes', 'CAS 79099\u201307\u20133', '79099-07-3'],
    ['no space after label', 'cas:123-62-6', '123-62-6'],
    ['inside parentheses', 'propionyl chloride (79-03-8)', '79-03-8'],
  ])('%s', (_, text, cas) => {
    expect(
      findCasMentions(text)
        .filter((m) => m.kind === 'valid')
        .map((m) => (m.kind === 'valid' ? m.cas : '')),
    ).toEqual([cas]);
  });

  test.each([
    ['an ISO date', 'shipped 2024-09-01'],
    ['a longer dashed number', 'part 12-34-5-6'],
    ['a number glued to letters', 'SKU A79099-07-3'],
    ['a full CAS is not also a partial one', 'CAS 79099-07-3'],
  ])('ignores %s', (_, text) => {
    expect(findCasMentions(text).filter((m) => m.kind !== 'valid')).toEqual([]);
  });
});
