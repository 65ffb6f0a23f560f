import { describe, expect, it } from 'vitest';
import { makeShipment } from '../../test-support/fixtures.js';
import type { Shipment } from '../../model/index.js';
import { loadPolicy } from '../policy.js';
import { ScreeningRun, type ScreenedRow } from '../screening-run.js';
import { dayNumber, describeWindow, windowStart } from './windows.js';

const policy = loadPolicy();

let seq = 0;
function parcel(overrides: Partial<Shipment> = {}): Shipment {
  seq++;
  return makeShipment({
    id: `shp-${seq}`,
    sourceId: `P${seq}`,
    mode: 'postal',
    entryType: 'de_minimis',
    originCountry: 'KR',
    exportCountry: 'KR',
    transitCountries: [],
    shipperName: `Seller ${seq} Co., Ltd.`,
    shipperAddress: `${seq} Seller Road`,
    shipperPhone: `+82 2 555 ${String(seq).padStart(4, '0')}`,
    shipperEmail: `s${seq}@example.kr`,
    shipperCountry: 'KR',
    consigneeName: 'Rio Grande Forwarding LLC',
    consigneeAddress: '9 Depot Road, Laredo, TX 78040',
    description: 'Plastic additive powder',
    hsCode: '382499',
    grossWeightKg: 20,
    declaredValueUsd: 500,
    ...overrides,
  });
}

async function screen(shipments: readonly Shipment[]): Promise<Map<string, ScreenedRow>> {
  const run = new ScreeningRun({ policy, asOf: '2024-09-10' });
  for (const s of shipments) run.addShipment(s);
  const rows = new Map<string, ScreenedRow>();
  await run.finish((r) => {
    rows.set(r.id, r);
  });
  return rows;
}

const splitRules = (r: ScreenedRow | undefined): string[] =>
  (r?.reasons ?? []).map((x) => x.ruleId).filter((id) => id.startsWith('split-'));

describe('windows', () => {
  it('days count from 1970-01-01; weeks start on Monday or, hopping half a week, on Thursday', () => {
    const d = dayNumber('2024-09-04'); // a Wednesday
    expect(d).not.toBeNull();
    expect(describeWindow('day', d ?? 0)).toBe('on 2024-09-04');
    expect(describeWindow('week-mon', d ?? 0)).toBe('in the week 2024-09-02 to 2024-09-08');
    expect(describeWindow('week-thu', d ?? 0)).toBe('in the week 2024-08-29 to 2024-09-04');
    expect(windowStart('week-mon', dayNumber('2024-09-08') ?? 0)).toBe(dayNumber('2024-09-02'));
    expect(windowStart('week-mon', dayNumber('2024-09-09') ?? 0)).toBe(dayNumber('2024-09-09'));
    expect(dayNumber(null)).toBeNull();
  });
});

