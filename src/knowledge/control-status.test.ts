import { describe, expect, test } from 'vitest';
import { controlStatus } from './control-status.js';

describe('controlStatus at a date', () => {
  test.each([
    // [chemical, jurisdiction, date, controlled, status or reason]
    ['4-ap', 'PRC', '2024-08-31', false, 'not-yet-in-force'],
    ['4-ap', 'PRC', '2024-09-01', true, 'prc-category-ii'],
    ['4-ap', 'US', '2020-05-14', false, 'not-yet-in-force'],
    ['4-ap', 'US', '2020-05-15', true, 'us-list-i'],
    ['npp', 'US', '2007-04-23', true, 'us-list-i'],
    ['npp', 'PRC', '2018-01-31', false, 'not-yet-in-force'],
    ['anpp', 'US', '2010-08-30', true, 'us-schedule-ii'],
    ['norfentanyl', 'US', '2020-05-17', false, 'not-yet-in-force'],
    ['norfentanyl', 'US', '2020-05-18', true, 'us-schedule-ii'],
    ['4-piperidone', 'UN', '2024-12-02', false, 'not-yet-in-force'],
    ['4-piperidone', 'UN', '2024-12-03', true, 'un-1988-table-i'],
    ['4-piperidone', 'PRC', '2026-01-01', false, 'pending'],
    ['1-boc-4-piperidone', 'US', '2023-05-11', false, 'not-yet-in-force'],
    ['1-boc-4-piperidone', 'PRC', '2026-01-01', false, 'pending'],
    ['propionic-anhydride', 'US', '1999-01-01', true, 'us-list-i'],
    ['propionic-anhydride', 'PRC', '2026-01-01', false, 'not-listed'],
    ['aniline', 'US', '2026-01-01', false, 'not-listed'],
    ['fentanyl-related-substances', 'PRC', '2019-05-01', true, 'prc-class'],
    ['no-such-chemical', 'US', '2026-01-01', false, 'unknown-chemical'],
  ] as const)('%s in %s on %s', (id, jurisdiction, date, controlled, expected) => {
    const s = controlStatus(id, jurisdiction, date);
    expect(s.controlled).toBe(controlled);
    expect(s.controlled ? s.status : s.reason).toBe(expected);
  });

  test('1-boc-4-piperidone: named in US List I from 2025-10-02, covered as a carbamate of 4-piperidone before', () => {
    const before = controlStatus('1-boc-4-piperidone', 'US', '2025-10-01');
    const after = controlStatus('1-boc-4-piperidone', 'US', '2025-10-02');
    expect(before).toMatchObject({ controlled: true, listing: 'derivative', since: '2023-05-12' });
    expect(after).toMatchObject({
      controlled: true,
      listing: 'named',
      since: '2025-10-02',
      sources: ['dea-boc4piperidone-2025'],
    });
  });

  test('not yet in force says when the control starts', () => {
    expect(controlStatus('4-ap', 'PRC', '2024-01-01')).toEqual({
      controlled: false,
      reason: 'not-yet-in-force',
      upcoming: { status: 'prc-category-ii', from: '2024-09-01', sources: ['prc-2024'] },
    });
  });

  test('an approximate date is reported as such', () => {
    expect(controlStatus('npp', 'UN', '2020-01-01')).toMatchObject({ controlled: true, dateConfidence: 'approximate' });
  });
});
