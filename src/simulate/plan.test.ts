import { describe, expect, it } from 'vitest';
import { DEFAULT_LEVERS, type Levers } from './levers.js';
import { applyOverrides } from './overrides.js';
import { planWorld, type WorldPlan } from './plan.js';
import { SCALES, SCALE_NAMES } from './scale.js';
import { SCHEME_TYPES } from './schemes/index.js';
import { backgroundShipment } from './background-shipments.js';
import { createRng } from './rng.js';
import { choosePrecursor } from './schemes/split-precursor.js';
import { buildWorld } from './world.js';

const scale = { ...SCALES.small, shipments: 400_000, transactions: 400_000, schemesPerType: 12 };
const world = buildWorld(5, scale);
const plan = (levers: Levers, startDate = '2024-09-02'): WorldPlan =>
  planWorld({ seed: 5, startDate, days: scale.days, levers, world }, scale);
const splitShipments = (p: WorldPlan) =>
  [...p.shipmentsByDay.values()].flat().filter((s) => s.truth.typology === 'split_low_value_precursor');
const parcels = (p: WorldPlan) => splitShipments(p).filter((s) => s.truth.role !== 'reexport_consolidation');
const directCn = (p: WorldPlan) =>
  parcels(p).filter((s) => s.row.origin_country === 'CN' && s.row.entry_type === 'de_minimis').length;

describe('adaptive schemes', () => {
  it('route precursor parcels through transit countries when the CN threshold is 0', () => {
    const baseline = plan(DEFAULT_LEVERS);
    const suspended = plan(applyOverrides(DEFAULT_LEVERS, ['lowValueThresholdUsd.CN=0', 'lowValueThresholdUsd.HK=0']));
    expect(directCn(baseline)).toBeGreaterThan(50);
    expect(directCn(suspended)).toBe(0);
    const transit = parcels(suspended).filter((s) => s.truth.role === 'transshipped_parcel');
    expect(transit.length).toBeGreaterThan(50);
    expect(new Set(transit.map((s) => s.row.origin_country))).not.toContain('CN');
    for (const s of transit) expect(['DE', 'IN', 'TR', 'GT']).toContain(s.row.export_country);
  });

  it('switch to a few mislabeled formal entries when every threshold is 0 (the de-minimis-suspended dates)', () => {
    const suspended = plan(DEFAULT_LEVERS, '2025-09-08');
    const entries = parcels(suspended);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((s) => s.row.entry_type === 'formal' && s.truth.role === 'mislabeled_entry')).toBe(true);
    expect(entries.length).toBeLessThan(parcels(plan(DEFAULT_LEVERS)).length / 3);
  });

  it('split the same lots into smaller, more numerous parcels when inspection rises', () => {
    const base = parcels(plan(DEFAULT_LEVERS));
    const strict = parcels(plan(applyOverrides(DEFAULT_LEVERS, ['inspectionRate.postal=0.05', 'inspectionRate.express=0.05'])));
    const kg = (list: typeof base) => list.reduce((a, s) => a + s.truth.kg, 0);
    expect(strict.length).toBeGreaterThan(base.length * 1.4);
    expect(kg(strict) / strict.length).toBeLessThan((kg(base) / base.length) * 0.75);
    expect(kg(strict)).toBeCloseTo(kg(base), -2);
  });

  it('move precursor payments off remittance channels when penalties on money transmitters rise', () => {
    const remittances = (p: WorldPlan) =>
      [...p.transactionsByDay.values()].flat().filter((t) => t.truth.role === 'remittance_to_supplier').length;
    const lax = remittances(plan(applyOverrides(DEFAULT_LEVERS, ['moneyTransmitterPenalty=0'])));
    const severe = remittances(plan(applyOverrides(DEFAULT_LEVERS, ['moneyTransmitterPenalty=1'])));
    expect(lax).toBeGreaterThan(20);
    expect(severe).toBe(0);
  });

  it('consolidate parcels received by the US re-exporter into a truck shipment to the Mexican importer', () => {
    const p = plan(DEFAULT_LEVERS);
    const legs = splitShipments(p).filter((s) => s.truth.role === 'reexport_consolidation');
    expect(legs.length).toBeGreaterThan(0);
    for (const leg of legs) {
      expect(leg.row).toMatchObject({ export_country: 'US', consignee_country: 'MX', mode: 'truck', origin_country: 'CN' });
      const received = parcels(p).filter(
        (s) => s.truth.schemeId === leg.truth.schemeId && s.row.consignee_name === leg.row.shipper_name,
      );
      // The declared weight is the received parcels' (plus packing); truth counts those kilograms once, on the parcels.
      expect(Number(leg.row.gross_weight_kg)).toBeCloseTo(received.reduce((a, s) => a + s.truth.kg, 0) * 1.05, 0);
      expect([leg.truth.kg, leg.truth.usd]).toEqual([0, 0]);
      expect(Math.min(...received.map((s) => s.day))).toBeLessThan(leg.day);
    }
  });

  it('keep declared values of low-value parcels under the threshold', () => {
    for (const s of parcels(plan(DEFAULT_LEVERS))) expect(Number(s.row.declared_value_usd)).toBeLessThan(800);
  });
});

