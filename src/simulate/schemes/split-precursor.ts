import {
  PRECURSORS,
  CARRIERS,
  disguisedDescription,
  houseBill,
  masterBill,
  port,
  usEntryPort,
  MARKETPLACES,
} from '../catalog.js';
import type { Precursor } from '../catalog.js';
import { dateOf, dayStartMs } from '../calendar.js';
import { DEFAULT_LEVERS, lowValueThreshold, prcControlled, type Levers } from '../levers.js';
import { isoTimestamp, round2, type Party, type Planted, type ShipmentRow, type TransactionRow } from '../records.js';
import { streamRng, type Rng } from '../rng.js';
import { TRANSIT_COUNTRIES, type Network } from '../world.js';
import {
  accountTruth,
  businessHoursMs,
  consigneeColumns,
  creditorColumns,
  debtorColumns,
  entityTruth,
  finalRecipientColumns,
  schemeId,
  shipperColumns,
  type SchemeContext,
  type SchemePlan,
  type SchemeType,
} from './scheme.js';

/**
 * Split low-value precursor shipments (the US v. Minsu Fang pattern: ~2,000 kg in ~100 parcels
 * declared de minimis, China → US → Mexico). A consolidated lot is split into parcels each
 * declared under the low-value threshold, addressed to a US re-exporter (or a residence) with a
 * Mexican importer as final recipient, described vaguely or by sales slang ("CAS 79099").
 *
 * Adaptive behaviour, decided on the scheme's first day:
 * - CN threshold > 0: direct parcels from the supplier or its fronts.
 * - CN threshold 0 but a transit country's > 0: parcels re-shipped by a forwarder in DE, IN, TR
 *   or GT with the origin misdeclared as the transit country (often still with the supplier's
 *   PRC phone or e-mail on the label).
 * - every threshold 0: a few formal air-cargo entries under a benign description and wrong HS code.
 * - Suppliers favour precursors the PRC does not control on that date (prcControlFrom lever).
 * - Parcel weight falls as inspection of the mode rises (kg = 12 / (1 + 20 × rate)), so the same
 *   lot travels in smaller, more numerous parcels.
 *
 * The network's broker takes part through its trading company: seller of record of some
 * marketplace parcels, and payer of the forwarders' freight and handling (logisticsFees).
 */
const BASE_PARCEL_KG = 12;
const MISDECLARED_HS = ['2942.00', '3824.99', '2918.99', '3204.17'];
/** Share of marketplace-sold direct parcels listed by the broker's company (assumed). */
const BROKER_SOLD_SHARE = 0.6;
/** Freight and handling the broker pays a forwarder per parcel, in USD (assumed). */
const FEE_PER_PARCEL_USD: readonly [number, number] = [35, 90];
const FEE_PURPOSES = ['Freight and handling', 'Logistics services', 'Consolidation and customs clearance', 'Warehousing fees'];

export type SplitRoute = 'direct' | 'transit' | 'formal';

export function parcelKg(levers: Levers, mode: 'postal' | 'express'): number {
  return BASE_PARCEL_KG / (1 + 20 * levers.inspectionRate[mode]);
}

/** Suppliers favour precursors their government does not (yet) control on the date. */
export function choosePrecursor(levers: Levers, date: string, rng: Rng): Precursor {
  return rng.weighted(PRECURSORS.map((p) => [p, prcControlled(levers, p.key, date) ? 0.15 : 1] as const));
}

export function chooseRoute(levers: Levers, date: string, rng: Rng): { route: SplitRoute; transit: string | null } {
  if (lowValueThreshold(levers, 'CN', date) > 0) return { route: 'direct', transit: null };
  const open = TRANSIT_COUNTRIES.filter((c) => lowValueThreshold(levers, c, date) > 0);
  if (open.length > 0) return { route: 'transit', transit: rng.pick(open) };
  return { route: 'formal', transit: null };
}

interface ParcelOptions {
  readonly rng: Rng;
  readonly network: Network;
  readonly route: SplitRoute;
  readonly transit: string | null;
  readonly mode: 'postal' | 'express' | 'air_cargo';
  readonly date: string;
  readonly kg: number;
  readonly usd: number;
  readonly description: string;
  readonly hs: string | null;
}

