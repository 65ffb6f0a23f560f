import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MONITOR_DETECTORS } from './detectors/index.js';
import { DEFAULT_POLICY_PATH, loadPolicy, parsePolicy, PolicyError } from './policy.js';

const shipped = readFileSync(DEFAULT_POLICY_PATH, 'utf8');

type PolicyJson = Record<string, unknown> & {
  weights: Record<string, number>;
  detectors: Record<string, { enabled: boolean; params: Record<string, unknown> }>;
  thresholds: Record<string, number>;
};

/** The shipped policy with one change applied, as text. */
function edited(change: (p: PolicyJson) => void): string {
  const p = JSON.parse(shipped) as PolicyJson;
  change(p);
  return JSON.stringify(p);
}

function issues(text: string): string[] {
  try {
    parsePolicy(text, 'test.json');
  } catch (err) {
    if (err instanceof PolicyError) return [...err.issues];
    throw err;
  }
  return [];
}

describe('monitoring policy', () => {
  it('loads the shipped policy, weighs every rule of every detector and stamps a content hash', async () => {
    const policy = await loadPolicy();
    for (const d of MONITOR_DETECTORS) {
      expect(policy.detectors[d.id]?.enabled).toBe(true);
      for (const rule of Object.keys(d.rules)) expect(policy.weights[rule]).toBeTypeOf('number');
    }
    expect(policy.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(parsePolicy(shipped, 'again').sha256).toBe(policy.sha256);
  });

  it('keeps detector parameters in the file equal to what the detectors parse them to', async () => {
    const policy = await loadPolicy();
    for (const d of MONITOR_DETECTORS)
      expect(d.params.parse(policy.detectors[d.id]?.params)).toEqual(policy.detectors[d.id]?.params);
  });

  it.each([
    [
      'a missing weight',
      (p: PolicyJson) => delete p.weights['structuring.below-threshold'],
      'weights.structuring.below-threshold: missing weight',
    ],
    ['an unknown rule', (p: PolicyJson) => (p.weights['no.such-rule'] = 10), 'weights.no.such-rule: unknown rule'],
    ['a weight above 100', (p: PolicyJson) => (p.weights['cycle.closed-loop'] = 120), 'weights.cycle.closed-loop'],
    [
      'an unknown detector',
      (p: PolicyJson) => (p.detectors['psychic'] = { enabled: true, params: {} }),
      'unknown detector "psychic"',
    ],
    [
      'a bad parameter',
      (p: PolicyJson) => (p.detectors['structuring']!.params['thresholdUsd'] = -5),
      'detectors.structuring.params.thresholdUsd',
    ],
    [
      'an unknown parameter',
      (p: PolicyJson) => (p.detectors['structuring']!.params['colour'] = 'red'),
      'detectors.structuring.params',
    ],
    [
      'thresholds out of order',
      (p: PolicyJson) => (p.thresholds['critical'] = 10),
      'thresholds: expected alert <= high <= critical',
    ],
    ['a malformed version', (p: PolicyJson) => (p['version'] = 'latest'), 'version: expected a semantic version'],
  ])('rejects %s, naming the field', (_name, change, expected) => {
    const found = issues(edited(change));
    expect(
      found.some((i) => i.includes(expected)),
      found.join('\n'),
    ).toBe(true);
  });

  it('accepts a detector switched off without weights for its rules', () => {
    const text = edited((p) => {
      p.detectors['cycle']!.enabled = false;
      delete p.weights['cycle.closed-loop'];
    });
    expect(issues(text)).toEqual([]);
  });

  it('names the file when it is not JSON or cannot be read', async () => {
    expect(issues('{ nope')[0]).toMatch(/^not valid JSON/);
    await expect(loadPolicy('/no/such/policy.json')).rejects.toThrow(/\/no\/such\/policy\.json/);
  });
});
