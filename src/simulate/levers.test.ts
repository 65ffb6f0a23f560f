import { describe, expect, it } from 'vitest';
import { DEFAULT_LEVERS, LEVER_DOCS, LeversSchema, lowValueThreshold } from './levers.js';
import { LeverError, applyOverrides } from './overrides.js';
import { SCENARIOS } from './scenarios.js';

describe('levers', () => {
  it('documents every lever and validates the defaults and every scenario', () => {
    expect(Object.keys(LEVER_DOCS).sort()).toEqual(Object.keys(LeversSchema.shape).sort());
    for (const doc of Object.values(LEVER_DOCS)) expect(doc.source.length).toBeGreaterThan(10);
    expect(LeversSchema.parse(DEFAULT_LEVERS)).toEqual(DEFAULT_LEVERS);
    for (const s of SCENARIOS) expect(() => LeversSchema.parse(s.levers), s.name).not.toThrow();
  });

  it.each([
    ['CN', '2024-09-02', 800],
    ['CN', '2025-05-01', 800],
    ['CN', '2025-05-02', 0],
    ['HK', '2025-06-01', 0],
    ['DE', '2025-06-01', 800],
    ['DE', '2025-08-29', 0],
    ['MX', '2015-01-01', 800],
  ])('follows the US low-value history: %s on %s is $%d', (country, date, usd) => {
    expect(lowValueThreshold(DEFAULT_LEVERS, country, date)).toBe(usd);
  });

  it('applies --set overrides: constants, schedules, rates', () => {
    const levers = applyOverrides(DEFAULT_LEVERS, [
      'lowValueThresholdUsd.CN=0',
      'lowValueThresholdUsd.default=200@2010-01-01;800@2016-03-10',
      'inspectionRate.postal=0.2',
      'moneyTransmitterPenalty=1',
    ]);
    expect(lowValueThreshold(levers, 'CN', '2024-01-01')).toBe(0);
    expect(lowValueThreshold(levers, 'IN', '2012-01-01')).toBe(200);
    expect(lowValueThreshold(levers, 'IN', '2026-01-01')).toBe(800);
    expect(levers.inspectionRate.postal).toBe(0.2);
    expect(levers.moneyTransmitterPenalty).toBe(1);
    const controls = applyOverrides(DEFAULT_LEVERS, ['prcControlFrom.boc-4-piperidone=2025-01-01', 'prcControlFrom.npp=none']);
    expect(controls.prcControlFrom).toMatchObject({ 'boc-4-piperidone': '2025-01-01', npp: null, '4-ap': '2024-09-01' });
    expect(DEFAULT_LEVERS.inspectionRate.postal).toBe(0.005);
  });

  it.each([
    ['nonsense=1', /unknown lever "nonsense"/],
    ['inspectionRate.boat=0.1', /unknown lever "inspectionRate.boat"/],
    ['inspectionRate.postal=2', /lever inspectionRate\.postal: .*1/],
    ['moneyTransmitterPenalty=high', /lever moneyTransmitterPenalty expects a number/],
    ['investigatorAlertsPerDay=2.5', /lever investigatorAlertsPerDay/],
    ['lowValueThresholdUsd.XX=5', /lever lowValueThresholdUsd\.XX/],
    ['lowValueThresholdUsd.CN=-5', /lever lowValueThresholdUsd\.CN/],
    ['lowValueThresholdUsd.CN=800@2025;0@x', /lever lowValueThresholdUsd\.CN/],
    ['novalue', /lever=value/],
    ['prcControlFrom.npp=2018', /lever prcControlFrom\.npp expects YYYY-MM-DD or none/],
    ['prcControlFrom.heroin=none', /unknown lever "prcControlFrom.heroin"/],
    ['prcPharmaTariff=-0.1', /lever prcPharmaTariff/],
  ])('rejects %s naming the lever', (assignment, message) => {
    expect(() => applyOverrides(DEFAULT_LEVERS, [assignment])).toThrow(LeverError);
    expect(() => applyOverrides(DEFAULT_LEVERS, [assignment])).toThrow(message);
  });
});
