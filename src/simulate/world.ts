import { lookalikeName } from './names.js';
import {
  createPopulation,
  makeParty,
  partyId,
  populationSizes,
  type Industry,
  type Population,
  type PopulationSizes,
} from './population.js';
import type { Party } from './records.js';
import { streamRng } from './rng.js';
import type { Scale } from './scale.js';

/** The transit countries named in the seed (domain.md §1). */
export const TRANSIT_COUNTRIES = ['DE', 'IN', 'TR', 'GT'] as const;
export type TransitCountry = (typeof TRANSIT_COUNTRIES)[number];

/**
 * One illicit network: the actors of domain.md §1 that its schemes share. A PRC supplier sells
 * through front companies that share its address, phone and e-mail (one legal representative
 * directs them all); a broker; forwarders in the transit countries; a US re-exporter; a Mexican
 * importer with little presence; a cartel cell and its US distributor; a bribed port official;
 * the laundering side: a funnel account fed by money mules and "students", and a Chinese money
 * laundering (CMLN) broker with linked parties in China and Mexico.
 *
 * The precursor broker (domain.md §1: "brokers, e.g. in Guatemala") works through a trading
 * company it directs: the Mexican importer pays that company, which pays the supplier and the
 * forwarders and sells some parcels under its own name (see schemes/precursor-payment.ts and
 * schemes/split-precursor.ts).
 */
export interface Network {
  readonly index: number;
  readonly supplier: Party;
  readonly representative: Party;
  readonly fronts: readonly Party[];
  readonly broker: Party;
  /** The broker's trading company: seller of record, payee of the importer, payer of the supplier. */
  readonly brokerFirm: Party;
  readonly forwarders: Readonly<Record<TransitCountry, Party>>;
  readonly reexporter: Party;
  readonly importer: Party;
  readonly cell: Party;
  readonly distributor: Party;
  readonly official: Party;
  readonly funnel: Party;
  readonly mules: readonly Party[];
  readonly cmlnBroker: Party;
  readonly cmlnChina: Party;
  readonly cmlnMexico: Party;
  /** A US shell LLC that buys real estate with the proceeds; its owner is the cell, disclosed only with transparency. */
  readonly shell: Party;
  /** Legitimate companies whose names resemble the supplier's and the fronts' (background). */
  readonly lookalikes: readonly Party[];
}

export interface World {
  readonly seed: number;
  readonly population: PopulationSizes;
  /** The background parties, built on first use. */
  readonly parties: Population;
  /** Background business indices by industry, for generators that need e.g. a chemical company. */
  readonly businessesByIndustry: Readonly<Record<Industry, readonly number[]>>;
  readonly networks: readonly Network[];
}

function buildNetwork(seed: number, index: number): Network {
  const rng = streamRng(seed, 'network', index);
  const id = (role: string, k = 0): string => partyId(seed, 'network', index, role, k);
  const supplier = makeParty(rng, {
    id: id('supplier'),
    schema: 'Company',
    country: 'CN',
    trade: rng.pick(['Biotech', 'Chemical', 'Pharmaceutical Technology', 'New Material', 'Biological Technology']),
    extra: { incorporationDate: [`20${rng.int(12, 21)}`] },
  });
  const representative = makeParty(rng, { id: id('representative'), schema: 'Person', country: 'CN' });
  // Fronts share the supplier's contact details: the FIN-2024-A002 "shared addresses" red flag.
  const fronts = Array.from({ length: rng.int(2, 3) }, (_, k) => {
    const front = makeParty(rng, { id: id('front', k), schema: 'Company', country: rng.chance(0.25) ? 'HK' : 'CN' });
    return {
      ...front,
      address: k === 0 || rng.chance(0.5) ? supplier.address : front.address,
      city: supplier.city,
      phone: supplier.phone,
      email: k === 1 ? supplier.email : front.email,
      country: supplier.country,
    };
  });
  const forwarders = Object.fromEntries(
    TRANSIT_COUNTRIES.map((c) => [
      c,
      makeParty(rng, { id: id('forwarder', TRANSIT_COUNTRIES.indexOf(c)), schema: 'Company', country: c, trade: 'Logistics' }),
    ]),
  ) as Record<TransitCountry, Party>;
  const person = (role: string, country: string, k = 0, extra?: Party['extra']): Party =>
    makeParty(rng, { id: id(role, k), schema: 'Person', country, ...(extra === undefined ? {} : { extra }) });
  const network = {
    index,
    supplier,
    representative,
    fronts,
    broker: person('broker', rng.chance(0.5) ? 'GT' : 'CN'),
    forwarders,
    reexporter: makeParty(rng, { id: id('reexporter'), schema: 'Company', country: 'US', trade: 'Logistics' }),
    // Little presence: no website, a recent incorporation, a residential-looking address.
    importer: makeParty(rng, {
      id: id('importer'),
      schema: 'Company',
      country: 'MX',
      extra: { incorporationDate: [`202${rng.int(2, 4)}`] },
    }),
    cell: person('cell', 'MX'),
    distributor: person('distributor', 'US'),
    official: person('official', 'MX', 0, {
      position: [rng.pick(['Customs officer, Port of Manzanillo', 'Port inspector, Lázaro Cárdenas'])],
    }),
    funnel: person('funnel', 'US', 0, { description: ['Student account'] }),
    mules: Array.from({ length: rng.int(3, 6) }, (_, k) => person('mule', 'US', k)),
    cmlnBroker: person('cmln-broker', 'US'),
    cmlnChina: person('cmln-china', 'CN'),
    cmlnMexico: makeParty(rng, { id: id('cmln-mexico'), schema: 'Company', country: 'MX' }),
    shell: makeParty(rng, {
      id: id('shell'),
      schema: 'Company',
      country: 'US',
      trade: 'Holdings',
      extra: { incorporationDate: ['2024'] },
    }),
    lookalikes: [supplier, ...fronts]
      .slice(0, 2)
      .map((p, k) =>
        makeParty(rng, { id: id('lookalike', k), schema: 'Company', country: 'CN', name: lookalikeName(rng, p.name) }),
      ),
  };
  // Drawn last, so that adding it left every other actor of a seed's networks as it was.
  const brokerFirm = makeParty(rng, {
    id: id('broker-firm'),
    schema: 'Company',
    country: network.broker.country,
    trade: network.broker.country === 'CN' ? 'Import and Export' : 'Trading',
    extra: { incorporationDate: [`20${rng.int(15, 23)}`] },
  });
  return { ...network, brokerFirm };
}

export function buildWorld(seed: number, scale: Scale): World {
  const population = populationSizes(scale.parties);
  const byIndustry: Record<Industry, number[]> = {
    retail: [],
    restaurant: [],
    manufacturer: [],
    logistics: [],
    chemical: [],
    pharma: [],
  };
  const parties = createPopulation(seed, population);
  for (let i = 0; i < population.business; i++) byIndustry[parties.party('business', i).industry ?? 'retail'].push(i);
  return {
    seed,
    population,
    parties,
    businessesByIndustry: byIndustry,
    networks: Array.from({ length: scale.schemesPerType }, (_, i) => buildNetwork(seed, i)),
  };
}
