import { describe, expect, it } from 'vitest';
import { flowsOf, routeLabel, stops } from './flows.js';

describe('flowsOf', () => {
  it('keeps transit countries in route order, names unknown countries "?", busiest first', () => {
    const flows = flowsOf([
      { origin: 'IN', transit: [], destination: 'US', count: 1, valueUsd: 5 },
      { origin: 'CN', transit: ['DE', 'GT'], destination: 'MX', count: 3, valueUsd: 100 },
      { origin: null, transit: [], destination: 'MX', count: 1, valueUsd: 7 },
    ]);
    expect(flows.map(routeLabel)).toEqual(['CN → DE → GT → MX', '? → MX', 'IN → US']);
    expect(stops(flows[0]!)).toEqual(['CN', 'DE', 'GT', 'MX']);
    expect(flows[0]).toMatchObject({ count: 3, valueUsd: 100 });
  });
});
