import { describe, expect, it } from 'vitest';
import { FieldMappingError, recogniseColumns } from './fields.js';
import { loadResolutionPolicy } from './policy.js';
import { parseDate, parseEmail, parsePhone } from './values.js';

const policy = loadResolutionPolicy().data;

describe('field recognition', () => {
  it.each([
    [['ID', 'Full Name', 'Date of Birth', 'E-mail', 'Telephone', 'Country Code', 'Street Address', 'Tax ID'], 'plain synonyms'],
    [
      ['record_id', 'full_name', 'date_of_birth', 'email_address', 'phone_number', 'country', 'address', 'tax-id'],
      'underscores and dashes',
    ],
    [
      ['  Record ID ', 'FULL   NAME', 'DOB', 'Email', 'Mobile', 'Jurisdiction', 'Addr', 'registration no.'],
      'case, spaces and dots',
    ],
  ])('recognises %j (%s)', (header) => {
    const c = recogniseColumns(header, policy);
    expect(c.id).toEqual([0]);
    expect(c.name).toEqual([1]);
    expect(c.date).toEqual([2]);
    expect(c.email).toEqual([3]);
    expect(c.phone).toEqual([4]);
    expect(c.country).toEqual([5]);
    expect(c.address).toEqual([6]);
    expect(c.identifier).toEqual([7]);
  });

  it('lets several columns feed one field (two identifier columns)', () => {
    const c = recogniseColumns(['id', 'name', 'tax_id', 'lei'], policy);
    expect(c.identifier).toEqual([2, 3]);
  });

  it('--map names columns the synonyms do not know, and overrides them', () => {
    const c = recogniseColumns(['VendorNo', 'Vendor Name', 'name', 'Born'], policy, { id: 'VendorNo', name: 'Vendor Name' });
    expect(c.id).toEqual([0]);
    // The mapped field takes only the mapped column, not the "name" column too.
    expect(c.name).toEqual([1]);
    expect(c.date).toEqual([3]);
  });

  it('refuses a header without an id column, naming what it looked for', () => {
    expect(() => recogniseColumns(['name', 'dob'], policy)).toThrow(FieldMappingError);
    expect(() => recogniseColumns(['name', 'dob'], policy)).toThrow(/no id column.*--map id=COLUMN/);
  });

  it('refuses --map to an unknown field', () => {
    expect(() => recogniseColumns(['id', 'name'], policy, { colour: 'name' })).toThrow(/unknown field "colour"/);
    // A mapped column a file lacks leaves that file to the synonyms (another file may have it).
    expect(recogniseColumns(['id', 'name'], policy, { name: 'Nom' }).name).toEqual([1]);
  });

  it('refuses a header with nothing to compare', () => {
    expect(() => recogniseColumns(['id', 'notes'], policy)).toThrow(/no field to compare/);
  });
});

describe('field values', () => {
  it('reads ISO dates at their precision and refuses ambiguous ones', () => {
    expect(parseDate('1971-03-04')).toEqual({ ok: true, value: 19710304 });
    expect(parseDate('1971')).toEqual({ ok: true, value: 19710000 });
    expect(parseDate('19710304')).toEqual({ ok: true, value: 19710304 });
    expect(parseDate('03/04/1971').ok).toBe(false);
    expect(parseDate('1971-13-01').ok).toBe(false);
  });

  it('keeps phone digits and checks e-mail addresses', () => {
    expect(parsePhone('+86 (138) 0000-1111')).toEqual({ ok: true, value: '8613800001111' });
    expect(parsePhone('12-34').ok).toBe(false);
    expect(parseEmail(' Wei@Example.CN ')).toEqual({ ok: true, value: 'wei@example.cn' });
    expect(parseEmail('wei.example.cn').ok).toBe(false);
  });
});
