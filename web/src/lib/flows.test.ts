import { describe, expect, it } from 'vitest';
import { flowsOf } from './flows.js';

describe('flowsOf', () => {
  it('sums shipments and declared value by origin and destination, busiest first', () => {
    const flows = flowsOf([
      { originCountry: 'CN', consigneeCountry: 'US', declaredValueUsd: 100 },
      { originCountry: 'IN', consigneeCountry: 'US', declaredValueUsd: 5 },
      { originCountry: 'CN', consigneeCountry: 'US', declaredValueUsd: null },
      { originCountry: null, consigneeCountry: 'MX', declaredValueUsd: 7 },
    ]);
    expect(flows).toEqual([
      { from: 'CN', to: 'US', count: 2, valueUsd: 100 },
      { from: '?', to: 'MX', count: 1, valueUsd: 7 },
      { from: 'IN', to: 'US', count: 1, valueUsd: 5 },
    ]);
  });
});
