import { describe, expect, it } from 'vitest';
import { loadMatchingPolicy, Matcher, type MatchSubject } from '../screening/index.js';
import { corroboration } from './corroboration.js';

const matcher = new Matcher(loadMatchingPolicy());

const subject = (schema: string, name: string, more: Partial<MatchSubject> = {}): MatchSubject => ({
  id: name,
  schema,
  names: [name],
  countries: [],
  nationalities: [],
  birthDates: [],
  identifiers: [],
  ...more,
});

/** A trade party (name and country only) against a listed entity, through the real matcher. */
function party(name: string, country: string | null, listed: MatchSubject) {
  const query = subject('LegalEntity', name, { countries: country === null ? [] : [country] });
  return matcher.match(matcher.prepareSubject(query), matcher.prepareSubject(listed));
}

describe('corroboration of a watchlist hit', () => {
  const northstar = subject('Company', 'NORTHSTAR FOODS S.A.', { countries: ['GT'] });
  const huayu = subject('Company', 'NANJING HUAYU CHEMICAL CO., LTD.');
  const garcia = subject('Person', 'GARCIA, Robert', { nationalities: ['US'], birthDates: ['1965-01-19'] });

  it('a look-alike company abroad with another legal-form type falls below the threshold', () => {
    for (const [name, country] of [
      ['Northstar Foods Ltd.', 'VN'],
      ['Northstar Foods Corp.', 'US'],
    ] as const) {
      const r = party(name, country, northstar);
      expect(r.match, name).toBe(false);
      expect(r.name.legalForm.outcome).toBe('differs');
    }
  });

  it('a true variant of the listed company stays a match: missing or same-type legal form, typo', () => {
    expect(party('Northstar Foods', 'GT', northstar).match).toBe(true);
    expect(party('Northstar Foods Sociedad Anonima', 'GT', northstar).match).toBe(true);
    expect(party('Northstar Fods S.A.', 'GT', northstar).match).toBe(true);
  });

  it('feeds the trade rules a company spelled as listed with an agreeing legal form, not a one-letter look-alike', () => {
    expect(corroboration(party('Nanjing Huayu Chemical Co., Ltd.', 'CN', huayu)).corroborated).toBe(true);
    const kaiyuan = subject('Company', 'NANJING KAIYUAN ELECTRONICS CO., LTD.');
    const typo = party('Nanjing Kaiyuan Electronic Co., Ltd.', 'CN', kaiyuan);
    expect(typo.match).toBe(true);
    expect(corroboration(typo)).toMatchObject({ corroborated: false, nameOnlyPerson: false });
  });

  it('a person matched on the name and an address country alone is name-only; a date of birth corroborates', () => {
    const nameOnly = party('Robert Garcia', 'US', garcia);
    expect(nameOnly.match).toBe(true);
    expect(corroboration(nameOnly)).toMatchObject({ corroborated: false, nameOnlyPerson: true });
    const query = subject('Person', 'Robert Garcia', { birthDates: ['1965-01-19'] });
    const withDob = matcher.match(matcher.prepareSubject(query), matcher.prepareSubject(garcia));
    expect(corroboration(withDob)).toMatchObject({ corroborated: true, why: 'birth-date agrees' });
  });
});
