import { countryCode, countryValue } from '../country-names.js';

/**
 * What one remark of an OFAC entry says, as data. OFAC's legacy CSV packs everything it has no
 * column for into the remarks field, as "; "-separated phrases: "DOB 10 Dec 1948; POB Culiacan,
 * Sinaloa, Mexico; nationality Mexico; Passport G025057 (Mexico); Linked To: LOS CUINIS.".
 */
export type RemarkFact =
  | { readonly kind: 'prop'; readonly prop: string; readonly value: string; readonly fallback?: string }
  | { readonly kind: 'wallet'; readonly currency: string; readonly address: string }
  | { readonly kind: 'linked'; readonly name: string }
  | { readonly kind: 'note'; readonly text: string };

const MONTHS: Readonly<Record<string, string>> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/** One OFAC date ("10 Dec 1948", "Dec 1948", "1948", "circa 1951") as a full or partial ISO date. */
export function ofacDate(text: string): string | undefined {
  const t = text.trim().replace(/^(circa|approximately|about)\s+/i, '');
  let m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(t);
  if (m !== null) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    return month === undefined ? undefined : `${m[3]}-${month}-${(m[1] ?? '').padStart(2, '0')}`;
  }
  m = /^([A-Za-z]{3})[a-z]* (\d{4})$/.exec(t);
  if (m !== null) {
    const month = MONTHS[(m[1] ?? '').toLowerCase()];
    return month === undefined ? undefined : `${m[2]}-${month}`;
  }
  m = /^(\d{4})$/.exec(t);
  return m?.[1];
}

/** Birth dates of a DOB phrase; a range of years ("1955 to 1958") becomes every year in it. */
export function ofacDates(text: string): string[] {
  const range = /^(.+?)\s+to\s+(.+)$/i.exec(text.trim());
  if (range === null) {
    const d = ofacDate(text);
    return d === undefined ? [] : [d];
  }
  const from = ofacDate(range[1] ?? '');
  const to = ofacDate(range[2] ?? '');
  if (from === undefined || to === undefined) return [];
  const a = Number(from.slice(0, 4));
  const b = Number(to.slice(0, 4));
  if (from.length === 4 && to.length === 4 && b >= a && b - a <= 10)
    return Array.from({ length: b - a + 1 }, (_, i) => String(a + i));
  return [from, to];
}

