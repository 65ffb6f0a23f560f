import { describe, expect, test } from 'vitest';
import { loadMatchingPolicy } from './policy.js';
import { Matcher } from './matcher.js';
import { explainMatch } from './explain.js';

const matcher = new Matcher(loadMatchingPolicy());
const score = (schema: string, a: string, b: string): number => matcher.scoreNames(schema, a, b).score;

describe('name matching: pairs that are the same party', () => {
  test.each([
    ['Company', 'Zhejiang Yongxu Chemical Co., Ltd.', 'ZHEJIANG YONGXU CHEMICAL CO LTD', 'case and punctuation'],
    [
      'Company',
      'Zhejiang Yongxu Chemical Co., Ltd.',
      '浙江永旭化工有限公司',
      'Han by pinyin, 化工 = chemical, 有限公司 = Co., Ltd.',
    ],
    ['Company', 'Yongxu Chemical', 'Zhejiang Yongxu Chemical Co Ltd', 'a dropped province and legal form'],
    ['Company', 'Grupo Industrial Norte S.A. de C.V.', 'GRUPO INDUSTRIAL NORTE SA DE CV', 'S.A. de C.V. however spelled'],
    ['Company', 'Ｈｕａｘｉｎ Trading', 'Huaxin Trading', 'full-width letters (NFKC)'],
    ['Organization', 'Общество с ограниченной ответственностью Интер Табак', 'Inter Tabak LLC', 'Cyrillic legal form = LLC'],
    ['Person', 'Vitaly Kuzmenko', 'Vitaly Yurievich KUZMENKO', 'a missing patronymic'],
    ['Person', 'Joaquin Guzman', 'Joaquín Guzmán Loera', 'the second (maternal) surname dropped'],
    ['Person', 'Joaquin Archivaldo Guzman', 'Joaquín Archivaldo Guzmán Loera', 'second surname dropped after a middle name'],
    ['Person', 'Wei Zhang', '张伟', 'family name first in Han, reordered in Latin'],
    ['Person', 'Wang Xiaoming', '王小明', 'pinyin syllables joined into a given name'],
    ['Person', 'Mohammed Abdulrahman', 'Muhammad Abdul Rahman', 'spelling variants and a split name'],
    ['Person', 'Kuzmneko Vitaly', 'Vitaly Kuzmenko', 'a typo and reordering'],
    ['Person', 'GUZMAN LOERA, Joaquin', 'Joaquin Guzman Loera', 'list order "LAST, First"'],
    ['Person', 'Mustapha Khad', 'Mustapha Chad', 'transliteration kh/ch'],
    ['Person', 'Yusuf Talik', 'Yousuf Talic', 'transliteration ou/u and c/k'],
    ['Vessel', 'Ocean Star 1', 'OCEAN STAR 1', 'a numbered vessel'],
    ['Person', 'Vladimir Putin', 'Владимир Путин', 'Cyrillic by any-ascii'],
    ['Company', 'Olympiakos Shipping', 'Ολυμπιακός Shipping', 'Greek by any-ascii'],
    ['Company', 'Berliner Chemie GmbH', 'BERLINER CHEMIE G.m.b.H.', 'GmbH however punctuated'],
    ['Company', 'Atlas Trading LLC', 'Atlas Trading L.L.C.', 'LLC however punctuated'],
    ['Company', 'Shahid Karimi Industries', 'SHAHID KARIMI INDUTRIES', 'a typo in a business word'],
    ['Company', 'Hara Company', 'HARA COMPNAY', 'a typo in a legal form'],
    ['Person', 'Calderon de Trujillo, Nubia', 'Nubia Calderon', 'a second surname with its particle dropped'],
    ['Person', 'Haji Azizullah Alizai', 'Hadji Azizullah Alizai', 'a title in another spelling'],
    ['Person', 'Muhammad Yunis Ahmad', 'Mohammed Yunis Ahmad', 'a synonym spelling of a given name'],
  ])('%s: "%s" ~ "%s" (%s)', (schema, a, b) => {
    expect(score(schema, a, b)).toBeGreaterThanOrEqual(matcher.threshold);
  });
});

describe('name matching: pairs that are different parties', () => {
  test.each([
    ['Company', 'Zhejiang Yongxu Chemical Co., Ltd.', 'Zhejiang Yongxu Pharmaceutical Co., Ltd.', 'the business word differs'],
    ['Company', 'Shanghai Huaxin Chemical', 'Shanghai Yongxu Chemical', 'only generic words shared'],
    ['Vessel', 'Ocean Star 1', 'Ocean Star 2', 'the number differs'],
    ['Person', 'Zheng Lei', 'Zhang Lei', 'one letter in a short Chinese surname'],
    ['Person', 'Zhou Wei', 'Zhao Wei', 'one letter in a four-letter surname'],
    ['Person', 'Ahmad', 'Ahmad Khalil Ali', 'a lone given name'],
    ['Person', 'Sung-min Kang', 'Kang Min', 'the query has a given name the list lacks'],
    ['Person', 'Fang Li', 'Li Fangwei', 'a prefix is not a match'],
    ['Person', 'Jorge Sanchez', 'COSTILLA SANCHEZ, Jorge', 'the first (paternal) surname is missing'],
    ['Person', 'Sergei Morozov', 'Sergei Mironov', 'two letters apart in a seven-letter surname'],
    ['Company', 'CK International', 'KK International', 'two-letter words are not read by their skeleton'],
  ])('%s: "%s" vs "%s" (%s)', (schema, a, b) => {
    expect(score(schema, a, b)).toBeLessThan(matcher.threshold);
  });
});

