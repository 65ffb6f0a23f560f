import type { Rng } from './rng.js';

/** Goods, ports and carriers the generators draw from: plain data. */
export interface Product {
  readonly description: string;
  readonly hs: string;
  /** Typical declared value in USD (median) and weight in kg. */
  readonly usd: number;
  readonly kg: number;
}

export const ECOMMERCE: readonly Product[] = [
  { description: 'Phone case, silicone', hs: '3926.90', usd: 9, kg: 0.1 },
  { description: "Women's cotton T-shirt", hs: '6109.10', usd: 14, kg: 0.2 },
  { description: 'Wireless earbuds', hs: '8518.30', usd: 28, kg: 0.2 },
  { description: 'LED strip lights 5m', hs: '9405.40', usd: 18, kg: 0.4 },
  { description: 'Kitchen utensil set, stainless steel', hs: '8215.99', usd: 24, kg: 0.9 },
  { description: 'Running shoes', hs: '6404.11', usd: 45, kg: 0.9 },
  { description: 'Toy building blocks', hs: '9503.00', usd: 22, kg: 0.7 },
  { description: 'Cosmetic brushes set', hs: '9603.29', usd: 12, kg: 0.2 },
  { description: 'USB-C charging cable', hs: '8544.42', usd: 7, kg: 0.1 },
  { description: 'Fitness tracker watch', hs: '9102.12', usd: 35, kg: 0.2 },
  { description: 'Polyester dress', hs: '6204.43', usd: 19, kg: 0.3 },
  { description: 'Car phone holder', hs: '8708.29', usd: 11, kg: 0.2 },
  { description: 'Drone with camera', hs: '8806.22', usd: 160, kg: 1.2 },
  { description: 'Vitamin supplements, capsules', hs: '2106.90', usd: 21, kg: 0.3 },
  { description: 'Handbag, synthetic leather', hs: '4202.22', usd: 32, kg: 0.6 },
  { description: 'Laptop stand, aluminium', hs: '7616.99', usd: 27, kg: 1.1 },
];

export const FREIGHT: readonly Product[] = [
  { description: 'Steel fasteners, bolts and nuts', hs: '7318.15', usd: 18000, kg: 6000 },
  { description: 'Furniture, wooden chairs', hs: '9401.61', usd: 24000, kg: 3500 },
  { description: 'Auto parts, brake pads', hs: '8708.30', usd: 30000, kg: 2500 },
  { description: 'Solar panels', hs: '8541.43', usd: 60000, kg: 8000 },
  { description: 'Fresh avocados', hs: '0804.40', usd: 35000, kg: 18000 },
  { description: 'Cotton fabric rolls', hs: '5208.52', usd: 15000, kg: 4000 },
  { description: 'Laptop computers', hs: '8471.30', usd: 120000, kg: 900 },
];

/** Legitimate chemical trade, including chemicals in the same catch-all 2933.39 as precursors. */
export const CHEMICALS: readonly (Product & { readonly listI: boolean })[] = [
  { description: 'Pyridine, 99.5%', hs: '2933.31', usd: 9000, kg: 2000, listI: false },
  { description: '2-Aminopyridine (CAS 504-29-0)', hs: '2933.39', usd: 6000, kg: 500, listI: false },
  { description: 'Piperidine (CAS 110-89-4)', hs: '2933.32', usd: 7000, kg: 800, listI: true },
  { description: '1-Benzyl-4-piperidone (CAS 3612-20-2)', hs: '2933.39', usd: 12000, kg: 300, listI: false },
  { description: 'Propionic anhydride (CAS 123-62-6)', hs: '2915.90', usd: 8000, kg: 1500, listI: true },
  { description: 'Aniline (CAS 62-53-3)', hs: '2921.41', usd: 5000, kg: 3000, listI: false },
  { description: 'Citric acid anhydrous', hs: '2918.14', usd: 4000, kg: 5000, listI: false },
  { description: 'Laboratory reagent sample, 4-hydroxypiperidine 100 g', hs: '2933.39', usd: 90, kg: 0.5, listI: false },
];

export const PHARMA: readonly Product[] = [
  { description: 'Paracetamol tablets 500 mg, bulk', hs: '3004.90', usd: 40000, kg: 2000 },
  { description: 'Amoxicillin capsules', hs: '3004.10', usd: 55000, kg: 1200 },
  { description: 'Metformin hydrochloride API', hs: '2925.29', usd: 30000, kg: 1000 },
  { description: 'Ibuprofen API', hs: '2916.39', usd: 25000, kg: 1500 },
];

/** Illicit precursors (domain.md §2) with their real HS codes and CAS numbers. */
export const PRECURSOR_KEYS = ['npp', 'anpp', '4-ap', 'boc-4-ap', 'boc-4-piperidone'] as const;
export type PrecursorKey = (typeof PRECURSOR_KEYS)[number];