function parcelRow(o: ParcelOptions): ShipmentRow {
  const { rng, network } = o;
  const shipper: Party =
    o.route === 'transit' && o.transit !== null
      ? network.forwarders[o.transit as keyof Network['forwarders']]
      : rng.chance(0.3)
        ? network.supplier
        : rng.pick(network.fronts);
  // A transit forwarder's label often keeps the PRC supplier's phone or e-mail (FIN-2024-A002).
  const leak = o.route === 'transit' && rng.chance(0.4);
  const origin = o.route === 'transit' && o.transit !== null ? o.transit : 'CN';
  const consignee = rng.chance(0.75) ? network.reexporter : network.distributor;
  const row: ShipmentRow = {
    house_bill: houseBill(rng),
    master_bill: o.mode === 'postal' ? null : masterBill(rng),
    arrival_date: o.date,
    mode: o.mode,
    entry_type: o.route === 'formal' ? 'formal' : 'de_minimis',
    origin_country: origin,
    export_country: origin,
    port_of_lading: port(rng, origin),
    port_of_entry: usEntryPort(rng, o.mode),
    ...shipperColumns(shipper),
    ...(leak ? { shipper_phone: network.supplier.phone, shipper_email: network.supplier.email } : {}),
    seller_name: o.route === 'transit' ? network.supplier.name : null,
    ...consigneeColumns(consignee),
    ...finalRecipientColumns(network.importer),
    description: o.description,
    hs_code: o.hs,
    quantity: 1,
    quantity_unit: o.route === 'formal' ? 'drums' : 'pcs',
    gross_weight_kg: round2(o.kg),
    declared_value_usd: round2(o.usd),
    carrier: rng.pick(CARRIERS[o.mode]),
    marketplace: rng.chance(0.3) ? 'TradeHub B2B' : rng.chance(0.2) ? rng.pick(MARKETPLACES) : null,
  };
  // The broker lists the goods on a marketplace under its trading company and the supplier ships
  // them: the company is then the parcel's seller of record (domain.md §1, sold "through brokers").
  if (o.route === 'direct' && row.marketplace !== null && rng.chance(BROKER_SOLD_SHARE))
    row.seller_name = network.brokerFirm.name;
  return row;
}

interface FeeOptions {
  readonly rng: Rng;
  readonly payee: Party;
  readonly parcels: readonly Planted<ShipmentRow>[];
  readonly id: string;
}

/**
 * The broker arranges the logistics: its trading company pays the forwarder that handles the
 * parcels (the transit forwarder re-shipping them, the US re-exporter consolidating them) freight
 * and handling, one wire per dozen parcels or so, between the first parcel and three days after
 * the last. The fees are illicit payments of their own, so truth carries their dollars; they
 * follow from the parcels and are not key records.
 */
function logisticsFees(ctx: SchemeContext, network: Network, o: FeeOptions): Planted<TransactionRow>[] {
  const { rng, parcels } = o;
  if (parcels.length === 0) return [];
  const first = Math.min(...parcels.map((p) => p.day));
  const last = Math.min(ctx.days - 1, Math.max(...parcels.map((p) => p.day)) + 3);
  const wires = Math.max(1, Math.round(parcels.length / 12));
  const perWire = (parcels.length / wires) * rng.range(FEE_PER_PARCEL_USD[0], FEE_PER_PARCEL_USD[1]);
  return Array.from({ length: wires }, () => {
    const day = rng.int(first, last);
    const usd = round2(perWire * rng.range(0.8, 1.2));
    return {
      day,
      row: {
        timestamp: isoTimestamp(dayStartMs(ctx.startDate, day) + businessHoursMs(rng)),
        ...debtorColumns(network.brokerFirm),
        ...creditorColumns(o.payee),
        amount: usd,
        currency: 'USD',
        amount_usd: usd,
        channel: 'wire',
        purpose: rng.pick(FEE_PURPOSES),
      },
      truth: { schemeId: o.id, typology: splitPrecursor.typology, role: 'logistics_fee', keyRecord: false, kg: 0, usd },
    };
  });
}

