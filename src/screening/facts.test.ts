import { describe, expect, test } from 'vitest';
import { loadMatchingPolicy } from './policy.js';
import { Matcher } from './matcher.js';
import { isValidImo, isValidUscc, parseIdentifier, parseIdentifierList } from './identifiers.js';
import type { MatchSubject } from './subject.js';

const matcher = new Matcher(loadMatchingPolicy());
const subject = (over: Partial<MatchSubject>): MatchSubject => ({
  id: 'x',
  schema: 'Person',
  names: ['Vitaly Kuzmenko'],
  countries: [],
  nationalities: [],
  birthDates: [],
  identifiers: [],
  ...over,
});
const match = (q: Partial<MatchSubject>, c: Partial<MatchSubject>) =>
  matcher.match(matcher.prepareSubject(subject(q)), matcher.prepareSubject(subject(c)));

describe('identifiers', () => {
  test('unified social credit codes and IMO numbers are check-digit validated', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidImo('9074729')).toBe(true);
    expect(isValidImo('9074728')).toBe(false);
    expect(parseIdentifier('IMO 9074729')).toEqual({ value: '9074729', scheme: 'imo' });
    expect(parseIdentifier('9074729')?.scheme).toBe('other');
    expect(parseIdentifier('9074729', 'imo')?.scheme).toBe('imo');
    expect(parseIdentifier('0x52908400098527886E0F7030069857D2E4169EE7')?.scheme).toBe('crypto');
    expect(parseIdentifier('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')?.scheme).toBe('crypto');
    expect(parseIdentifierList('91350100M000100Y43; IMO 9074729')).toHaveLength(2);
  });

  test('a shared identifier raises the score; two different unique identifiers lower it', () => {
    const company = { schema: 'Company', names: ['Huaxin Trading Co Ltd'] };
    const weak = { ...company, names: ['Huaxin Group'] };
    const base = match(company, weak).score;
    const uscc = parseIdentifierList('91350100M000100Y43');
    const shared = match({ ...company, identifiers: uscc }, { ...weak, identifiers: uscc });
    expect(shared.score).toBeGreaterThan(base);
    expect(shared.facts).toContainEqual(expect.objectContaining({ feature: 'identifier', outcome: 'agrees' }));
    const other = match(
      { ...company, identifiers: parseIdentifierList('91350100M000100Y43') },
      { ...company, identifiers: parseIdentifierList('IMO 9074729; 91110000600037341L') },
    );
    const same = match(company, company);
    if (other.facts.some((f) => f.outcome === 'conflicts')) expect(other.score).toBeLessThan(same.score);
    const vessels = match(
      { schema: 'Vessel', names: ['Ocean Star'], identifiers: parseIdentifierList('IMO 9074729') },
      { schema: 'Vessel', names: ['Ocean Star'], identifiers: [{ value: '9187629', scheme: 'imo' }] },
    );
    expect(vessels.facts).toContainEqual(expect.objectContaining({ feature: 'identifier', outcome: 'conflicts' }));
    expect(vessels.match).toBe(false);
  });
});

describe('secondary facts', () => {
  test('date of birth: same date raises, a year apart is neutral, far apart lowers and can clear a match', () => {
    const none = match({}, { names: ['Vitaly Yurievich Kuzmenko'] }).score;
    const same = match({ birthDates: ['1971-01-22'] }, { names: ['Vitaly Yurievich Kuzmenko'], birthDates: ['1971-01-22'] });
    const year = match({ birthDates: ['1971'] }, { names: ['Vitaly Yurievich Kuzmenko'], birthDates: ['1971-01-22'] });
    const near = match({ birthDates: ['1972-03-01'] }, { names: ['Vitaly Yurievich Kuzmenko'], birthDates: ['1971-01-22'] });
    const far = match({ birthDates: ['1990-03-01'] }, { names: ['Vitaly Yurievich Kuzmenko'], birthDates: ['1971-01-22'] });
    expect(same.score).toBeGreaterThan(year.score);
    expect(year.score).toBeGreaterThan(none);
    expect(near.score).toBe(none);
    expect(far.score).toBeLessThan(none);
    expect(far.match).toBe(false);
    expect(far.facts).toEqual([expect.objectContaining({ feature: 'birth-date', outcome: 'conflicts' })]);
  });

  test('country and nationality agree or conflict; names of countries fold like codes', () => {
    const none = match({}, {}).score;
    const agree = match({ countries: ['RU'] }, { countries: ['RU'] });
    const conflict = match({ nationalities: ['CN'] }, { nationalities: ['MX'] });
    expect(agree.facts).toEqual([expect.objectContaining({ feature: 'country', outcome: 'agrees' })]);
    expect(conflict.score).toBeLessThan(none);
    expect(conflict.facts).toEqual([expect.objectContaining({ feature: 'nationality', outcome: 'conflicts' })]);
  });
});