/** Identifier phrases: label (as OFAC writes it) → FtM property, and the property to use when the schema lacks it. */
const IDENTIFIERS: readonly (readonly [RegExp, string, string])[] = [
  [/^(?:Passport|Pasaporte|Diplomatic Passport)$/i, 'passportNumber', 'idNumber'],
  [/^(?:Tax ID No\.|RFC|R\.F\.C\.|V\.A\.T\. Number|NIT #|Tax Identification Number)$/i, 'taxNumber', 'idNumber'],
  [/^(?:C\.U\.R\.P\.|CURP)$/i, 'idNumber', 'idNumber'],
  [/^Unified Social Credit Code \(USCC\)$/i, 'uscCode', 'registrationNumber'],
  [/^Legal Entity Number$/i, 'leiCode', 'idNumber'],
  [/^(?:Vessel Registration Identification|Identification Number)(?= IMO)/i, 'imoNumber', 'idNumber'],
  [/^MMSI$/i, 'mmsi', 'idNumber'],
  [/^(?:SSN|Social Security Number)$/i, 'socialSecurityNumber', 'idNumber'],
  [
    /^(?:Registration Number|Registration ID|Business Registration Number|Commercial Registry Number|Company Number|Folio Mercantil No\.|C\.R\. No\.|Government Gazette Number|Economic Register Number(?: \(CBLS\))?|Matricula Mercantil No|Chamber of Commerce Number|Trade License No\.|Business Number|Enterprise Number|Public Registration Number|Certificate of Incorporation Number|Registered Charity No\.|Commercial Registry No\.|Registration No\.)$/i,
    'registrationNumber',
    'idNumber',
  ],
  [
    /^(?:National ID No\.|Cedula No\.|Identification Number|Personal ID Card|D\.N\.I\.|Kenyan ID No\.|Bosnian Personal ID No\.|Credencial electoral|Driver's License No\.|Residency Number|Stateless Person ID Card|National Foreign ID Number|Citizen's Card Number|Refugee ID Card|Electoral Registry No\.|Birth Certificate Number|Immigration No\.|Identity Card)$/i,
    'idNumber',
    'idNumber',
  ],
];

/** "D366 871 (Jordan) issued 23 Jun 1999 expires ..." → the number alone. */
function identifierValue(rest: string): string | undefined {
  const m = /^(.*?)(?:\s*\([^)]*\))?(?:\s+(?:issued|expires|Expiration|valid|alt\.).*)?$/i.exec(rest.trim());
  const value = (m?.[1] ?? '').trim();
  return /\d/.test(value) ? value : undefined;
}

function identifierFact(phrase: string): RemarkFact | undefined {
  const imo = /^(?:Vessel Registration Identification|Identification Number) IMO (\d{7})/i.exec(phrase);
  if (imo !== null) return { kind: 'prop', prop: 'imoNumber', value: `IMO${imo[1] ?? ''}`, fallback: 'idNumber' };
  // Try every split of "label value" from the shortest label, so "Passport A10472263" and
  // "Unified Social Credit Code (USCC) 9113..." both find their label.
  const words = phrase.split(' ');
  for (let i = 1; i < words.length && i <= 7; i++) {
    const label = words.slice(0, i).join(' ');
    const rule = IDENTIFIERS.find(([re]) => re.test(label));
    if (rule === undefined) continue;
    const value = identifierValue(words.slice(i).join(' '));
    if (value === undefined) return undefined;
    return { kind: 'prop', prop: rule[1], value, fallback: rule[2] };
  }
  return undefined;
}

function unquote(text: string): string {
  return text
    .trim()
    .replace(/^'(.*)'$/, '$1')
    .trim();
}

/** One phrase (one "; "-separated part) of a remark. */
export function parsePhrase(raw: string): RemarkFact[] {
  const phrase = raw.trim().replace(/\.$/, '').trim();
  if (phrase.length === 0) return [];
  const body = phrase.replace(/^alt\.\s+/i, '');
  let m: RegExpExecArray | null;
  if ((m = /^(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s*(.+)$/i.exec(body)) !== null)
    return [{ kind: 'prop', prop: 'weakAlias', value: unquote(m[1] ?? '') }];
  if ((m = /^DOB\s+(.+)$/i.exec(body)) !== null) {
    const dates = ofacDates(m[1] ?? '');
    return dates.length > 0
      ? dates.map((value) => ({ kind: 'prop', prop: 'birthDate', value }))
      : [{ kind: 'note', text: phrase }];
  }
  if ((m = /^POB\s+(.+)$/i.exec(body)) !== null) {
    const place = m[1] ?? '';
    const last = place.split(',').pop() ?? '';
    const code = countryCode(last);
    return [
      { kind: 'prop', prop: 'birthPlace', value: place },
      ...(code === undefined ? [] : [{ kind: 'prop', prop: 'birthCountry', value: code.toLowerCase() } as const]),
    ];
  }
  if ((m = /^nationality\s+(.+)$/i.exec(body)) !== null)
    return [{ kind: 'prop', prop: 'nationality', value: countryValue(m[1] ?? ''), fallback: 'country' }];
  if ((m = /^citizen\s+(.+)$/i.exec(body)) !== null)
    return [{ kind: 'prop', prop: 'citizenship', value: countryValue(m[1] ?? ''), fallback: 'country' }];
  if ((m = /^Gender\s+(Male|Female)$/i.exec(body)) !== null)
    return [{ kind: 'prop', prop: 'gender', value: (m[1] ?? '').toLowerCase() }];
  if ((m = /^Linked To:\s*(.+)$/i.exec(body)) !== null) return [{ kind: 'linked', name: m[1] ?? '' }];
  if ((m = /^Digital Currency Address - ([A-Za-z0-9]+)\s+(\S+)$/i.exec(body)) !== null)
    return [{ kind: 'wallet', currency: m[1] ?? '', address: m[2] ?? '' }];
  if ((m = /^Email Address\s+(\S+)$/i.exec(body)) !== null) return [{ kind: 'prop', prop: 'email', value: m[1] ?? '' }];
  if ((m = /^(?:Phone|Telephone)(?: Number)?:?\s+(.+)$/i.exec(body)) !== null)
    return [{ kind: 'prop', prop: 'phone', value: m[1] ?? '' }];
  if ((m = /^Address\s+(.+)$/i.exec(body)) !== null) {
    // The country closes the address, before any postal code ("Guatemala City, Guatemala 01021"):
    // screening compares it with a party's country, so a look-alike abroad scores lower.
    const address = m[1] ?? '';
    const last = (address.split(',').pop() ?? '').replace(/[\s\d-]+$/, '');
    const code = countryCode(last);
    return [
      { kind: 'prop', prop: 'address', value: address },
      ...(code === undefined ? [] : [{ kind: 'prop', prop: 'country', value: code.toLowerCase() } as const]),
    ];
  }
  if ((m = /^Website\s+(\S+)$/i.exec(body)) !== null) return [{ kind: 'prop', prop: 'website', value: m[1] ?? '' }];
  if ((m = /^Organization Established Date\s+(.+)$/i.exec(body)) !== null) {
    const d = ofacDate(m[1] ?? '');
    if (d !== undefined) return [{ kind: 'prop', prop: 'incorporationDate', value: d }];
  }
  const id = identifierFact(body);
  if (id !== undefined) return [id];
  return [{ kind: 'note', text: phrase }];
}

/** Splits a remark into phrases at "; " (never inside a quoted a.k.a.) and parses each. */
export function parseRemarks(remarks: string): RemarkFact[] {
  const phrases: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < remarks.length; i++) {
    const c = remarks[i] ?? '';
    // An apostrophe opens a quote only after "a.k.a. " style markers; inside words it is text.
    if (c === "'" && (quoted || /(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s*$/i.test(current))) quoted = !quoted;
    if (c === ';' && !quoted) {
      phrases.push(current);
      current = '';
    } else current += c;
  }
  phrases.push(current);
  return phrases.flatMap(parsePhrase);
}