export interface Precursor {
  /** The key the chemical-control lever uses. */
  readonly key: PrecursorKey;
  readonly name: string;
  readonly cas: string;
  readonly hs: string;
  /** Street price a supplier charges per kg, USD (assumption). */
  readonly usdPerKg: number;
}
export const PRECURSORS: readonly Precursor[] = [
  { key: 'boc-4-piperidone', name: '1-boc-4-piperidone', cas: '79099-07-3', hs: '2933.39', usdPerKg: 120 },
  { key: '4-ap', name: '4-AP (4-anilinopiperidine)', cas: '23056-29-3', hs: '2933.39', usdPerKg: 300 },
  { key: 'boc-4-ap', name: '1-boc-4-AP', cas: '125541-22-2', hs: '2933.39', usdPerKg: 350 },
  { key: 'npp', name: 'NPP (N-phenethyl-4-piperidone)', cas: '39742-60-4', hs: '2933.37', usdPerKg: 250 },
  { key: 'anpp', name: '4-ANPP', cas: '21409-26-7', hs: '2933.36', usdPerKg: 400 },
];

/** Descriptions a supplier uses to hide a precursor: vague, benign, or sales slang by CAS number. */
export function disguisedDescription(rng: Rng, precursor: Precursor): string {
  const slang = `CAS ${precursor.cas.split('-')[0] ?? precursor.cas}`;
  return rng.weighted<string>([
    [slang, 3],
    [`Organic intermediate ${slang}`, 2],
    ['Pharmaceutical intermediate', 2],
    ['Heterocyclic compound, industrial use', 2],
    ['Plastic additive powder', 1],
    ['Pigment powder', 1],
    ['Chemical reagent sample', 2],
    ['Food additive', 1],
  ]);
}

export const PORTS: Readonly<Record<string, readonly string[]>> = {
  CN: ['Shanghai Pudong (PVG)', "Shenzhen Bao'an (SZX)", 'Guangzhou Baiyun (CAN)', 'Port of Ningbo', 'Wuhan Tianhe (WUH)'],
  HK: ['Hong Kong (HKG)'],
  DE: ['Frankfurt (FRA)', 'Leipzig/Halle (LEJ)'],
  IN: ['Mumbai (BOM)', 'Hyderabad (HYD)'],
  TR: ['Istanbul (IST)'],
  GT: ['Guatemala City (GUA)', 'Puerto Quetzal'],
  MX: ['Manzanillo', 'Lázaro Cárdenas', 'Mexico City (MEX)'],
  US: [
    "Chicago O'Hare (ORD)",
    'Los Angeles (LAX)',
    'JFK International Mail Facility',
    'Cincinnati (CVG)',
    'Miami (MIA)',
    'Port of Long Beach',
    'Laredo',
  ],
};

export function port(rng: Rng, country: string): string {
  return rng.pick(PORTS[country] ?? [`${country} international airport`]);
}

export const CARRIERS: Readonly<Record<'postal' | 'express' | 'air_cargo' | 'ocean' | 'truck' | 'rail', readonly string[]>> = {
  postal: ['China Post / USPS', 'Universal Postal Union / USPS', 'ePacket'],
  express: ['DHL Express', 'FedEx', 'UPS', 'SF Express'],
  air_cargo: ['Cathay Cargo', 'China Southern Cargo', 'Atlas Air', 'Lufthansa Cargo'],
  ocean: ['COSCO Shipping', 'Maersk', 'MSC', 'Evergreen Line'],
  truck: ['Transportes del Norte', 'Border Freight LLC'],
  rail: ['Union Pacific', 'Ferromex'],
};

export const MARKETPLACES = ['ShopWave', 'MegaMall Online', 'BuyDirect', 'TradeHub B2B', 'GlobalBazaar'];

export function houseBill(rng: Rng): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  let s = '';
  for (let i = 0; i < 3; i++) s += letters[rng.int(0, letters.length - 1)];
  return `${s}${rng.int(10_000_000, 99_999_999)}`;
}

export function masterBill(rng: Rng): string {
  return `${rng.pick(['784', '999', '160', '020'])}-${rng.int(10_000_000, 99_999_999)}`;
}

const US_ENTRY_PORTS: Readonly<Record<'postal' | 'express' | 'air_cargo' | 'ocean' | 'truck' | 'rail', readonly string[]>> = {
  postal: ['JFK International Mail Facility', 'Chicago International Mail Facility', 'Los Angeles International Mail Facility'],
  express: ['Cincinnati (CVG)', 'Memphis (MEM)', 'Louisville (SDF)', 'Los Angeles (LAX)'],
  air_cargo: ["Chicago O'Hare (ORD)", 'Los Angeles (LAX)', 'Miami (MIA)', 'New York (JFK)'],
  ocean: ['Port of Long Beach', 'Port of Los Angeles', 'Port of Savannah', 'Port of Houston'],
  truck: ['Laredo', 'Otay Mesa', 'Nogales'],
  rail: ['Laredo', 'Eagle Pass'],
};

/** A US port of entry that fits the transport mode (mail facilities for post, hubs for express). */
export function usEntryPort(rng: Rng, mode: keyof typeof US_ENTRY_PORTS): string {
  return rng.pick(US_ENTRY_PORTS[mode]);
}
