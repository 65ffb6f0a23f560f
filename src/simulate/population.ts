import { contentId } from '../model/index.js';
import { accountNumber, bankName, companyName, contact, personName } from './names.js';
import type { Party } from './records.js';
import { streamRng, type Rng } from './rng.js';

/**
 * The background population, generated on demand from (seed, kind, index): a party is never
 * stored, so a world of any size costs no memory, and the entity writer and the record
 * generators see the same party for the same index.
 */
export const PARTY_KINDS = ['consumer', 'seller', 'business', 'family'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export type Industry = 'retail' | 'restaurant' | 'manufacturer' | 'logistics' | 'chemical' | 'pharma';

export interface BackgroundParty extends Party {
  readonly industry: Industry | null;
}

export interface PopulationSizes {
  readonly consumer: number;
  readonly seller: number;
  readonly business: number;
  readonly family: number;
}

export function populationSizes(parties: number): PopulationSizes {
  return {
    consumer: Math.max(50, Math.round(parties * 0.5)),
    seller: Math.max(20, Math.round(parties * 0.2)),
    business: Math.max(30, Math.round(parties * 0.3)),
    family: Math.max(20, Math.round(parties * 0.2)),
  };
}

const SELLER_COUNTRIES: readonly (readonly [string, number])[] = [
  ['CN', 60],
  ['HK', 6],
  ['US', 8],
  ['VN', 5],
  ['KR', 4],
  ['JP', 3],
  ['GB', 4],
  ['DE', 3],
  ['CA', 3],
  ['IN', 2],
  ['TR', 2],
];
const BUSINESS_COUNTRIES: readonly (readonly [string, number])[] = [
  ['US', 62],
  ['MX', 10],
  ['CN', 12],
  ['IN', 4],
  ['DE', 4],
  ['CA', 3],
  ['GB', 2],
  ['TR', 1],
  ['GT', 1],
  ['HK', 1],
];
const FAMILY_COUNTRIES: readonly (readonly [string, number])[] = [
  ['MX', 60],
  ['GT', 15],
  ['IN', 15],
  ['CN', 10],
];
const INDUSTRIES: readonly (readonly [Industry, number])[] = [
  ['retail', 35],
  ['restaurant', 15],
  ['manufacturer', 20],
  ['logistics', 12],
  ['chemical', 10],
  ['pharma', 8],
];
const INDUSTRY_TRADE: Readonly<Record<Industry, string | undefined>> = {
  retail: 'Retail',
  restaurant: undefined,
  manufacturer: undefined,
  logistics: 'Logistics',
  chemical: 'Chemical',
  pharma: 'Pharmaceutical',
};
const CURRENCY: Readonly<Record<string, string>> = {
  US: 'USD',
  MX: 'MXN',
  CN: 'CNY',
  IN: 'INR',
  GT: 'GTQ',
  DE: 'EUR',
  HK: 'HKD',
  GB: 'GBP',
  CA: 'CAD',
  TR: 'TRY',
};

export function currencyOf(country: string): string {
  return CURRENCY[country] ?? 'USD';
}

export function partyId(seed: number, ...parts: readonly (string | number)[]): string {
  return contentId('sim', seed, ...parts);
}

/** Builds a party from a generator: the shared shape of background and illicit parties. */
export function makeParty(
  rng: Rng,
  options: { id: string; schema: 'Company' | 'Person'; country: string; name?: string; trade?: string; extra?: Party['extra'] },
): Party {
  const name =
    options.name ??
    (options.schema === 'Person' ? personName(rng, options.country) : companyName(rng, options.country, options.trade));
  const bank = bankName(rng, options.country);
  return {
    id: options.id,
    schema: options.schema,
    name,
    ...contact(rng, options.country, name),
    account: {
      number: accountNumber(rng, options.country, bank),
      bank,
      country: options.country,
      currency: currencyOf(options.country),
    },
    ...(options.extra === undefined ? {} : { extra: options.extra }),
  };
}

export function backgroundParty(seed: number, kind: PartyKind, index: number): BackgroundParty {
  const rng = streamRng(seed, 'party', kind, index);
  const id = partyId(seed, 'party', kind, index);
  switch (kind) {
    case 'consumer': {
      const country = rng.weighted<string>([
        ['US', 92],
        ['MX', 4],
        ['CA', 4],
      ]);
      return { ...makeParty(rng, { id, schema: 'Person', country }), industry: null };
    }
    case 'family':
      return { ...makeParty(rng, { id, schema: 'Person', country: rng.weighted(FAMILY_COUNTRIES) }), industry: null };
    case 'seller':
      return { ...makeParty(rng, { id, schema: 'Company', country: rng.weighted(SELLER_COUNTRIES) }), industry: 'retail' };
    case 'business': {
      const industry = rng.weighted(INDUSTRIES);
      const country = rng.weighted(BUSINESS_COUNTRIES);
      const trade = INDUSTRY_TRADE[industry];
      return { ...makeParty(rng, { id, schema: 'Company', country, ...(trade === undefined ? {} : { trade }) }), industry };
    }
  }
}

/** Background parties of one world, each built once on first use (an instance cache, no global state). */
export interface Population {
  readonly sizes: PopulationSizes;
  party(kind: PartyKind, index: number): BackgroundParty;
}

export function createPopulation(seed: number, sizes: PopulationSizes): Population {
  const cache: Record<PartyKind, (BackgroundParty | undefined)[]> = { consumer: [], seller: [], business: [], family: [] };
  return {
    sizes,
    party(kind, index) {
      const list = cache[kind];
      let p = list[index];
      if (p === undefined) {
        p = backgroundParty(seed, kind, index);
        list[index] = p;
      }
      return p;
    },
  };
}
