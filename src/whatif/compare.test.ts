import { describe, expect, it } from 'vitest';
import { evaluate, type AlertedRecord } from '../evaluate/index.js';
import type { TruthRow } from '../simulate/truth.js';
import { compareRuns, formatComparison } from './compare.js';

const truth: TruthRow[] = [
  { recordKind: 'shipment', recordId: 'S1', schemeId: 'a', typology: 'split', role: 'parcel', keyRecord: true, kg: 10, usd: 500 },
  { recordKind: 'shipment', recordId: 'S2', schemeId: 'b', typology: 'split', role: 'parcel', keyRecord: true, kg: 30, usd: 700 },
];
const alerted = (ids: string[]): AlertedRecord[] =>
  ids.map((recordId) => ({ recordKind: 'shipment', recordId, detectorId: 'd', score: 50, day: '2026-03-01' }));

describe('compareRuns', () => {
  it('averages each lever value over its seeds and keeps the F1 range', () => {
    const runs = [
      { value: '800', seed: 1, evaluation: evaluate(truth, alerted(['S1'])) },
      { value: '800', seed: 2, evaluation: evaluate(truth, alerted(['S1', 'S2'])) },
      { value: '0', seed: 1, evaluation: evaluate(truth, alerted([])) },
    ];
    const rows = compareRuns('de_minimis_usd.CN', ['800', '0'], runs);
    expect(rows.map((r) => [r.value, r.seeds])).toEqual([
      ['800', 2],
      ['0', 1],
    ]);
    expect(rows[0]).toMatchObject({
      recall: 0.75,
      precision: 1,
      kgPlanted: 40,
      kgCaught: 25,
      schemesFound: 1.5,
      schemesPlanted: 2,
    });
    expect(rows[0]!.f1Min).toBeCloseTo(2 / 3);
    expect(rows[0]!.f1Max).toBe(1);
    expect(rows[1]).toMatchObject({ recall: 0, f1: 0, kgCaught: 0 });
    expect(formatComparison(rows)).toContain('lever de_minimis_usd.CN');
  });
});
