import { describe, expect, it } from 'vitest';
import { addressAgreement } from './address-agreement.js';

describe('address agreement', () => {
  const listed = ['Room 2264, Building A, 9561 Harbor Boulevard, Shijiazhuang, Hebei 050024'];

  it('the same address however the street is spelled agrees', () => {
    expect(addressAgreement('Rm. 2264, Bldg A, 9561 Harbor Blvd, Shijiazhuang 050024', listed)).toBe('agrees');
  });

  it('a namesake elsewhere differs', () => {
    expect(addressAgreement('Room 1586, Building 3, 5831 Logistics Way, Jinan, Shandong 250073', listed)).toBe('differs');
  });

  it('too few numbers on either side, or no address, tells nothing', () => {
    expect(addressAgreement('Harbor Boulevard, Shijiazhuang', listed)).toBe('unknown');
    expect(addressAgreement(null, listed)).toBe('unknown');
    expect(addressAgreement('Room 1586, 5831 Logistics Way', [])).toBe('unknown');
    expect(addressAgreement('Room 1586, 5831 Logistics Way', ['Shijiazhuang, Hebei'])).toBe('unknown');
  });
});
