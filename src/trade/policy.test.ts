import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp.js';
import { lowValueLookup } from './low-value.js';
import { DEFAULT_POLICY_FILE, loadPolicy, parsePolicy, PolicyError } from './policy.js';
import { RULE_IDS } from './rule-ids.js';

const raw = (): Record<string, unknown> => JSON.parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as Record<string, unknown>;

function issuesOf(change: (p: Record<string, unknown>) => void): string[] {
  const p = raw();
  change(p);
  try {
    parsePolicy(p, 'test');
  } catch (err) {
    if (err instanceof PolicyError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('trade-screening policy', () => {
  it('the bundled policy is valid, weighs every rule and stamps its version and hash', () => {
    const p = loadPolicy();
    expect(Object.keys(p.weights).sort()).toEqual([...RULE_IDS].sort());
    expect(p.stamp).toMatch(/^trade-screening@\d+\.\d+\.\d+#[0-9a-f]{12}$/);
    expect(p.inGroup('HK', 'originOfConcern')).toBe(true);
    expect(p.inGroup('GT', 'transit')).toBe(true);
    expect(p.inGroup(null, 'transit')).toBe(false);
  });

  it.each<[string, (p: Record<string, unknown>) => void, RegExp]>([
    [
      'a missing rule weight',
      (p) => (p['rules'] = (p['rules'] as { id: string }[]).filter((r) => r.id !== 'watch-reagent')),
      /rules: missing a weight for rule "watch-reagent"/,
    ],
    [
      'an unknown rule',
      (p) => (p['rules'] as unknown[]).push({ id: 'astrology', weight: 5, description: 'by the stars, obviously' }),
      /rules\[\d+\]\.id: unknown rule "astrology"/,
    ],
    ['a weight out of range', (p) => ((p['rules'] as { weight: number }[])[0]!.weight = 500), /rules\[0\]\.weight/],
    [
      'a bad country code',
      (p) => ((p['countryGroups'] as Record<string, { countries: string[] }>)['transit']!.countries = ['Germany']),
      /countryGroups\.transit\.countries\[0\]/,
    ],
    [
      'schedule steps out of order',
      (p) =>
        ((p['lowValueThresholdUsd'] as Record<string, unknown>)['default'] = [
          { from: '2025-08-29', usd: 0 },
          { from: '2016-03-10', usd: 800 },
        ]),
      /lowValueThresholdUsd\.default: steps must be in increasing date order/,
    ],
    [
      'a schedule for an unknown group',
      (p) => ((p['lowValueThresholdUsd'] as Record<string, unknown>)['mars'] = [{ from: '2020-01-01', usd: 1 }]),
      /lowValueThresholdUsd\.mars/,
    ],
    [
      'falling cut-offs',
      (p) => ((p['score'] as { levels: unknown }).levels = { medium: 80, high: 60, critical: 90 }),
      /score\.levels: cut-offs must rise/,
    ],
    ['an unknown field', (p) => (p['colour'] = 'red'), /colour|Unrecognized key/],
    [
      'a bad date',
      (p) => ((p['lowValueThresholdUsd'] as Record<string, { from: string }[]>)['default']![0]!.from = '2016-13-10'),
      /lowValueThresholdUsd\.default\[0\]\.from/,
    ],
  ])('rejects %s, naming the field', (_what, change, expected) => {
    expect(issuesOf(change).join('\n')).toMatch(expected);
  });

  it('names the file when it is not JSON', () => {
    const tmp = tempDir();
    try {
      const path = tmp.file('bad.json', '{ not json');
      expect(() => loadPolicy(path)).toThrow(/bad\.json[\s\S]*not valid JSON/);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('low-value threshold by origin and date (the simulator lever shape and lookup)', () => {
  const threshold = lowValueLookup(loadPolicy());
  it.each([
    ['CN', '2025-05-01', 800],
    ['CN', '2025-05-02', 0],
    ['HK', '2025-05-02', 0],
    ['KR', '2025-05-02', 800],
    ['KR', '2025-08-28', 800],
    ['KR', '2025-08-29', 0],
    [null, '2024-01-01', 800],
  ])('%s on %s: $%d', (origin, date, usd) => {
    expect(threshold(origin, date)).toBe(usd);
  });

  it('a country schedule wins over its group', () => {
    const p = raw();
    (p['lowValueThresholdUsd'] as Record<string, unknown>)['HK'] = [{ from: '2016-03-10', usd: 250 }];
    const t = lowValueLookup(parsePolicy(p));
    expect(t('HK', '2025-06-01')).toBe(250);
    expect(t('CN', '2025-06-01')).toBe(0);
  });
});
