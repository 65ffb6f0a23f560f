import { describe, expect, it } from 'vitest';
import * as f from './field-parsers.js';
import { FieldError } from './rejection.js';

describe('field parsers', () => {
  it.each([
    ['2026-03-01', '2026-03-01'],
    ['2026-03-01T10:00:00Z', '2026-03-01'],
    ['', null],
  ])('isoDate(%j) = %j', (input, expected) => {
    expect(f.isoDate('d', input)).toBe(expected);
  });

  it.each(['2026-02-30', '01/03/2026', '2026-3-1', 'tomorrow'])('isoDate refuses %j naming the field', (input) => {
    expect(() => f.isoDate('arrival_date', input)).toThrow(FieldError);
    expect(() => f.isoDate('arrival_date', input)).toThrow(/^arrival_date: not an ISO 8601 date/);
  });

  it.each([
    ['2026-03-01T12:30:00Z', Date.UTC(2026, 2, 1, 12, 30)],
    ['2026-03-01T12:30:00', Date.UTC(2026, 2, 1, 12, 30)],
    ['2026-03-01 12:30', Date.UTC(2026, 2, 1, 12, 30)],
    ['2026-03-01T12:30:00.250+02:00', Date.UTC(2026, 2, 1, 10, 30, 0, 250)],
    ['2026-03-01T12:30:00-0500', Date.UTC(2026, 2, 1, 17, 30)],
    ['2026-03-01', Date.UTC(2026, 2, 1)],
  ])('isoTimestamp(%j)', (input, expected) => {
    expect(f.isoTimestamp('ts', input)).toBe(expected);
  });

  it.each(['2026-03-01T25:00:00Z', '2026-13-01T00:00:00Z', '1700000000', ''])('isoTimestamp refuses %j', (input) => {
    expect(() => f.isoTimestamp('timestamp', input)).toThrow(/timestamp/);
  });

  it.each([
    ['12.5', 12.5],
    ['-3', -3],
    ['1e3', 1000],
    [' 7 ', 7],
    ['', null],
  ])('decimal(%j) = %j', (input, expected) => {
    expect(f.decimal('n', input)).toBe(expected);
  });

  it.each(['1,000', 'abc', '12.5.1', 'NaN', 'Infinity'])('decimal refuses %j', (input) => {
    expect(() => f.decimal('amount', input)).toThrow(/amount: not a number/);
  });

  it('applies a minimum', () => {
    expect(() => f.decimal('declared_value_usd', '-1', { min: 0 })).toThrow(/at least 0/);
  });

  it('normalises country codes and refuses unknown ones', () => {
    expect(f.country('c', 'mx')).toBe('MX');
    expect(f.country('c', 'XK')).toBe('XK');
    expect(() => f.country('origin_country', 'XX')).toThrow(/origin_country: unknown country code "XX"/);
    expect(() => f.country('origin_country', 'CHN')).toThrow(/ISO 3166-1 alpha-2/);
    expect(() => f.country('origin_country', 'UK')).toThrow(/unknown country/);
    expect(f.countryList('t', 'de; in;;TR')).toEqual(['DE', 'IN', 'TR']);
    expect(() => f.countryList('transit_countries', 'DE;ZZ')).toThrow(/transit_countries/);
  });

  it('reads HS codes with dots and refuses short or alphabetic ones', () => {
    expect(f.hsCode('h', '2933.39')).toBe('293339');
    expect(f.hsCode('h', '8479.89.9499')).toBe('8479899499');
    expect(() => f.hsCode('hs_code', '2933')).toThrow(/6 to 10 digits/);
    expect(() => f.hsCode('hs_code', '2933AB')).toThrow(/hs_code/);
  });

  it('checks enumerations case-insensitively', () => {
    expect(f.oneOf('mode', 'Express', ['express', 'postal'])).toBe('express');
    expect(() => f.oneOf('mode', 'pigeon', ['express', 'postal'])).toThrow(/not one of express, postal/);
  });
});