export const splitPrecursor: SchemeType = {
  name: 'split-precursor',
  typology: 'split_low_value_precursor',
  plan(ctx: SchemeContext, network: Network): SchemePlan {
    const rng = streamRng(ctx.seed, 'scheme', 'split-precursor', network.index);
    const id = schemeId(splitPrecursor, network);
    const typology = splitPrecursor.typology;
    const span = Math.min(ctx.days, 21);
    const firstDay = rng.int(0, Math.max(0, ctx.days - span));
    const precursor = choosePrecursor(ctx.levers, dateOf(ctx.startDate, firstDay), rng);
    const { route, transit } = chooseRoute(ctx.levers, dateOf(ctx.startDate, firstDay), rng);
    const parcelMode = rng.chance(0.6) ? 'postal' : 'express';
    const lotKg = Math.max(3, ctx.budget) * parcelKg(DEFAULT_LEVERS, parcelMode);
    const perParcel = route === 'formal' ? Math.max(lotKg / rng.int(2, 4), 10) : parcelKg(ctx.levers, parcelMode);
    const count = Math.max(1, Math.round(lotKg / perParcel));
    const shipments: Planted<ShipmentRow>[] = [];
    for (let i = 0; i < count; i++) {
      const day = firstDay + rng.int(0, span - 1);
      const date = dateOf(ctx.startDate, day);
      const kg = perParcel * rng.range(0.85, 1.15);
      const threshold = lowValueThreshold(ctx.levers, transit ?? 'CN', date);
      const usd = route === 'formal' || threshold <= 0 ? kg * rng.range(3, 8) : threshold * rng.range(0.3, 0.95);
      const description =
        route === 'formal'
          ? rng.pick(['Industrial cleaning agent', 'Plastic additive powder', 'Pigment intermediate'])
          : disguisedDescription(rng, precursor);
      const hs =
        route === 'formal'
          ? rng.pick(MISDECLARED_HS)
          : rng.weighted<string | null>([
              ['2933.39', 2],
              [precursor.hs, 1],
              [null, 1],
            ]);
      const mode = route === 'formal' ? 'air_cargo' : parcelMode;
      shipments.push({
        day,
        row: parcelRow({ rng, network, route, transit, mode, date, kg, usd, description, hs }),
        truth: {
          schemeId: id,
          typology,
          role: route === 'direct' ? 'parcel' : route === 'transit' ? 'transshipped_parcel' : 'mislabeled_entry',
          keyRecord: true,
          kg: round2(kg),
          usd: round2(usd),
        },
      });
    }
    // The re-exporter consolidates what it received and trucks it to the Mexican importer: the
    // China → US → Mexico leg of the Minsu Fang case, declared as general chemical raw material.
    const received = shipments.filter((s) => s.row.consignee_name === network.reexporter.name);
    if (received.length > 0) {
      const day = Math.min(ctx.days - 1, Math.max(...received.map((s) => s.day)) + rng.int(1, 4));
      const kg = received.reduce((sum, s) => sum + s.truth.kg, 0);
      const usd = kg * rng.range(4, 9);
      shipments.push({
        day,
        row: {
          house_bill: houseBill(rng),
          arrival_date: dateOf(ctx.startDate, day),
          mode: 'truck',
          entry_type: 'formal',
          origin_country: 'CN',
          export_country: 'US',
          transit_countries: 'US',
          port_of_lading: 'Laredo',
          port_of_entry: 'Nuevo Laredo',
          ...shipperColumns(network.reexporter),
          ...consigneeColumns(network.importer),
          description: rng.pick(['Chemical raw materials', 'Industrial chemicals, assorted', 'Organic intermediates']),
          hs_code: '2933.39',
          quantity: received.length,
          quantity_unit: 'packages',
          gross_weight_kg: round2(kg * 1.05),
          declared_value_usd: round2(usd),
          carrier: rng.pick(CARRIERS.truck),
        },
        // The parcels already carry these kilograms and dollars in truth; counting them again would
        // double the lot in the evaluator's sums.
        truth: { schemeId: id, typology, role: 'reexport_consolidation', keyRecord: true, kg: 0, usd: 0 },
      });
    }
    const forwarder = transit === null ? null : network.forwarders[transit as keyof Network['forwarders']];
    const handled = [
      ...(forwarder === null
        ? []
        : [{ payee: forwarder, parcels: shipments.filter((s) => s.row.shipper_name === forwarder.name) }]),
      ...(received.length > 0 ? [{ payee: network.reexporter, parcels: received }] : []),
    ];
    const transactions = handled.flatMap(({ payee, parcels }) => logisticsFees(ctx, network, { rng, payee, parcels, id }));
    const tag = (role: string, keyRecord: boolean) => ({ schemeId: id, typology, role, keyRecord });
    const truth = [
      entityTruth(network.supplier, tag('illicit_supplier', true)),
      ...network.fronts.map((f) => entityTruth(f, tag('front_company', true))),
      entityTruth(network.representative, tag('legal_representative', false)),
      entityTruth(network.reexporter, tag('us_reexporter', false)),
      entityTruth(network.importer, tag('mx_importer', false)),
      entityTruth(network.broker, tag('broker', false)),
      entityTruth(network.brokerFirm, tag('broker_company', false)),
      ...(forwarder === null ? [] : [entityTruth(forwarder, tag('transit_forwarder', false))]),
      // Account rows for accounts no payment uses are dropped by planWorld.
      accountTruth(network.brokerFirm, tag('broker_account', false)),
      accountTruth(network.reexporter, tag('us_reexporter_account', false)),
      ...(forwarder === null ? [] : [accountTruth(forwarder, tag('transit_forwarder_account', false))]),
    ];
    return { shipments, transactions, truth };
  },
};
