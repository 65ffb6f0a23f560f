import { CARRIERS, houseBill, masterBill, port, usEntryPort } from '../catalog.js';
import { dateOf } from '../calendar.js';
import { round2, type Planted, type ShipmentRow } from '../records.js';
import { streamRng } from '../rng.js';
import type { Network } from '../world.js';
import {
  consigneeColumns,
  entityTruth,
  finalRecipientColumns,
  schemeId,
  shipperColumns,
  type SchemeContext,
  type SchemePlan,
  type SchemeType,
} from './scheme.js';

/**
 * Pill press and die imports without a DEA transaction id (domain.md §2: presses under HS
 * 8479.89, punch and die sets under 8207.30; the US requires DEA Form 452 and a transaction id).
 * Presses go to the network's US distributor or, via the re-exporter, to the Mexican importer;
 * about a third are misdeclared as food or candy machinery (HS 8438.80). Legitimate presses in
 * the background carry a DEA id, so the missing id is the signal, not the HS code alone.
 */
const DECLARATIONS = [
  { description: 'Rotary tablet press TDP-5', hs: '8479.89', kg: [180, 450], usd: [2500, 9000], weight: 3 },
  { description: 'Single punch tablet machine', hs: '8479.89', kg: [40, 120], usd: [600, 2500], weight: 2 },
  { description: 'Punch and die set, custom logo', hs: '8207.30', kg: [3, 15], usd: [150, 700], weight: 3 },
  { description: 'Candy making machine', hs: '8438.80', kg: [120, 400], usd: [1500, 6000], weight: 2 },
  { description: 'Food processing machinery, sugar press', hs: '8438.80', kg: [100, 350], usd: [1200, 5000], weight: 1 },
] as const;

export const pillPress: SchemeType = {
  name: 'pill-press',
  typology: 'pill_press_import',
  plan(ctx: SchemeContext, network: Network): SchemePlan {
    const rng = streamRng(ctx.seed, 'scheme', 'pill-press', network.index);
    const id = schemeId(pillPress, network);
    const typology = pillPress.typology;
    const count = Math.max(1, Math.min(4, Math.round(ctx.budget / 8)));
    const shipments: Planted<ShipmentRow>[] = [];
    for (let i = 0; i < count; i++) {
      const day = rng.int(0, ctx.days - 1);
      const d = rng.weighted(DECLARATIONS.map((x) => [x, x.weight] as const));
      const kg = rng.range(d.kg[0], d.kg[1]);
      const usd = rng.range(d.usd[0], d.usd[1]);
      const toMexico = rng.chance(0.4);
      const mode = kg > 200 && rng.chance(0.5) ? 'ocean' : d.hs === '8207.30' ? 'express' : 'air_cargo';
      const shipper = rng.chance(0.5) ? network.supplier : rng.pick(network.fronts);
      shipments.push({
        day,
        row: {
          house_bill: houseBill(rng),
          master_bill: mode === 'express' ? null : masterBill(rng),
          arrival_date: dateOf(ctx.startDate, day),
          mode,
          entry_type: usd > 2500 ? 'formal' : 'informal',
          origin_country: 'CN',
          export_country: 'CN',
          port_of_lading: port(rng, 'CN'),
          port_of_entry: usEntryPort(rng, mode),
          ...shipperColumns(shipper),
          ...consigneeColumns(toMexico ? network.reexporter : network.distributor),
          ...(toMexico ? finalRecipientColumns(network.importer) : {}),
          description: d.description,
          hs_code: d.hs,
          quantity: d.hs === '8207.30' ? rng.int(2, 20) : 1,
          quantity_unit: d.hs === '8207.30' ? 'sets' : 'units',
          gross_weight_kg: round2(kg),
          declared_value_usd: round2(usd),
          carrier: rng.pick(CARRIERS[mode]),
          dea_transaction_id: null,
        },
        truth: {
          schemeId: id,
          typology,
          role: d.hs === '8438.80' ? 'misdeclared_press' : 'press_without_dea_id',
          keyRecord: true,
          kg: round2(kg),
          usd: round2(usd),
        },
      });
    }
    const truth = [
      entityTruth(network.distributor, { schemeId: id, typology, role: 'us_distributor', keyRecord: false }),
      entityTruth(network.cell, { schemeId: id, typology, role: 'cartel_cell', keyRecord: false }),
    ];
    return { shipments, transactions: [], truth };
  },
};
