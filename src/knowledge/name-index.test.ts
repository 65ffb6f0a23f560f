import { describe, expect, test } from 'vitest';
import { boundedEditDistance, deletions } from './edit-distance.js';
import { buildNameIndex, correctToken, matchNames } from './name-index.js';
import { nameKey, tokenize } from './tokenize.js';

describe('tokenize', () => {
  test('letters and digits run together, Han characters stand alone, offsets are kept', () => {
    expect(tokenize('4-ANPP,N-苯乙基')).toEqual([
      { key: '4', start: 0, end: 1, han: false },
      { key: 'anpp', start: 2, end: 6, han: false },
      { key: 'n', start: 7, end: 8, han: false },
      { key: '苯', start: 9, end: 10, han: true },
      { key: '乙', start: 10, end: 11, han: true },
      { key: '基', start: 11, end: 12, han: true },
    ]);
  });

  test.each([
    ['Anhídrido Propiónico', 'anhidridopropionico'],
    ['４－ＡＮＰＰ', '4anpp'], // full-width forms
    ['(2-Bromoethyl)benzene', '2bromoethylbenzene'],
  ])('name key of %s', (name, key) => {
    expect(nameKey(name).key).toBe(key);
  });
});

describe('edit distance', () => {
  test.each([
    ['piperidone', 'piperidone', 0],
    ['piperidne', 'piperidone', 1],
    ['phenethly', 'phenethyl', 1], // a transposition is one edit
    ['anhydrid', 'anhydride', 1],
    ['kitten', 'sitting', 3],
  ])('%s / %s', (a, b, d) => {
    expect(boundedEditDistance(a, b, 3)).toBe(d);
  });

  test('gives up beyond the bound', () => {
    expect(boundedEditDistance('aniline', 'benzene', 1)).toBe(2);
  });

  test('deletions include the word and every shorter variant', () => {
    expect([...deletions('abc', 1)].sort()).toEqual(['ab', 'abc', 'ac', 'bc']);
  });
});

describe('name index', () => {
  const index = buildNameIndex([
    { targetId: 'x', kind: 'preferred', lang: 'en', name: 'N-phenethyl-4-piperidone', confidence: 1 },
    { targetId: 'y', kind: 'preferred', lang: 'en', name: '4-piperidone', confidence: 1 },
    { targetId: 'z', kind: 'preferred', lang: 'en', name: '4-anilinopiperidine', confidence: 1 },
  ]);
  const accept = (): boolean => true;

  test('longest match wins', () => {
    const m = matchNames(tokenize('n phenethyl 4 piperidone'), index, { typos: false, accept });
    expect(m.map((x) => x.names[0]?.targetId)).toEqual(['x']);
  });

  test('corrections only for long words, and only within the bound', () => {
    expect(correctToken('piperidne', index)).toEqual([{ word: 'piperidone', distance: 1 }]);
    expect(correctToken('piprdn', index)).toEqual([]);
    expect(correctToken('pipxxxdone', index)).toEqual([]);
  });

  test('a typo match carries its distance', () => {
    const m = matchNames(tokenize('4-anilinopiperidin'), index, { typos: true, accept });
    expect(m).toMatchObject([{ distance: 1, names: [{ targetId: 'z' }] }]);
  });
});
