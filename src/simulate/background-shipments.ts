import {
  CARRIERS,
  CHEMICALS,
  ECOMMERCE,
  FREIGHT,
  MARKETPLACES,
  PHARMA,
  houseBill,
  masterBill,
  port,
  usEntryPort,
  type Product,
} from './catalog.js';
import { lowValueThreshold, type Levers } from './levers.js';
import type { Industry } from './population.js';
import { round2, type Party, type ShipmentRow } from './records.js';
import type { Rng } from './rng.js';
import { consigneeColumns, finalRecipientColumns, shipperColumns } from './schemes/scheme.js';
import type { World } from './world.js';

/**
 * Ordinary shipments that make detection hard: e-commerce parcels (most), general freight,
 * legitimate chemical trade (including 2933.39 chemicals and low-value reagent samples, with
 * DEA ids for List I chemicals), legitimate pharmaceuticals, legitimate tablet presses with a
 * DEA id, and chemical shippers whose names resemble the illicit suppliers'.
 */
export interface BackgroundContext {
  readonly seed: number;
  readonly levers: Levers;
  readonly world: World;
  readonly date: string;
}

type Kind = 'ecommerce' | 'freight' | 'chemical' | 'pharma' | 'press';
const KINDS: readonly (readonly [Kind, number])[] = [
  ['ecommerce', 86],
  ['freight', 8.5],
  ['chemical', 3],
  ['pharma', 2.45],
  ['press', 0.05],
];

const SHIPPER_INDUSTRY: Readonly<Record<Exclude<Kind, 'ecommerce'>, Industry>> = {
  freight: 'manufacturer',
  chemical: 'chemical',
  pharma: 'pharma',
  press: 'manufacturer',
};

function entryType(levers: Levers, origin: string, date: string, usd: number): 'de_minimis' | 'informal' | 'formal' {
  if (usd <= lowValueThreshold(levers, origin, date)) return 'de_minimis';
  return usd <= 2500 ? 'informal' : 'formal';
}

function business(ctx: BackgroundContext, rng: Rng, industry: keyof World['businessesByIndustry'], country?: string): Party {
  const pool = ctx.world.businessesByIndustry[industry];
  for (let attempt = 0; attempt < 8 && pool.length > 0; attempt++) {
    const p = ctx.world.parties.party('business', rng.pick(pool));
    if (country === undefined || (country === 'US') === (p.country === 'US')) return p;
  }
  return ctx.world.parties.party('business', rng.int(0, ctx.world.population.business - 1));
}

function scaled(rng: Rng, p: Product): { usd: number; kg: number } {
  const f = rng.lognormal(0, 0.5);
  return { usd: round2(p.usd * f), kg: round2(Math.max(0.05, p.kg * f * rng.range(0.8, 1.2))) };
}

function ecommerce(ctx: BackgroundContext, rng: Rng): ShipmentRow {
  const seller = ctx.world.parties.party('seller', rng.int(0, ctx.world.population.seller - 1));
  const buyer = ctx.world.parties.party('consumer', rng.int(0, ctx.world.population.consumer - 1));
  const product = rng.pick(ECOMMERCE);
  const items = rng.weighted<number>([
    [1, 70],
    [2, 18],
    [3, 8],
    [6, 4],
  ]);
  const { usd, kg } = scaled(rng, product);
  const mode = rng.chance(0.55) ? 'postal' : 'express';
  const value = round2(usd * items);
  // Some parcels from mainland sellers are consolidated in Hong Kong or Korea on the way.
  const via = seller.country === 'CN' && rng.chance(0.08) ? rng.pick(['HK', 'KR']) : null;
  return {
    house_bill: houseBill(rng),
    master_bill: mode === 'postal' ? null : masterBill(rng),
    arrival_date: ctx.date,
    mode,
    entry_type: entryType(ctx.levers, seller.country, ctx.date, value),
    origin_country: seller.country,
    export_country: via ?? seller.country,
    transit_countries: via,
    port_of_lading: port(rng, via ?? seller.country),
    port_of_entry: usEntryPort(rng, mode),
    ...shipperColumns(seller),
    seller_name: seller.name,
    ...consigneeColumns(buyer),
    description: product.description,
    hs_code: rng.chance(0.6) ? product.hs : null,
    quantity: items,
    quantity_unit: 'pcs',
    gross_weight_kg: round2(kg * items),
    declared_value_usd: value,
    carrier: rng.pick(CARRIERS[mode]),
    marketplace: rng.pick(MARKETPLACES),
  };
}