describe('adaptive supply and trade', () => {
  it('suppliers favour precursors the PRC does not control on the date', () => {
    const rng = createRng(1);
    const share = (date: string, key: string) => {
      let n = 0;
      for (let i = 0; i < 4_000; i++) if (choosePrecursor(DEFAULT_LEVERS, date, rng).key === key) n++;
      return n / 4_000;
    };
    // Before 2024-09-01 4-AP is uncontrolled in the PRC; after it, a controlled one is chosen far less.
    expect(share('2024-06-01', '4-ap')).toBeGreaterThan(share('2024-10-01', '4-ap') * 2);
    expect(share('2024-10-01', 'boc-4-piperidone')).toBeGreaterThan(0.4);
  });

  it('tariffs on PRC pharmaceuticals divert legitimate pharma trade to other origins', () => {
    const tinyWorld = buildWorld(2, SCALES.small);
    const cnPharma = (tariff: number) => {
      const rng = createRng(4);
      const ctx = { seed: 2, levers: { ...DEFAULT_LEVERS, prcPharmaTariff: tariff }, world: tinyWorld, date: '2024-09-02' };
      let n = 0;
      for (let i = 0; i < 20_000; i++) {
        const s = backgroundShipment(ctx, rng);
        if (s.hs_code !== undefined && String(s.hs_code).startsWith('300') && s.origin_country === 'CN') n++;
      }
      return n;
    };
    expect(cnPharma(0)).toBeGreaterThan(10);
    expect(cnPharma(1)).toBe(0);
  });
});

describe('every scale', () => {
  const scenarios = [
    { name: 'baseline', startDate: '2024-09-02' },
    { name: 'de-minimis-suspended', startDate: '2025-09-08' },
  ];
  it.each(SCALE_NAMES.flatMap((name) => scenarios.map((s) => [name, s.name, s.startDate] as const)))(
    '%s / %s from %s: plants every scheme type in every network, each with key records, at 0.1-1%% of records',
    (name, _scenario, startDate) => {
      const s = SCALES[name];
      const w = buildWorld(7, s);
      const p = planWorld({ seed: 7, startDate, days: s.days, levers: DEFAULT_LEVERS, world: w }, s);
      // Two scheme types can share a typology (e.g. structuring into a funnel and across related accounts).
      const typologies = [...new Set(SCHEME_TYPES.map((t) => t.typology))].sort();
      expect(Object.keys(p.schemes).sort()).toEqual(typologies);
      for (const typology of typologies) {
        const types = SCHEME_TYPES.filter((t) => t.typology === typology).length;
        expect(p.schemes[typology]).toBe(s.schemesPerType * types);
      }
      const planted = [...p.shipmentsByDay.values(), ...p.transactionsByDay.values()].flat();
      const keyed = new Set(planted.filter((r) => r.truth.keyRecord).map((r) => r.truth.schemeId));
      expect(keyed.size).toBe(s.schemesPerType * SCHEME_TYPES.length);
      for (const type of SCHEME_TYPES)
        expect([...keyed].filter((id) => id.startsWith(`${type.name}-`)).length, type.name).toBe(s.schemesPerType);
      expect(planted.every((r) => r.day >= 0 && r.day < s.days)).toBe(true);
      const share = planted.length / (s.shipments + s.transactions);
      expect(share).toBeGreaterThanOrEqual(0.001);
      expect(share).toBeLessThanOrEqual(0.01);
    },
  );
});
