import { describe, expect, it } from 'vitest';
import { ofacDate, ofacDates, parsePhrase, parseRemarks } from './remarks.js';

describe('OFAC remarks', () => {
  it.each([
    ['10 Dec 1948', '1948-12-10'],
    ['5 May 1970', '1970-05-05'],
    ['Dec 1960', '1960-12'],
    ['1962', '1962'],
    ['circa 1951', '1951'],
    ['32 Foo 1999', undefined],
  ])('reads the date %s', (text, expected) => {
    expect(ofacDate(text)).toBe(expected);
  });

  it('expands a short range of birth years and keeps the ends of a long one', () => {
    expect(ofacDates('1955 to 1958')).toEqual(['1955', '1956', '1957', '1958']);
    expect(ofacDates('01 Jan 1960 to 31 Dec 1962')).toEqual(['1960-01-01', '1962-12-31']);
  });

  it.each([
    ['DOB 10 Dec 1948', { kind: 'prop', prop: 'birthDate', value: '1948-12-10' }],
    ['alt. DOB 1936', { kind: 'prop', prop: 'birthDate', value: '1936' }],
    ['nationality Mexico', { kind: 'prop', prop: 'nationality', value: 'mx', fallback: 'country' }],
    ['nationality Korea, North', { kind: 'prop', prop: 'nationality', value: 'kp', fallback: 'country' }],
    ['citizen Russia', { kind: 'prop', prop: 'citizenship', value: 'ru', fallback: 'country' }],
    ['Gender Female', { kind: 'prop', prop: 'gender', value: 'female' }],
    [
      'Passport G025057 issued 23 Jun 1999 expires 05 Feb 2004',
      { kind: 'prop', prop: 'passportNumber', value: 'G025057', fallback: 'idNumber' },
    ],
    ['Passport D366 871 (Jordan)', { kind: 'prop', prop: 'passportNumber', value: 'D366 871', fallback: 'idNumber' }],
    ['National ID No. 216040 (Yemen)', { kind: 'prop', prop: 'idNumber', value: '216040', fallback: 'idNumber' }],
    ['Cedula No. 6068015 (Colombia)', { kind: 'prop', prop: 'idNumber', value: '6068015', fallback: 'idNumber' }],
    ['RFC GUCJ570101AB1 (Mexico)', { kind: 'prop', prop: 'taxNumber', value: 'GUCJ570101AB1', fallback: 'idNumber' }],
    [
      'C.U.R.P. GULJ570404HSLZRR01 (Mexico)',
      { kind: 'prop', prop: 'idNumber', value: 'GULJ570404HSLZRR01', fallback: 'idNumber' },
    ],
    ['Tax ID No. 7744001497 (Russia)', { kind: 'prop', prop: 'taxNumber', value: '7744001497', fallback: 'idNumber' }],
    [
      'Registration Number 1027700167110 (Russia)',
      { kind: 'prop', prop: 'registrationNumber', value: '1027700167110', fallback: 'idNumber' },
    ],
    [
      'Unified Social Credit Code (USCC) 9113100033607322XK (China)',
      { kind: 'prop', prop: 'uscCode', value: '9113100033607322XK', fallback: 'registrationNumber' },
    ],
    [
      'Vessel Registration Identification IMO 7406784',
      { kind: 'prop', prop: 'imoNumber', value: 'IMO7406784', fallback: 'idNumber' },
    ],
    [
      'Legal Entity Number 253400WSS48YWMBUA688 (Russia)',
      { kind: 'prop', prop: 'leiCode', value: '253400WSS48YWMBUA688', fallback: 'idNumber' },
    ],
    [
      'Digital Currency Address - XBT 1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo',
      { kind: 'wallet', currency: 'XBT', address: '1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo' },
    ],
    ['Linked To: LOS CUINIS.', { kind: 'linked', name: 'LOS CUINIS' }],
    ["a.k.a. 'BNC'.", { kind: 'prop', prop: 'weakAlias', value: 'BNC' }],
    ['Email Address info@example.mx', { kind: 'prop', prop: 'email', value: 'info@example.mx' }],
    [
      'Secondary sanctions risk: section 1(b) of Executive Order 13224',
      { kind: 'note', text: 'Secondary sanctions risk: section 1(b) of Executive Order 13224' },
    ],
  ])('parses "%s"', (phrase, fact) => {
    expect(parsePhrase(phrase)).toEqual([fact]);
  });

  it('splits a remark into phrases, and a POB yields the place and its country', () => {
    const facts = parseRemarks("DOB 1962; POB Culiacan, Sinaloa, Mexico; a.k.a. 'EL JEFE; EL MAYO'; Linked To: X S.A.");
    expect(facts).toEqual([
      { kind: 'prop', prop: 'birthDate', value: '1962' },
      { kind: 'prop', prop: 'birthPlace', value: 'Culiacan, Sinaloa, Mexico' },
      { kind: 'prop', prop: 'birthCountry', value: 'mx' },
      { kind: 'prop', prop: 'weakAlias', value: 'EL JEFE; EL MAYO' },
      { kind: 'linked', name: 'X S.A' },
    ]);
  });
  it('takes the country that closes an Address phrase, before its postal code, and nothing when none is named', () => {
    expect(parsePhrase('Address 3453 Calle Hidalgo, Guatemala City, Guatemala 01021')).toEqual([
      { kind: 'prop', prop: 'address', value: '3453 Calle Hidalgo, Guatemala City, Guatemala 01021' },
      { kind: 'prop', prop: 'country', value: 'gt' },
    ]);
    expect(parsePhrase('Address 7930 Harbor Boulevard, Kwun Tong, Hong Kong 59')).toContainEqual({
      kind: 'prop',
      prop: 'country',
      value: 'hk',
    });
    expect(parsePhrase('Address Room 2264, Building A, Shijiazhuang, Hebei 050024')).toEqual([
      { kind: 'prop', prop: 'address', value: 'Room 2264, Building A, Shijiazhuang, Hebei 050024' },
    ]);
  });
});
