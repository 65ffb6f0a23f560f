import { describe, expect, it } from 'vitest';
import type { TruthRow } from '../simulate/truth.js';
import { evaluate, topPerDay, type AlertedRecord } from './metrics.js';

const truth = (over: Partial<TruthRow>): TruthRow => ({
  recordKind: 'shipment',
  recordId: 'S1',
  schemeId: 'split-1',
  typology: 'split_low_value_precursor',
  role: 'parcel',
  keyRecord: true,
  kg: 20,
  usd: 700,
  ...over,
});

const TRUTH: TruthRow[] = [
  truth({ recordId: 'S1' }),
  truth({ recordId: 'S2' }),
  truth({ recordId: 'S3', schemeId: 'split-2' }),
  truth({
    recordKind: 'entity',
    recordId: 'front-1',
    schemeId: 'split-1',
    role: 'front_company',
    keyRecord: false,
    kg: 0,
    usd: 0,
  }),
  truth({
    recordKind: 'transaction',
    recordId: 'T9',
    schemeId: 'struct-1',
    typology: 'structuring',
    role: 'deposit',
    kg: 0,
    usd: 9500,
  }),
];

const alert = (recordId: string, over: Partial<AlertedRecord> = {}): AlertedRecord => ({
  recordKind: 'shipment',
  recordId,
  detectorId: 'trade.rules',
  score: 50,
  day: '2026-03-01',
  ...over,
});

describe('evaluate', () => {
  it('gives perfect scores when exactly the planted records are alerted', () => {
    const alerts = TRUTH.map((t) => alert(t.recordId, { recordKind: t.recordKind }));
    const e = evaluate(TRUTH, alerts);
    expect(e.overall).toMatchObject({ truePositives: 5, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1, f1: 1 });
    expect(e.byTypology.every((t) => t.schemeRecall === 1 && t.recordRecall === 1)).toBe(true);
  });

  it('scores nothing found when nothing is alerted, without dividing by zero', () => {
    const e = evaluate(TRUTH, []);
    expect(e.overall).toMatchObject({ precision: 0, recall: 0, f1: 0, falseNegatives: 5 });
  });

  it('counts a record once however many alerts it has, and false positives against precision', () => {
    const e = evaluate(TRUTH, [alert('S1'), alert('S1', { detectorId: 'other' }), alert('legit-1'), alert('legit-2')]);
    expect(e.overall).toMatchObject({ truePositives: 1, falsePositives: 2, falseNegatives: 4 });
    expect(e.overall.precision).toBeCloseTo(1 / 3);
    expect(e.overall.recall).toBeCloseTo(1 / 5);
    expect(e.overall.f1).toBeCloseTo((2 * (1 / 3) * (1 / 5)) / (1 / 3 + 1 / 5));
    expect(e.byDetector).toEqual([
      { detectorId: 'other', truePositives: 1, falsePositives: 0, precision: 1 },
      { detectorId: 'trade.rules', truePositives: 1, falsePositives: 2, precision: 1 / 3 },
    ]);
  });

  it('finds a scheme only through a key record, and sums kilograms and dollars caught', () => {
    const onlyFront = evaluate(TRUTH, [alert('front-1', { recordKind: 'entity' })]);
    const split = onlyFront.byTypology.find((t) => t.typology === 'split_low_value_precursor')!;
    expect(split).toMatchObject({ schemes: 2, schemesFound: 0, recordsAlerted: 1 });
    const oneParcel = evaluate(TRUTH, [alert('S3')]).byTypology.find((t) => t.typology === 'split_low_value_precursor')!;
    expect(oneParcel).toMatchObject({
      schemesFound: 1,
      schemeRecall: 0.5,
      kgPlanted: 60,
      kgCaught: 20,
      usdPlanted: 2100,
      usdCaught: 700,
    });
  });

  it('reports every scheme, found only through a key record', () => {
    const e = evaluate(TRUTH, [alert('front-1', { recordKind: 'entity' }), alert('S3')]);
    expect(e.byScheme.map((s) => [s.schemeId, s.found, s.recordsAlerted, s.keyRecords])).toEqual([
      ['split-1', false, 1, 2],
      ['split-2', true, 1, 1],
      ['struct-1', false, 0, 1],
    ]);
    expect(e.byScheme.find((s) => s.schemeId === 'split-2')).toMatchObject({ kgCaught: 20, usdCaught: 700, recordRecall: 1 });
  });

  it('gives per-typology precision from the detectors that claim the typology', () => {
    const claims = new Map([
      ['trade.rules', ['split_low_value_precursor']],
      ['monitor', ['structuring']],
    ]);
    const alerts = [
      alert('S1'),
      alert('legit-1'),
      alert('legit-2'),
      alert('legit-3'),
      alert('T9', { recordKind: 'transaction', detectorId: 'monitor' }),
    ];
    const e = evaluate(TRUTH, alerts, 'all alerts', claims);
    const split = e.byTypology.find((t) => t.typology === 'split_low_value_precursor')!;
    const struct = e.byTypology.find((t) => t.typology === 'structuring')!;
    expect(split.precision).toBeCloseTo(1 / 4);
    expect(split.f1).toBeCloseTo((2 * 0.25 * 0.25) / 0.5);
    expect(struct).toMatchObject({ precision: 1, recordRecall: 1, f1: 1 });
    // Without claims a typology has no alerts of its own to be precise about.
    expect(evaluate(TRUTH, alerts).byTypology.every((t) => t.precision === 0)).toBe(true);
  });

  it('does not confuse records of different kinds that share an id', () => {
    const e = evaluate(TRUTH, [alert('T9', { recordKind: 'shipment' })]);
    expect(e.overall.truePositives).toBe(0);
  });
});

describe('topPerDay', () => {
  it('keeps the k highest scores of each day', () => {
    const alerts = [
      alert('a', { score: 10 }),
      alert('b', { score: 90 }),
      alert('c', { score: 50 }),
      alert('d', { score: 70, day: '2026-03-02' }),
      alert('e', { score: 20, day: '2026-03-02' }),
    ];
    expect(
      topPerDay(alerts, 2)
        .map((a) => a.recordId)
        .sort(),
    ).toEqual(['b', 'c', 'd', 'e']);
    expect(
      topPerDay(alerts, 1)
        .map((a) => a.recordId)
        .sort(),
    ).toEqual(['b', 'd']);
  });

  it('raises precision when the budget cuts low-scoring false positives', () => {
    const alerts = [alert('S1', { score: 95 }), alert('legit-1', { score: 10 }), alert('legit-2', { score: 5 })];
    expect(evaluate(TRUTH, topPerDay(alerts, 1)).overall.precision).toBeGreaterThan(evaluate(TRUTH, alerts).overall.precision);
  });
});
