import { COUNTRY_CODES } from '../model/index.js';

/**
 * Country names as sanctions lists write them, to ISO 3166-1 alpha-2 codes. The English names
 * come from ICU (Node's Intl), so every country is covered without a hand-kept table; the
 * spellings below are the ones OFAC and the UN use that ICU does not ("Korea, North", "Burma").
 */
const LIST_SPELLINGS: Readonly<Record<string, string>> = {
  'korea, north': 'KP',
  "democratic people's republic of korea": 'KP',
  'korea, south': 'KR',
  'republic of korea': 'KR',
  burma: 'MM',
  myanmar: 'MM',
  turkey: 'TR',
  'democratic republic of the congo': 'CD',
  'congo, democratic republic of the': 'CD',
  'congo, republic of the': 'CG',
  palestinian: 'PS',
  'west bank': 'PS',
  gaza: 'PS',
  'hong kong': 'HK',
  macau: 'MO',
  macao: 'MO',
  'iran (islamic republic of)': 'IR',
  'russian federation': 'RU',
  'syrian arab republic': 'SY',
  'united states of america': 'US',
  'the gambia': 'GM',
  'gambia, the': 'GM',
  'bahamas, the': 'BS',
  "cote d'ivoire": 'CI',
  'viet nam': 'VN',
  "lao people's democratic republic": 'LA',
  'united republic of tanzania': 'TZ',
  'bolivia (plurinational state of)': 'BO',
  'venezuela (bolivarian republic of)': 'VE',
  'libyan arab jamahiriya': 'LY',
  'republic of moldova': 'MD',
  'the former yugoslav republic of macedonia': 'MK',
  'czech republic': 'CZ',
  swaziland: 'SZ',
  'cabo verde': 'CV',
  'brunei darussalam': 'BN',
  kosovo: 'XK',
  'united kingdom of great britain and northern ireland': 'GB',
  'netherlands antilles': 'CW',
};

function fold(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

let memo: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (memo !== undefined) return memo;
  const names = new Map<string, string>();
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const code of COUNTRY_CODES) {
    const name = display.of(code);
    if (name !== undefined && name !== code) names.set(fold(name), code);
  }
  for (const [name, code] of Object.entries(LIST_SPELLINGS)) names.set(fold(name), code);
  memo = names;
  return names;
}

/** The ISO code of a country as a list names it ("Korea, North" → "KP"), or undefined. */
export function countryCode(name: string): string | undefined {
  const trimmed = name.trim().replace(/\.$/, '');
  if (/^[A-Za-z]{2}$/.test(trimmed) && COUNTRY_CODES.includes(trimmed.toUpperCase())) return trimmed.toUpperCase();
  return table().get(fold(trimmed));
}

/** An FtM country value: the lower-case ISO code where known (FtM's spelling), else the text. */
export function countryValue(name: string): string {
  return countryCode(name)?.toLowerCase() ?? name.trim();
}
