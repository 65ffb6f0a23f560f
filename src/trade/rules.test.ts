import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/index.js';
import type { Shipment } from '../model/index.js';
import { makeShipment } from '../test-support/fixtures.js';
import { assessShipment, type AssessOptions } from './assess.js';
import { GoodsCache } from './goods.js';
import { lowValueLookup } from './low-value.js';
import { loadPolicy } from './policy.js';
import type { WatchlistHook } from './rules/context.js';
import { scoreReasons } from './score.js';

const policy = loadPolicy();
const knowledge = loadKnowledge();

function options(watchlist?: WatchlistHook): AssessOptions {
  return {
    policy,
    knowledge,
    goods: new GoodsCache({ knowledge, policy }),
    lowValue: lowValueLookup(policy),
    asOf: '2024-09-10',
    ...(watchlist === undefined ? {} : { watchlist }),
  };
}

/** An ordinary e-commerce parcel that no rule should flag: every case below changes one thing. */
function clean(overrides: Partial<Shipment> = {}): Shipment {
  return makeShipment({
    arrivalDate: '2024-09-10',
    mode: 'postal',
    entryType: 'de_minimis',
    originCountry: 'KR',
    exportCountry: 'KR',
    transitCountries: [],
    shipperName: 'Seoul Sneakers Co., Ltd.',
    shipperCountry: 'KR',
    consigneeName: 'Dana Smith',
    consigneeAddress: '12 Oak Avenue, Columbus, OH 43004',
    description: 'Running shoes',
    hsCode: '640411',
    grossWeightKg: 0.9,
    declaredValueUsd: 45,
    ...overrides,
  });
}

function rules(s: Shipment, watchlist?: WatchlistHook): string[] {
  return assessShipment(s, { row: 0, line: 2, id: s.sourceId ?? s.id, subject: s.id }, options(watchlist)).reasons.map(
    (r) => r.ruleId,
  );
}

