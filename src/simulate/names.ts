import type { Rng } from './rng.js';

/**
 * Name, address and contact generators by country: plausible but fictional. Phones use each
 * country's format with a 0555-style fictional block; e-mail domains end in ".example".
 */
const SURNAMES: Readonly<Record<string, readonly string[]>> = {
  CN: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo'],
  MX: [
    'Hernández',
    'García',
    'Martínez',
    'López',
    'González',
    'Pérez',
    'Rodríguez',
    'Sánchez',
    'Ramírez',
    'Cruz',
    'Flores',
    'Gómez',
    'Morales',
    'Vázquez',
  ],
  US: [
    'Smith',
    'Johnson',
    'Williams',
    'Brown',
    'Jones',
    'Miller',
    'Davis',
    'Wilson',
    'Anderson',
    'Taylor',
    'Thomas',
    'Moore',
    'Martin',
    'Jackson',
    'Lee',
    'Nguyen',
    'Patel',
    'Garcia',
  ],
  IN: ['Sharma', 'Patel', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Mehta', 'Shah', 'Rao'],
  DE: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann'],
  TR: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Aydın', 'Öztürk'],
  GT: ['López', 'García', 'Pérez', 'Morales', 'Castillo', 'Méndez', 'Ajú', 'Xicará'],
};
const GIVEN: Readonly<Record<string, readonly string[]>> = {
  CN: ['Wei', 'Fang', 'Min', 'Jing', 'Lei', 'Yan', 'Jun', 'Hao', 'Xiaoming', 'Lina', 'Qiang', 'Ying', 'Tao', 'Minsu'],
  MX: [
    'José',
    'Juan',
    'Luis',
    'Carlos',
    'Jorge',
    'María',
    'Guadalupe',
    'Rosa',
    'Ana',
    'Miguel',
    'Alejandro',
    'Sofía',
    'Fernanda',
  ],
  US: [
    'James',
    'Mary',
    'Robert',
    'Patricia',
    'John',
    'Jennifer',
    'Michael',
    'Linda',
    'David',
    'Emily',
    'Daniel',
    'Ashley',
    'Kevin',
    'Maria',
  ],
  IN: ['Rahul', 'Priya', 'Amit', 'Sunita', 'Vikram', 'Anjali', 'Rohan', 'Neha'],
  DE: ['Lukas', 'Anna', 'Jonas', 'Lea', 'Felix', 'Laura', 'Paul', 'Julia'],
  TR: ['Mehmet', 'Ayşe', 'Mustafa', 'Fatma', 'Emre', 'Elif', 'Can', 'Zeynep'],
  GT: ['Carlos', 'Ana', 'Mario', 'Lucía', 'Edgar', 'Marta', 'Byron', 'Gladys'],
};
const CITIES: Readonly<Record<string, readonly (readonly [city: string, region: string, postal: string])[]>> = {
  CN: [
    ['Wuhan', 'Hubei', '4300'],
    ['Shanghai', 'Shanghai', '2000'],
    ['Shenzhen', 'Guangdong', '5180'],
    ['Hangzhou', 'Zhejiang', '3100'],
    ['Shijiazhuang', 'Hebei', '0500'],
    ['Jinan', 'Shandong', '2500'],
    ['Guangzhou', 'Guangdong', '5100'],
    ['Yiwu', 'Zhejiang', '3220'],
  ],
  HK: [
    ['Kowloon', 'Hong Kong', ''],
    ['Kwun Tong', 'Hong Kong', ''],
    ['Tsuen Wan', 'Hong Kong', ''],
  ],
  MX: [
    ['Zapopan', 'Jalisco', '451'],
    ['Culiacán', 'Sinaloa', '800'],
    ['Guadalajara', 'Jalisco', '441'],
    ['Manzanillo', 'Colima', '282'],
    ['Tijuana', 'Baja California', '220'],
    ['Ciudad de México', 'CDMX', '060'],
    ['Lázaro Cárdenas', 'Michoacán', '609'],
  ],
  US: [
    ['Los Angeles', 'CA', '900'],
    ['Houston', 'TX', '770'],
    ['Chicago', 'IL', '606'],
    ['Phoenix', 'AZ', '850'],
    ['San Diego', 'CA', '921'],
    ['Laredo', 'TX', '780'],
    ['Miami', 'FL', '331'],
    ['New York', 'NY', '100'],
    ['Columbus', 'OH', '432'],
    ['Atlanta', 'GA', '303'],
    ['Seattle', 'WA', '981'],
    ['El Paso', 'TX', '799'],
  ],
  IN: [
    ['Mumbai', 'Maharashtra', '4000'],
    ['Hyderabad', 'Telangana', '5000'],
    ['Ahmedabad', 'Gujarat', '3800'],
  ],
  DE: [
    ['Hamburg', 'Hamburg', '20'],
    ['Frankfurt am Main', 'Hessen', '60'],
    ['Leipzig', 'Sachsen', '04'],
  ],
  TR: [
    ['İstanbul', 'İstanbul', '34'],
    ['İzmir', 'İzmir', '35'],
    ['Mersin', 'Mersin', '33'],
  ],
  GT: [
    ['Guatemala City', 'Guatemala', '010'],
    ['Puerto Quetzal', 'Escuintla', '050'],
  ],
  GB: [['London', 'England', 'E1']],
  VN: [['Ho Chi Minh City', 'HCMC', '700']],
  KR: [['Seoul', 'Seoul', '04']],
  JP: [['Osaka', 'Osaka', '530']],
  CA: [['Toronto', 'ON', 'M5V']],
  FR: [['Lyon', 'Auvergne-Rhône-Alpes', '690']],
  IT: [['Milano', 'Lombardia', '201']],
};
const STREETS = [
  'Industrial Park Road',
  'Huaxia Road',
  'Main Street',
  'Calle Hidalgo',
  'Avenida Juárez',
  'Oak Avenue',
  'Harbor Boulevard',
  'Logistics Way',
  'Science Avenue',
  'Station Road',
  'Commerce Drive',
];
const PHONE_PREFIX: Readonly<Record<string, string>> = {
  CN: '+86',
  HK: '+852',
  MX: '+52',
  US: '+1',
  IN: '+91',
  DE: '+49',
  TR: '+90',
  GT: '+502',
  GB: '+44',
  VN: '+84',
  KR: '+82',
  JP: '+81',
  CA: '+1',
  FR: '+33',
  IT: '+39',
};

const CN_PLACES = ['Hubei', 'Wuhan', 'Hebei', 'Shanghai', 'Jinan', 'Hangzhou', 'Shenzhen', 'Guangzhou', 'Yiwu', 'Nanjing'];
const CN_CORES = [
  'Qianjin',
  'Yuancheng',
  'Huayu',
  'Jiankang',
  'Xinyuan',
  'Tianrui',
  'Hongda',
  'Shengtai',
  'Ruixiang',
  'Jinlong',
  'Kaiyuan',
  'Baoxin',
  'Longsheng',
  'Fuxing',
  'Anhong',
  'Mingde',
];
const CN_TRADES = [
  'Biotech',
  'Chemical',
  'Pharmaceutical Technology',
  'New Material',
  'Trading',
  'Import & Export',
  'Electronics',
  'Garment',
  'Household Products',
  'Biological Technology',
];
const WEST_CORES = [
  'Cedar Ridge',
  'Blue Harbor',
  'Summit',
  'Pioneer',
  'Lakeside',
  'Golden Gate',
  'Redwood',
  'Atlas',
  'Northstar',
  'Evergreen',
  'Silver Creek',
  'Prairie',
  'Keystone',
  'Harbor Point',
  'Mesa Verde',
];
const WEST_TRADES = [
  'Logistics',
  'Trading',
  'Supply',
  'Distribution',
  'Foods',
  'Pharma',
  'Chemicals',
  'Retail',
  'Electronics',
  'Holdings',
  'Imports',
];
const MX_CORES = [
  'Amapola',
  'Sierra Madre',
  'Del Pacífico',
  'Río Bravo',
  'Los Altos',
  'Occidente',
  'Azteca',
  'Jalisco',
  'Mazatlán',
  'Norteña',
];
const MX_TRADES = ['Comercializadora', 'Importadora', 'Distribuidora', 'Servicios Químicos', 'Grupo Industrial', 'Logística'];
const SUFFIX: Readonly<Record<string, readonly string[]>> = {
  US: ['LLC', 'Inc.', 'Corp.'],
  MX: ['S.A. de C.V.', 'S. de R.L. de C.V.'],
  DE: ['GmbH', 'GmbH & Co. KG'],
  IN: ['Pvt. Ltd.'],
  TR: ['Ltd. Şti.', 'A.Ş.'],
  GT: ['S.A.'],
  HK: ['Limited', 'Co., Limited'],
  GB: ['Ltd'],
  CA: ['Inc.'],
};

export interface Contact {
  readonly address: string;
  readonly city: string;
  readonly country: string;
  readonly phone: string;
  readonly email: string;
}

export function personName(rng: Rng, country: string): string {
  const c = country in SURNAMES ? country : 'US';
  const given = rng.pick(GIVEN[c] ?? []);
  const family = rng.pick(SURNAMES[c] ?? []);
  return c === 'CN' ? `${family} ${given}` : `${given} ${family}`;
}

export function companyName(rng: Rng, country: string, trade?: string): string {
  if (country === 'CN') return `${rng.pick(CN_PLACES)} ${rng.pick(CN_CORES)} ${trade ?? rng.pick(CN_TRADES)} Co., Ltd.`;
  if (country === 'MX') return `${rng.pick(MX_TRADES)} ${rng.pick(MX_CORES)} ${rng.pick(SUFFIX['MX'] ?? [])}`;
  const suffix = rng.pick(SUFFIX[country] ?? ['Ltd.']);
  const core =
    country === 'HK' ? `${rng.pick(CN_CORES)} ${rng.pick(['International', 'Trading', 'Global'])}` : rng.pick(WEST_CORES);
  return `${core} ${trade ?? rng.pick(WEST_TRADES)} ${suffix}`;
}

/** A name that resembles another: one letter changed, a word swapped, or the suffix changed. */
export function lookalikeName(rng: Rng, name: string): string {
  const words = name.split(' ');
  const i = rng.int(0, Math.max(0, Math.min(2, words.length - 1)));
  const word = words[i] ?? '';
  const variant = rng.pick([
    (w: string) => `${w}g`,
    (w: string) => (w.length > 3 ? w.slice(0, -1) : `${w}a`),
    (w: string) => w.replace(/an/, 'ang').replace(/in/, 'ing'),
  ])(word);
  words[i] = variant === word ? `${word}s` : variant;
  return words.join(' ');
}

function slug(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[^A-Za-z0-9 ]/g, '')
    .toLowerCase();
  return (
    ascii
      .split(' ')
      .filter((w) => w.length > 0)
      .slice(0, 2)
      .join('') || 'mail'
  );
}