describe('name matching: ranking and explanation', () => {
  test('an exact spelling ranks above a typo, a typo above a different name', () => {
    const exact = score('Person', 'Vitaly Kuzmenko', 'Vitaly Kuzmenko');
    const typo = score('Person', 'Vitaly Kuzmneko', 'Vitaly Kuzmenko');
    const other = score('Person', 'Vitaly Kuznetsov', 'Vitaly Kuzmenko');
    expect(exact).toBeGreaterThan(typo);
    expect(typo).toBeGreaterThan(other);
  });

  test('generic words weigh less than distinctive ones', () => {
    const missingGeneric = score('Company', 'Yongxu Co Ltd', 'Yongxu Chemical Co Ltd');
    const missingDistinctive = score('Company', 'Chemical Co Ltd', 'Yongxu Chemical Co Ltd');
    expect(missingGeneric).toBeGreaterThan(missingDistinctive);
  });

  test('legal forms are compared as types: agreeing beats compatible beats conflicting', () => {
    const agree = score('Company', 'Huaxin Trading Co., Ltd.', 'Huaxin Trading Limited');
    const compatible = score('Company', 'Huaxin Trading Co.', 'Huaxin Trading Limited');
    const differs = score('Company', 'Huaxin Trading GmbH', 'Huaxin Trading S.A. de C.V.');
    expect(agree).toBeGreaterThanOrEqual(compatible);
    expect(compatible).toBeGreaterThan(differs);
    expect(matcher.scoreNames('Company', 'Huaxin Trading Co.', 'Huaxin Trading Limited').name.legalForm.outcome).toBe(
      'compatible',
    );
    const r = matcher.scoreNames('Company', 'Huaxin Trading Co., Ltd.', '华信贸易有限公司');
    expect(r.name.legalForm).toEqual({ query: 'limited-liability', candidate: 'limited-liability', outcome: 'agrees' });
    expect(
      matcher.scoreNames('Company', 'Huaxin Trading GmbH', 'Huaxin Trading S.A. de C.V.').name.conflicts.map((c) => c.kind),
    ).toContain('legal-form');
  });

  test('every score is in [0, 1] and explains which parts matched how', () => {
    const r = matcher.scoreNames('Vessel', 'Ocean Star 1', 'Ocean Star 2');
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(1);
    expect(r.name.matches.map((m) => [m.query, m.how])).toEqual([
      ['ocean', 'exact'],
      ['star', 'exact'],
    ]);
    expect(r.name.conflicts).toEqual([expect.objectContaining({ kind: 'number', query: '1', candidate: '2' })]);
    expect(r.policy).toMatch(/^name-matching@\d+\.\d+\.\d+#[0-9a-f]{12}$/);
    expect(explainMatch(r)).toContain('conflict number: 1≠2');
    const joined = matcher.scoreNames('Person', 'Wang Xiaoming', '王小明');
    expect(joined.name.matches).toContainEqual(
      expect.objectContaining({ query: 'xiaoming', candidate: 'xiao ming', how: 'joined' }),
    );
    const middle = matcher.scoreNames('Person', 'Vitaly Kuzmenko', 'Vitaly Yurievich Kuzmenko');
    expect(middle.name.missing).toEqual([
      expect.objectContaining({ side: 'candidate', token: 'yurievich', reason: 'middle-name' }),
    ]);
  });

  test('a list\'s "SURNAME, Given" order is read as such: a dropped middle name costs less than a dropped surname', () => {
    const middle = matcher.scoreNames('Person', 'Joaquin Guzman Loera', 'GUZMAN LOERA, Joaquin Archivaldo');
    expect(middle.name.missing).toEqual([expect.objectContaining({ token: 'archivaldo', reason: 'middle-name' })]);
    const maternal = matcher.scoreNames('Person', 'Joaquin Guzman', 'GUZMAN LOERA, Joaquin');
    expect(maternal.name.missing).toEqual([expect.objectContaining({ token: 'loera', reason: 'second-surname' })]);
    const paternal = matcher.scoreNames('Person', 'Joaquin Loera', 'GUZMAN LOERA, Joaquin');
    expect(paternal.name.missing).toEqual([expect.objectContaining({ token: 'guzman', reason: 'missing' })]);
    expect(paternal.score).toBeLessThan(maternal.score);
  });

  test('sound-alike words match by their phonetic key, typos by edit distance, spelling variants by skeleton', () => {
    const how = (a: string, b: string): string[] => matcher.scoreNames('Person', a, b).name.matches.map((m) => m.how);
    expect(how('Schneider', 'Shnayder')).toEqual(['phonetic']);
    expect(how('Goldstein', 'Goldshtein')).toEqual(['edit']);
    expect(how('Kazakhstan', 'Kasachstan')).toEqual(['spelling']);
    expect(matcher.scoreNames('Person', 'Schneider', 'Shnayder').score).toBeLessThan(1);
    // Only business words are read through their misspellings: one letter separates given names.
    expect(matcher.prepare('Muhannad Ali', 'person').tokens).toEqual(['muhannad', 'ali']);
    expect(matcher.prepare('Atlas Indutries', 'organization').tokens).toEqual(['atlas', 'industrial']);
  });

  test('a person is never a company', () => {
    const personCompany = matcher.match(
      matcher.prepareSubject({
        id: 'a',
        schema: 'Person',
        names: ['Huaxin'],
        countries: [],
        nationalities: [],
        birthDates: [],
        identifiers: [],
      }),
      matcher.prepareSubject({
        id: 'b',
        schema: 'Company',
        names: ['Huaxin'],
        countries: [],
        nationalities: [],
        birthDates: [],
        identifiers: [],
      }),
    );
    expect(personCompany.schema.compatible).toBe(false);
    expect(personCompany.match).toBe(false);
  });
});