describe('row rules, each positive and negative', () => {
  it('an ordinary parcel fires nothing', () => {
    expect(rules(clean())).toEqual([]);
  });

  it.each<[string, Partial<Shipment>, Partial<Shipment>]>([
    [
      'controlled-chemical',
      { description: 'N-phenethyl-4-piperidone 1 kg', hsCode: '293337' },
      { description: 'Piperonal 1 kg', hsCode: '293339' },
    ],
    [
      'listed-precursor-not-in-force',
      { description: '1-boc-4-piperidone', hsCode: '293339', arrivalDate: '2022-06-01' },
      { description: '1-boc-4-piperidone', hsCode: '293339' },
    ],
    [
      'watch-reagent',
      { description: 'Aniline 99%', hsCode: '292141' },
      { description: 'Aniline leather wallet', hsCode: '420231' },
    ],
    [
      'dea-declared',
      { description: 'Propionic anhydride (CAS 123-62-6)', hsCode: '291590', deaTransactionId: 'DEA-1' },
      { description: 'Propionic anhydride (CAS 123-62-6)', hsCode: '291590' },
    ],
    [
      'hs-chemical-under-non-chemical-heading',
      { description: '4-ANPP powder', hsCode: '210690' },
      { description: '4-ANPP powder', hsCode: '293336' },
    ],
    [
      'hs-npp-heading-mismatch',
      { description: 'Pharmaceutical intermediate', hsCode: '293337' },
      { description: 'NPP', hsCode: '293337' },
    ],
    [
      'hs-catch-all-vague-description',
      { description: 'Organic intermediate CAS 79099', hsCode: '293339' },
      { description: '2-Aminopyridine (CAS 504-29-0)', hsCode: '293339' },
    ],
    [
      'value-weight-implausible',
      { description: 'Plastic bottles', hsCode: '392330', grossWeightKg: 12, declaredValueUsd: 300 },
      { description: 'Plastic bottles', hsCode: '392330', grossWeightKg: 2, declaredValueUsd: 300 },
    ],
    [
      'press-without-dea-id',
      { description: 'Rotary tablet press TDP-5', hsCode: '847989' },
      { description: 'Rotary tablet press TDP-5', hsCode: '847989', deaTransactionId: 'DEA-2' },
    ],
    [
      'press-heading-without-dea-id',
      { description: 'Industrial machine', hsCode: '847989' },
      { description: 'Industrial machine', hsCode: '847989', deaTransactionId: 'DEA-3' },
    ],
    [
      'press-misdeclaration-heading',
      { description: 'Candy making machine', hsCode: '843880' },
      { description: 'Candy making machine', hsCode: '843780' },
    ],
    [
      'transit-route',
      { description: 'Chemical reagent', hsCode: '293339', transitCountries: ['TR'] },
      { description: 'Running shoes', transitCountries: ['TR'] },
    ],
    [
      'us-reexport-to-mexico',
      { description: 'Chemical reagent', finalRecipientName: 'Importadora X', finalRecipientCountry: 'MX' },
      { finalRecipientName: 'Importadora X', finalRecipientCountry: 'MX' },
    ],
    ['origin-of-concern', { description: 'Chemical reagent', originCountry: 'CN' }, { originCountry: 'CN' }],
    [
      'residential-consignee',
      { description: 'Chemical reagent' },
      { description: 'Chemical reagent', consigneeName: 'Acme Labs LLC' },
    ],
    ['data-quality-unknown-hs-code', { hsCode: '299910' }, { hsCode: '293339', description: 'Piperonal 1 kg' }],
    ['data-quality-cas-check-digit', { description: 'CAS 39742-60-5' }, { description: 'CAS 39742-60-4' }],
    ['data-quality-missing-field', { declaredValueUsd: null }, {}],
    ['data-quality-odd-encoding', { description: 'CafÃ© table' }, { description: 'Café table' }],
  ])('%s', (ruleId, positive, negative) => {
    expect(rules(clean(positive))).toContain(ruleId);
    expect(rules(clean(negative))).not.toContain(ruleId);
  });

  it('watchlist-party goes through the injected hook, and is silent without one', () => {
    const hook: WatchlistHook = (name) =>
      name.startsWith('Seoul') ? { id: 'sdn-42', name: 'SEOUL SNEAKERS', list: 'SDN' } : undefined;
    const s = clean();
    const reasons = assessShipment(s, { row: 0, line: 2, id: 'S1', subject: 'shp-1' }, options(hook)).reasons;
    expect(reasons).toEqual([expect.objectContaining({ ruleId: 'watchlist-party', evidence: ['sdn-42'] })]);
    expect(rules(s)).toEqual([]);
    expect(rules(clean({ shipperName: 'Busan Boots' }), hook)).toEqual([]);
  });

  it('evaluates control status at the shipment date (4-AP: US List I from 2020-05-15)', () => {
    const before = rules(clean({ description: '4-anilinopiperidine', hsCode: '293339', arrivalDate: '2019-01-01' }));
    const after = rules(clean({ description: '4-anilinopiperidine', hsCode: '293339', arrivalDate: '2021-01-01' }));
    expect(before).toContain('listed-precursor-not-in-force');
    expect(after).toContain('controlled-chemical');
  });

  it('every reason carries its weight from the policy, a text and evidence', () => {
    const s = clean({
      description: 'NPP (CAS 39742-60-4) 5 kg',
      hsCode: '293337',
      originCountry: 'CN',
      finalRecipientName: 'X',
      finalRecipientCountry: 'MX',
    });
    const reasons = assessShipment(s, { row: 0, line: 2, id: 'S1', subject: 'shp-1' }, options()).reasons;
    for (const r of reasons) {
      expect(r.weight).toBe(policy.weights[r.ruleId as keyof typeof policy.weights]);
      expect(r.text.length).toBeGreaterThan(10);
    }
    const controlled = reasons.find((r) => r.ruleId === 'controlled-chemical');
    expect(controlled?.evidence).toContain('chemical:npp');
    expect(controlled?.text).toMatch(/controlled on 2024-09-10/);
  });
});

describe('score', () => {
  it('is the capped sum of the weights, with the level from the policy cut-offs', () => {
    const r = (ruleId: string, weight: number) => ({ ruleId, weight, text: `${ruleId} fired`, evidence: [] });
    expect(scoreReasons([], policy)).toMatchObject({ score: 0, level: 'low', flagged: false, explanation: 'no rule fired' });
    expect(scoreReasons([r('a', 30), r('b', 25)], policy)).toMatchObject({ score: 55, flagged: true });
    expect(scoreReasons([r('a', 80), r('b', 70)], policy)).toMatchObject({ score: 100, level: 'critical' });
    expect(scoreReasons([r('a', 20), r('b', -50)], policy).score).toBe(0);
    const s = scoreReasons([r('weak', 5), r('strong', 60)], policy);
    expect(s.reasons.map((x) => x.ruleId)).toEqual(['strong', 'weak']);
    expect(s.explanation).toBe('strong fired [strong +60]; weak fired [weak +5]');
  });

  it('ranks a named precursor above a vague chemical parcel above ordinary goods', () => {
    const score = (s: Shipment) =>
      scoreReasons(assessShipment(s, { row: 0, line: 2, id: 'S', subject: 'S' }, options()).reasons, policy).score;
    const npp = score(clean({ description: 'NPP', hsCode: '293339', originCountry: 'CN' }));
    const vague = score(clean({ description: 'Chemical reagent sample', hsCode: '293339', originCountry: 'CN' }));
    const shoes = score(clean());
    expect(npp).toBeGreaterThan(vague);
    expect(vague).toBeGreaterThan(shoes);
  });
});