function trade(ctx: BackgroundContext, rng: Rng, kind: Exclude<Kind, 'ecommerce'>): ShipmentRow {
  const chemical = kind === 'chemical' ? rng.pick(CHEMICALS) : undefined;
  const product: Product =
    chemical ??
    (kind === 'pharma'
      ? rng.pick(PHARMA)
      : kind === 'press'
        ? { description: 'Rotary tablet press', hs: '8479.89', usd: 45000, kg: 900 }
        : rng.pick(FREIGHT));
  const lookalikes = ctx.world.networks.flatMap((n) => n.lookalikes);
  let shipper: Party =
    kind === 'chemical' && lookalikes.length > 0 && rng.chance(0.15)
      ? rng.pick(lookalikes)
      : business(ctx, rng, SHIPPER_INDUSTRY[kind], 'abroad');
  // Tariffs and inspection on PRC pharmaceuticals divert part of that trade to other origins.
  if (kind === 'pharma' && shipper.country === 'CN' && rng.chance(ctx.levers.prcPharmaTariff)) {
    for (let k = 0; k < 16 && shipper.country === 'CN'; k++) shipper = business(ctx, rng, 'pharma', 'abroad');
  }
  const consignee = business(ctx, rng, kind === 'freight' ? 'retail' : kind === 'chemical' ? 'chemical' : 'pharma', 'US');
  const { usd, kg } = scaled(rng, product);
  const sample = kg < 5;
  const mode = sample
    ? 'express'
    : shipper.country === 'MX' || shipper.country === 'CA'
      ? 'truck'
      : kg > 1500
        ? 'ocean'
        : 'air_cargo';
  const needsDea = (chemical?.listI ?? false) || kind === 'press';
  const toMexico = kind === 'chemical' && rng.chance(0.1);
  const recipient = toMexico ? business(ctx, rng, 'chemical', 'abroad') : undefined;
  return {
    house_bill: houseBill(rng),
    master_bill: mode === 'express' || mode === 'truck' ? null : masterBill(rng),
    arrival_date: ctx.date,
    mode,
    entry_type: entryType(ctx.levers, shipper.country, ctx.date, usd),
    origin_country: shipper.country,
    export_country: shipper.country,
    port_of_lading: port(rng, shipper.country),
    port_of_entry: usEntryPort(rng, mode),
    ...shipperColumns(shipper),
    seller_name: shipper.name,
    ...consigneeColumns(consignee),
    ...(recipient === undefined ? {} : finalRecipientColumns(recipient)),
    description: product.description,
    hs_code: product.hs,
    quantity: sample ? 1 : Math.max(1, Math.round(kg / 25)),
    quantity_unit: sample ? 'bottle' : kind === 'freight' ? 'cartons' : 'drums',
    gross_weight_kg: kg,
    declared_value_usd: usd,
    carrier: rng.pick(CARRIERS[mode]),
    dea_transaction_id: needsDea ? `DEA-${rng.int(100000, 999999)}-${rng.int(10, 99)}` : null,
  };
}

export function backgroundShipment(ctx: BackgroundContext, rng: Rng): ShipmentRow {
  const kind = rng.weighted(KINDS);
  return kind === 'ecommerce' ? ecommerce(ctx, rng) : trade(ctx, rng, kind);
}
