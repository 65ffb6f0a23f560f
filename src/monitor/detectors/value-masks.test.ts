import { describe, expect, it } from 'vitest';
import { looksLikeCompany } from '../rule.js';
import { memberMask, ValueTest } from './value-masks.js';

describe('memberMask', () => {
  it('marks the members among a growing dictionary, and starts over for another one', () => {
    const members = ['card', 'cash_deposit'];
    const values = ['', 'wire', 'card'];
    expect([...memberMask(values, members).subarray(0, 3)]).toEqual([0, 0, 1]);
    // A dictionary only grows: the values added since are tested, those before are kept.
    for (let k = 0; k < 100; k++) values.push(k === 57 ? 'cash_deposit' : `channel ${k}`);
    const mask = memberMask(values, members);
    expect(mask.length).toBeGreaterThanOrEqual(values.length);
    values.forEach((v, k) => expect(mask[k]).toBe(members.includes(v) ? 1 : 0));
    const other = ['cash_deposit', 'card', 'wire'];
    expect([...memberMask(other, members).subarray(0, 3)]).toEqual([1, 1, 0]);
    // Another member list over the same values has its own mask.
    expect([...memberMask(other, ['wire']).subarray(0, 3)]).toEqual([0, 0, 1]);
  });
});

describe('ValueTest', () => {
  it('answers as the predicate, per value of whichever dictionary it is given', () => {
    const names = ['', 'Blue Harbor Retail Corp.', 'Ana Pérez'];
    const company = new ValueTest(looksLikeCompany);
    for (let round = 0; round < 2; round++) names.forEach((n, k) => expect(company.at(names, k)).toBe(looksLikeCompany(n)));
    for (let k = 0; k < 200; k++) names.push(k % 3 === 0 ? `Trader ${k} LLC` : `Person ${k}`);
    names.forEach((n, k) => expect(company.at(names, k)).toBe(looksLikeCompany(n)));
    const other = ['Acme GmbH', 'Jo'];
    expect([company.at(other, 0), company.at(other, 1)]).toEqual([true, false]);
    expect(company.at(names, 1)).toBe(true);
  });
});
