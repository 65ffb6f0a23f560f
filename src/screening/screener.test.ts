import { describe, expect, test } from 'vitest';
import { loadMatchingPolicy, parseMatchingPolicy, MatchingPolicyError } from './policy.js';
import { Matcher } from './matcher.js';
import { ScreenerBuilder } from './screener.js';
import type { MatchSubject } from './subject.js';

const policy = loadMatchingPolicy();
const matcher = new Matcher(policy);
const subject = (id: string, schema: string, names: string[]): MatchSubject => ({
  id,
  schema,
  names,
  countries: [],
  nationalities: [],
  birthDates: [],
  identifiers: [],
});

/** Deterministic filler names: many lists are mostly people and companies nobody queries. */
function filler(count: number): MatchSubject[] {
  const a = [
    'Bao',
    'Chang',
    'Delta',
    'Feng',
    'Hong',
    'Jin',
    'Kang',
    'Long',
    'Mei',
    'Ning',
    'Rui',
    'Sheng',
    'Tai',
    'Wei',
    'Xin',
    'Yuan',
  ];
  const b = [
    'Ivanov',
    'Garcia',
    'Haddad',
    'Okafor',
    'Sharma',
    'Nguyen',
    'Schmidt',
    'Popescu',
    'Kowalski',
    'Tanaka',
    'Silva',
    'Moreau',
  ];
  const out: MatchSubject[] = [];
  for (let i = 0; i < count; i++) {
    const x = a[i % a.length] ?? '';
    const y = b[Math.floor(i / a.length) % b.length] ?? '';
    out.push(
      i % 2 === 0
        ? subject(`f${i}`, 'Person', [`${x} ${y} ${i}`.replace(/ \d+$/, '') + ` ${String.fromCharCode(97 + (i % 26))}${i % 97}`])
        : subject(`f${i}`, 'Company', [`${x}${y.toLowerCase()} Trading ${i} Co Ltd`]),
    );
  }
  return out;
}

describe('candidate index and screener', () => {
  const builder = new ScreenerBuilder(matcher);
  for (const s of filler(20_000)) builder.addSubject(s, 'filler');
  builder.addSubject(subject('t1', 'Company', ['Zhejiang Yongxu Chemical Co., Ltd.', 'Yongxu Chem']), 'targets');
  builder.addSubject(subject('t2', 'Person', ['KUZMENKO, Vitaly Yurievich']), 'targets');
  builder.addSubject(subject('t3', 'Person', ['Joaquín Guzmán Loera']), 'targets');
  builder.addSubject(subject('t4', 'Vessel', ['Ocean Star 1']), 'targets');
  builder.addSubject(subject('t5', 'Company', ['Abdulrahman Sinopa Trading']), 'targets');
  const screener = builder.build();

  test.each([
    ['Company', '浙江永旭化工有限公司', 't1'],
    ['Company', 'Yongxu Chemicals', 't1'],
    ['Person', 'Vitaly Kuzmneko', 't2'],
    ['Person', 'Joaquin Guzman', 't3'],
    ['Vessel', 'OCEAN STAR 1', 't4'],
    ['Company', 'Abdul Rahman Siopa Trading', 't5'],
  ])('%s "%s" finds %s among 20,000 names', (schema, name, id) => {
    const hits = screener.screen(subject('q', schema, [name]));
    expect(hits[0]?.entityId).toBe(id);
    expect(hits[0]?.dataset).toBe('targets');
  });

  test('different parties are not reported', () => {
    expect(screener.screen(subject('q', 'Company', ['Zhejiang Yongxu Pharmaceutical Co Ltd']))).toEqual([]);
    expect(screener.screen(subject('q', 'Vessel', ['Ocean Star 2']))).toEqual([]);
    expect(screener.screen(subject('q', 'Company', ['Kuzmenko Vitaly']))).toEqual([]);
  });

  test('blocking keeps a query to a small candidate set', () => {
    const prepared = matcher.prepareSubject(subject('q', 'Person', ['Vitaly Kuzmneko']));
    const candidates = screener.index.candidates(prepared.names);
    expect(candidates.length).toBeLessThanOrEqual(policy.data.index.maxCandidates);
    expect(candidates.length).toBeGreaterThan(0);
    const stats = screener.index.stats();
    expect(stats.entities).toBe(20_005);
    expect(stats.names).toBe(20_006);
  });
});

describe('matching policy', () => {
  test('the bundled policy is valid and stamped', () => {
    expect(policy.stamp).toMatch(/^name-matching@1\.\d+\.\d+#[0-9a-f]{12}$/);
  });

  test('a bad policy is rejected naming the field', () => {
    const bad = { ...policy.data, threshold: 1.5, compatibleLegalForms: [['company', 'no-such-form']] };
    expect(() => parseMatchingPolicy(bad, 'bad.json')).toThrow(MatchingPolicyError);
    try {
      parseMatchingPolicy(bad, 'bad.json');
    } catch (err) {
      expect((err as Error).message).toContain('threshold');
    }
    expect(() => parseMatchingPolicy({ ...policy.data, compatibleLegalForms: [['company', 'no-such-form']] })).toThrow(
      /no-such-form/,
    );
  });
});
