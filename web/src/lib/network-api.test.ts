import { describe, expect, it } from 'vitest';
import { inTimeRange, isEntityId } from './network-api.js';

describe('network helpers', () => {
  it('tells entity ids from synthetic address and contact nodes', () => {
    expect(isEntityId('c299852d4f788431662bc854a51fd34a9f12e3ee')).toBe(true);
    expect(isEntityId('ofac-41185')).toBe(true);
    expect(isEntityId('address:room 2264 building a')).toBe(false);
    expect(isEntityId('phone:+867405557577')).toBe(false);
  });

  it('keeps undated links and dated ones inside the range, bounds included', () => {
    expect(inTimeRange(null, '2024-01-01', '2024-01-31')).toBe(true);
    expect(inTimeRange('2024-01-01T10:00:00.000Z', '2024-01-01', '2024-01-31')).toBe(true);
    expect(inTimeRange('2024-01-31T23:00:00.000Z', '2024-01-01', '2024-01-31')).toBe(true);
    expect(inTimeRange('2024-02-01T00:00:00.000Z', '2024-01-01', '2024-01-31')).toBe(false);
    expect(inTimeRange('2023-12-31T00:00:00.000Z', '2024-01-01', '')).toBe(false);
    expect(inTimeRange('2030-01-01T00:00:00.000Z', '', '')).toBe(true);
  });
});