describe('split-shipment detection', () => {
  it('two parcels on one day over the threshold: a day finding on both, each citing the other', async () => {
    const a = parcel({ arrivalDate: '2024-09-04', declaredValueUsd: 450, grossWeightKg: 2 });
    const b = parcel({ arrivalDate: '2024-09-04', declaredValueUsd: 450, grossWeightKg: 2 });
    const rows = await screen([a, b]);
    const ra = rows.get(a.sourceId ?? '');
    expect(splitRules(ra)).toEqual(['split-low-value-day']);
    expect(ra?.reasons.find((r) => r.ruleId === 'split-low-value-day')?.evidence).toEqual([b.sourceId]);
    expect(rows.get(b.sourceId ?? '')?.reasons.find((r) => r.ruleId === 'split-low-value-day')?.evidence).toEqual([a.sourceId]);
  });

  it('the same two parcels on consecutive days: no day finding (day boundary), and too few for a week', async () => {
    const rows = await screen([
      parcel({ arrivalDate: '2024-09-04', declaredValueUsd: 450, grossWeightKg: 2 }),
      parcel({ arrivalDate: '2024-09-05', declaredValueUsd: 450, grossWeightKg: 2 }),
    ]);
    for (const r of rows.values()) expect(splitRules(r)).toEqual([]);
  });

  it('three parcels Sunday to Tuesday straddle the Monday boundary yet share a Thursday-start week', async () => {
    const rows = await screen(
      ['2024-09-08', '2024-09-09', '2024-09-10'].map((d) => parcel({ arrivalDate: d, declaredValueUsd: 300, grossWeightKg: 2 })),
    );
    for (const r of rows.values()) expect(splitRules(r)).toEqual(['split-low-value-week']);
    const text = [...rows.values()][0]?.reasons[0]?.text ?? '';
    expect(text).toContain('in the week 2024-09-05 to 2024-09-11');
  });

  it('three parcels eight days apart share no window', async () => {
    const rows = await screen(
      ['2024-09-01', '2024-09-09', '2024-09-17'].map((d) => parcel({ arrivalDate: d, declaredValueUsd: 300 })),
    );
    for (const r of rows.values()) expect(splitRules(r)).toEqual([]);
  });

  it('the threshold follows origin and date: CN parcels after 2025-05-02 are not low-value, KR ones until 2025-08-29', async () => {
    const days = ['2025-06-02', '2025-06-03', '2025-06-04'];
    const cn = await screen(
      days.map((d) => parcel({ arrivalDate: d, originCountry: 'CN', declaredValueUsd: 300, grossWeightKg: 2 })),
    );
    for (const r of cn.values()) expect(splitRules(r)).toEqual([]);
    const kr = await screen(
      days.map((d) => parcel({ arrivalDate: d, originCountry: 'KR', declaredValueUsd: 300, grossWeightKg: 2 })),
    );
    for (const r of kr.values()) expect(splitRules(r)).toEqual(['split-low-value-week']);
    const kr2 = await screen(
      ['2025-09-01', '2025-09-02', '2025-09-03'].map((d) => parcel({ arrivalDate: d, declaredValueUsd: 300, grossWeightKg: 2 })),
    );
    for (const r of kr2.values()) expect(splitRules(r)).toEqual([]);
  });

  it('catches ~100 parcels carrying 2,000 kg over three months, whatever the input order (US v. Minsu Fang)', async () => {
    const start = dayNumber('2023-08-01') ?? 0;
    const lot: Shipment[] = [];
    for (let i = 0; i < 100; i++) {
      const day = start + Math.floor((i * 91) / 100);
      lot.push(
        parcel({
          arrivalDate: new Date(day * 86_400_000).toISOString().slice(0, 10),
          originCountry: 'CN',
          shipperName: ['Hubei A Chemical Co., Ltd.', 'Wuhan B Trading Co., Ltd.', 'Shanghai C Tech Co., Ltd.'][i % 3],
          shipperPhone: '+86 27 5555 0000',
          description: ['Organic intermediate', 'Pharmaceutical intermediate', 'Chemical reagent sample'][i % 3],
          hsCode: '293339',
          grossWeightKg: 20,
          declaredValueUsd: 450 + (i % 7) * 40,
          finalRecipientName: 'Importadora Norte S.A. de C.V.',
          finalRecipientCountry: 'MX',
        }),
      );
    }
    // Shuffled deterministically: the detector must not depend on date order.
    const shuffled = lot
      .map((s, i) => [(i * 37) % 101, s] as const)
      .sort((a, b) => a[0] - b[0])
      .map((x) => x[1]);
    const rows = await screen(shuffled);
    const flagged = [...rows.values()].filter((r) => r.flagged);
    expect(flagged.length).toBeGreaterThanOrEqual(95);
    const withSplit = [...rows.values()].filter((r) => splitRules(r).length > 0);
    expect(withSplit.length).toBeGreaterThanOrEqual(95);
    const evidence = withSplit[0]?.reasons.find((r) => r.ruleId.startsWith('split-'))?.evidence ?? [];
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.length).toBeLessThanOrEqual(policy.data.split.evidenceCap);
    expect(evidence).not.toContain(withSplit[0]?.id);
  });

  it('does not flag a busy legitimate importer using formal entries', async () => {
    const shipments: Shipment[] = [];
    for (let i = 0; i < 60; i++)
      shipments.push(
        parcel({
          arrivalDate: `2024-09-${String(1 + (i % 28)).padStart(2, '0')}`,
          mode: 'air_cargo',
          entryType: 'formal',
          originCountry: 'DE',
          shipperName: 'Rhein Chemie GmbH',
          shipperPhone: '+49 621 555 000',
          consigneeName: 'Midwest Coatings Inc.',
          consigneeAddress: '100 Industrial Pkwy, Cleveland, OH 44101',
          description: 'Titanium dioxide pigment',
          hsCode: '320611',
          grossWeightKg: 800,
          declaredValueUsd: 4_000,
        }),
      );
    const rows = await screen(shipments);
    for (const r of rows.values()) {
      expect(splitRules(r)).toEqual([]);
      expect(r.flagged).toBe(false);
    }
  });

  it('does not flag a consumer ordering a few different things in one week', async () => {
    const rows = await screen(
      ['Running shoes', 'Drone with camera', 'Wireless earbuds'].map((description, i) =>
        parcel({
          arrivalDate: `2024-09-0${3 + i}`,
          consigneeName: 'Dana Smith',
          consigneeAddress: '12 Oak Avenue',
          description,
          hsCode: null,
          declaredValueUsd: 320,
          grossWeightKg: 1,
        }),
      ),
    );
    for (const r of rows.values()) expect(splitRules(r)).toEqual([]);
  });
});
