import { describe, expect, it } from 'vitest';
import { worldEntities } from './entities.js';
import { DEFAULT_LEVERS } from './levers.js';
import { applyOverrides } from './overrides.js';
import { planWorld, type WorldPlan } from './plan.js';
import { SCALES } from './scale.js';
import { buildWorld } from './world.js';

/**
 * The precursor broker is an actor of the records, not only an entity: its trading company is
 * paid by the Mexican importer and pays the supplier, pays the forwarders' fees, and is the seller
 * of record of some marketplace parcels; truth names the company and its account.
 */
const scale = { ...SCALES.small, shipments: 400_000, transactions: 400_000, schemesPerType: 6 };
const world = buildWorld(9, scale);
const plan = (overrides: string[] = []): WorldPlan =>
  planWorld(
    { seed: 9, startDate: '2024-09-02', days: scale.days, levers: applyOverrides(DEFAULT_LEVERS, overrides), world },
    scale,
  );
const payments = (p: WorldPlan) => [...p.transactionsByDay.values()].flat();
const shipments = (p: WorldPlan) => [...p.shipmentsByDay.values()].flat();

describe('the precursor broker in the records', () => {
  const baseline = plan();

  it.each(world.networks.map((n) => [n.index, n] as const))(
    'network %i: the importer pays the broker, the broker pays the supplier',
    (_, n) => {
      const firm = n.brokerFirm.account.number;
      const inbound = payments(baseline).filter((t) => t.row.creditor_account === firm);
      const outbound = payments(baseline).filter((t) => t.row.debtor_account === firm);
      const purchases = inbound.filter((t) => t.truth.role === 'importer_to_broker_wire');
      expect(purchases.length).toBeGreaterThan(0);
      for (const t of purchases) expect(t.row.debtor_account).toBe(n.importer.account.number);
      const sellers = new Set([n.supplier, ...n.fronts].map((p) => p.account.number));
      const onward = outbound.filter((t) => t.truth.role === 'broker_to_supplier_wire');
      expect(onward.length).toBe(purchases.length);
      for (const t of onward) expect(sellers.has(String(t.row.creditor_account))).toBe(true);
      // The broker keeps a commission: it passes on less than it received, and never before it was paid.
      const sum = (list: typeof inbound) => list.reduce((a, t) => a + Number(t.row.amount_usd), 0);
      expect(sum(onward)).toBeLessThan(sum(purchases));
      expect(sum(onward)).toBeGreaterThan(sum(purchases) * 0.8);
      const firstIn = Math.min(...purchases.map((t) => Date.parse(String(t.row.timestamp))));
      expect(Math.min(...onward.map((t) => Date.parse(String(t.row.timestamp))))).toBeGreaterThan(firstIn);
      // Its fees to the forwarder that consolidates the parcels.
      const fees = outbound.filter((t) => t.truth.role === 'logistics_fee');
      expect(fees.length).toBeGreaterThan(0);
      for (const t of fees) expect(t.row.creditor_account).toBe(n.reexporter.account.number);
      // Truth names the broker, its company and the company's account.
      const roles = (id: string) => baseline.truth.filter((r) => r.recordId === id).map((r) => r.role);
      expect(roles(n.broker.id)).toContain('broker');
      expect(roles(n.brokerFirm.id)).toContain('broker_company');
      expect(roles(firm)).toContain('broker_account');
      expect(roles(n.reexporter.account.number)).toContain('us_reexporter_account');
    },
  );

  it('sells some direct parcels under the broker company as seller of record, on marketplaces only', () => {
    const split = shipments(baseline).filter((s) => s.truth.role === 'parcel');
    const firms = new Set(world.networks.map((n) => n.brokerFirm.name));
    const brokered = split.filter((s) => firms.has(String(s.row.seller_name)));
    expect(brokered.length).toBeGreaterThan(0);
    expect(brokered.length).toBeLessThan(split.length / 2);
    for (const s of brokered) expect(s.row.marketplace).not.toBeNull();
    for (const s of split.filter((x) => x.row.marketplace === null)) expect(s.row.seller_name ?? null).toBeNull();
  });

  it('pays the transit forwarder when the parcels go through a transit country', () => {
    const transit = plan(['lowValueThresholdUsd.CN=0', 'lowValueThresholdUsd.HK=0']);
    for (const n of world.networks) {
      const forwarders = new Set(Object.values(n.forwarders).map((f) => f.account.number));
      const fees = payments(transit).filter(
        (t) => t.truth.role === 'logistics_fee' && t.row.debtor_account === n.brokerFirm.account.number,
      );
      const toForwarder = fees.filter((t) => forwarders.has(String(t.row.creditor_account)));
      expect(toForwarder.length, `network ${n.index}`).toBeGreaterThan(0);
      const account = String(toForwarder[0]?.row.creditor_account);
      expect(transit.truth.some((r) => r.recordId === account && r.role === 'transit_forwarder_account')).toBe(true);
    }
  });

  it('writes the broker company as an entity directed by the broker', () => {
    const all = [...worldEntities(world, 0)];
    for (const n of world.networks) {
      expect(all.some((e) => e.id === n.brokerFirm.id && e.schema === 'Company')).toBe(true);
      const directs = all.find(
        (e) =>
          e.schema === 'Directorship' &&
          e.properties['director']?.[0] === n.broker.id &&
          e.properties['organization']?.[0] === n.brokerFirm.id,
      );
      expect(directs).toBeDefined();
      expect(n.brokerFirm.country).toBe(n.broker.country);
    }
  });
});