export function contact(rng: Rng, country: string, name: string): Contact {
  const [city, region, postal] = rng.pick(CITIES[country] ?? CITIES['US'] ?? []);
  const number = `${rng.int(100, 9999)}`;
  const street = rng.pick(STREETS);
  const address =
    country === 'CN'
      ? `Room ${rng.int(101, 2808)}, Building ${rng.pick(['A', 'B', 'C', '3', '7'])}, ${number} ${street}, ${city}, ${region} ${postal}${rng.int(10, 99)}`
      : `${number} ${street}, ${city}, ${region} ${postal}${rng.int(10, 99)}`.trim();
  const phone = `${PHONE_PREFIX[country] ?? '+1'} ${rng.int(10, 99)} 0555 ${String(rng.int(0, 9999)).padStart(4, '0')}`;
  const email = `${rng.pick(['info', 'sales', 'export', 'contact', 'admin'])}@${slug(name)}.example${country === 'US' ? '' : `.${country.toLowerCase()}`}`;
  return { address, city, country, phone, email };
}

const BANKS: Readonly<Record<string, readonly string[]>> = {
  US: ['Great Lakes First Bank', 'Lone Mesa National Bank', 'Pacific Crest Bank', 'Union Harbor Bank', 'Sunbelt Community Bank'],
  MX: ['Banco del Occidente', 'Banco Mercantil del Norte', 'Banca Sierra'],
  CN: ['Shenzhen Delta Bank', 'Hubei Commercial Bank', 'Zhejiang Merchants Bank'],
  HK: ['Victoria Harbour Bank'],
  IN: ['Western India Bank'],
  DE: ['Hanse Handelsbank'],
  TR: ['Boğaz Bankası'],
  GT: ['Banco Quetzal'],
};

export function bankName(rng: Rng, country: string): string {
  return rng.pick(BANKS[country] ?? [`${country} National Bank`]);
}

/** An account number in the style of the example files: CC-BANK-NNNN-NNNNNN. */
export function accountNumber(rng: Rng, country: string, bank: string): string {
  const code = bank
    .replace(/[^A-Z]/g, '')
    .slice(0, 4)
    .padEnd(4, 'X');
  return `${country}-${code}-${rng.int(1000, 9999)}-${String(rng.int(0, 999999)).padStart(6, '0')}`;
}
