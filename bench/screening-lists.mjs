// Reads the real OFAC SDN (sdn.csv + alt.csv) and UN consolidated lists into match subjects for the
// screening benchmarks. Kept deliberately small: the watchlist capability (src/watchlist) is the
// product's reader; this only needs names, schema, dates of birth and nationalities.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const SHARED = process.env.CHOKEPOINT_SHARED_DATA ?? new URL('../../shared/data/', import.meta.url).pathname;
const OFAC = join(SHARED, 'watchlists/ofac/sdn_2021-07-07');
const UN = join(SHARED, 'watchlists/un/UN_consolidated_2026-02-27.xml');

const empty = (v) => v === undefined || v.trim() === '-0-' || v.trim() === '';
const SCHEMA = { individual: 'Person', vessel: 'Vessel', aircraft: 'Airplane' };

/** OFAC SDN entries with their aliases; weak aliases ("a.k.a." of low quality) are kept as aliases too. */
export function readOfac() {
  const rows = parse(readFileSync(join(OFAC, 'sdn.csv'), 'latin1'), { relax_column_count: true, relax_quotes: true });
  const byId = new Map();
  for (const r of rows) {
    if (r.length < 3 || empty(r[1])) continue;
    const remarks = r[11] ?? '';
    const dob = /DOB (\d{2} \w{3} \d{4}|\d{4})/.exec(remarks);
    const nat = /nationality (\w+)/i.exec(remarks);
    byId.set(r[0], {
      id: `ofac-${r[0]}`,
      schema: SCHEMA[(r[2] ?? '').trim().replace(/"/g, '')] ?? 'LegalEntity',
      names: [r[1].trim()],
      aliases: [],
      countries: [],
      nationalities: nat ? [nat[1]] : [],
      birthDates: dob ? [dob[1].slice(-4)] : [],
      identifiers: [],
      dataset: 'ofac-sdn',
    });
  }
  const alts = parse(readFileSync(join(OFAC, 'alt.csv'), 'latin1'), { relax_column_count: true, relax_quotes: true });
  for (const a of alts) {
    const e = byId.get(a[0]);
    if (e !== undefined && !empty(a[3])) e.aliases.push(a[3].trim());
  }
  return [...byId.values()];
}

const tag = (block, name) =>
  [...block.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1].trim()).filter(Boolean);
const decode = (s) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** UN consolidated list: individuals (name parts joined) and entities, with their aliases. */
export function readUn() {
  const xml = readFileSync(UN, 'utf8');
  const out = [];
  for (const kind of ['INDIVIDUAL', 'ENTITY']) {
    for (const m of xml.matchAll(new RegExp(`<${kind}>([\\s\\S]*?)</${kind}>`, 'g'))) {
      const block = m[1];
      const head = block.split(`<${kind}_ALIAS>`)[0];
      const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].flatMap((t) => tag(head, t)).join(' ');
      if (name.length === 0) continue;
      const aliases = [...block.matchAll(new RegExp(`<${kind}_ALIAS>([\\s\\S]*?)</${kind}_ALIAS>`, 'g'))].flatMap((a) =>
        tag(a[1], 'ALIAS_NAME'),
      );
      const dob = block.match(/<(?:YEAR|DATE)>(\d{4})/);
      out.push({
        id: `un-${tag(block, 'DATAID')[0]}`,
        schema: kind === 'INDIVIDUAL' ? 'Person' : 'LegalEntity',
        names: [decode(name)],
        aliases: aliases.map(decode),
        countries: [],
        nationalities: [],
        birthDates: dob ? [dob[1]] : [],
        identifiers: [],
        dataset: 'un-sc',
      });
    }
  }
  return out;
}

/** Both lists, names and aliases merged into one subject per entry. */
export function readLists() {
  return [...readOfac(), ...readUn()].map((e) => ({ ...e, names: [...e.names, ...e.aliases] }));
}
