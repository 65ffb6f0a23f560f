import { contentId } from '../../model/index.js';
import { countryValue } from '../country-names.js';
import { EntityDraft } from '../entity-draft.js';
import { WatchlistFormatError } from '../errors.js';
import type { ListRecord } from '../list-record.js';
import { entNum, ofacRows } from './csv-rows.js';
import type { OfacFileSet } from './layout.js';
import { parseRemarks } from './remarks.js';

const SDN_COLUMNS = [
  'ent_num',
  'SDN_Name',
  'SDN_Type',
  'Program',
  'Title',
  'Call_Sign',
  'Vess_type',
  'Tonnage',
  'GRT',
  'Vess_flag',
  'Vess_owner',
  'Remarks',
] as const;
const ALT_COLUMNS = ['ent_num', 'alt_num', 'alt_type', 'alt_name', 'alt_remarks'] as const;
const ADD_COLUMNS = ['ent_num', 'add_num', 'address', 'city_state_zip', 'country', 'add_remarks'] as const;
const COMMENT_COLUMNS = ['ent_num', 'remarks_extended'] as const;

export const OFAC_AUTHORITY = 'US Office of Foreign Assets Control';

async function sideFile<T>(
  path: string | undefined,
  columns: readonly string[],
  take: (fields: readonly string[]) => T,
): Promise<Map<number, T[]>> {
  const out = new Map<number, T[]>();
  if (path === undefined) return out;
  for await (const row of ofacRows(path, columns.length, columns)) {
    const n = entNum(path, row, columns[0] ?? 'ent_num');
    let list = out.get(n);
    if (list === undefined) out.set(n, (list = []));
    list.push(take(row.fields));
  }
  return out;
}

const SCHEMA_BY_TYPE: Readonly<Record<string, string>> = {
  individual: 'Person',
  vessel: 'Vessel',
  aircraft: 'Airplane',
  '': 'Organization',
};

function programmes(field: string): string[] {
  return field
    .split(/\]\s*\[/)
    .map((p) => p.replace(/^\[|\]$/g, '').trim())
    .filter((p) => p.length > 0);
}

/** "1,234" → "1234": FtM numbers carry no grouping. */
const number = (text: string): string => text.replace(/,/g, '');

export const ofacEntityId = (n: number): string => `ofac-${n}`;

/**
 * Reads one OFAC publication (the primary list joined with its aliases, addresses and remark
 * continuations) into FtM entities: one Person, Organization, Vessel or Airplane per entry, with
 * its programmes, aliases (weak ones as weakAlias), addresses and what its remarks say; plus a
 * Sanction per entry, a CryptoWallet per digital currency address and an UnknownLink per
 * resolvable "Linked To". The side files are small and read into memory; the primary list is
 * streamed twice (names first, so "Linked To: NAME" can name an entry further down).
 */
export async function* readOfac(set: OfacFileSet): AsyncIterable<ListRecord> {
  const aliases = await sideFile(set.alt, ALT_COLUMNS, (f) => ({
    type: (f[2] ?? '').toLowerCase(),
    name: f[3] ?? '',
    weak: /\bweak\b/i.test(f[4] ?? ''),
  }));
  const addresses = await sideFile(set.add, ADD_COLUMNS, (f) => ({
    street: f[2] ?? '',
    city: f[3] ?? '',
    country: f[4] ?? '',
    remarks: f[5] ?? '',
  }));
  const comments = await sideFile(set.comments, COMMENT_COLUMNS, (f) => f[1] ?? '');
  const byName = new Map<string, number>();
  for await (const row of ofacRows(set.primary, SDN_COLUMNS.length, SDN_COLUMNS)) {
    const n = entNum(set.primary, row, 'ent_num');
    const name = (row.fields[1] ?? '').toUpperCase();
    if (!byName.has(name)) byName.set(name, n);
  }
  const file = set.primary;
  for await (const row of ofacRows(file, SDN_COLUMNS.length, SDN_COLUMNS)) {
    const f = row.fields;
    const n = entNum(file, row, 'ent_num');
    const id = ofacEntityId(n);
    const name = f[1] ?? '';
    if (name.length === 0) throw new WatchlistFormatError(file, row.line, 'SDN_Name', 'empty name');
    const type = (f[2] ?? '').toLowerCase();
    const schema = SCHEMA_BY_TYPE[type];
    if (schema === undefined)
      throw new WatchlistFormatError(
        file,
        row.line,
        'SDN_Type',
        `unknown entry type "${f[2] ?? ''}" (individual, vessel, aircraft or empty)`,
      );
    const e = new EntityDraft(id, schema);
    const emit = (entity: ReturnType<EntityDraft['build']>): ListRecord => ({ entity, file, line: row.line });
    e.add('name', name);
    e.add('topics', 'sanction');
    const programs = programmes(f[3] ?? '');
    for (const p of programs) e.add('program', p);
    if (schema === 'Person') e.add('position', f[4]);
    else e.add('notes', f[4] ? `Title: ${f[4]}` : '');
    if (schema === 'Vessel') {
      e.add('callSign', f[5]);
      e.add('type', f[6]);
      e.add('tonnage', number(f[7] ?? ''));
      e.add('grossRegisteredTonnage', number(f[8] ?? ''));
      if (f[9]) e.add('flag', countryValue(f[9]));
      if (f[10]) e.add('notes', `Owner: ${f[10]}`);
    }
    for (const a of aliases.get(n) ?? []) {
      e.add(a.weak ? 'weakAlias' : a.type === 'fka' ? 'previousName' : 'alias', a.name);
    }
    for (const a of addresses.get(n) ?? []) {
      const full = [a.street, a.city, a.country].filter((x) => x.length > 0).join(', ');
      e.add('address', full);
      if (a.country) e.add('country', countryValue(a.country));
      if (a.remarks) e.add('notes', `Address remark: ${a.remarks}`);
    }
    const remarks = (f[11] ?? '') + (comments.get(n) ?? []).join('');
    const notes: string[] = [];
    const related: ListRecord[] = [];
    for (const fact of parseRemarks(remarks)) {
      switch (fact.kind) {
        case 'prop':
          e.add(fact.prop, fact.value, fact.fallback);
          break;
        case 'note':
          notes.push(fact.text);
          break;
        case 'wallet': {
          const w = new EntityDraft(`${id}-wallet-${contentId(fact.currency, fact.address).slice(0, 12)}`, 'CryptoWallet');
          w.add('publicKey', fact.address);
          w.add('currency', fact.currency);
          w.add('holder', id);
          w.add('topics', 'sanction');
          related.push(emit(w.build()));
          break;
        }
        case 'linked': {
          // The phrase lost its final full stop; names such as "... CO., LTD." end with one.
          const target = byName.get(fact.name.toUpperCase()) ?? byName.get(`${fact.name.toUpperCase()}.`);
          if (target === undefined || target === n) {
            notes.push(`Linked To: ${fact.name}`);
            break;
          }
          const link = new EntityDraft(`${id}-linked-${target}`, 'UnknownLink');
          link.add('subject', id);
          link.add('object', ofacEntityId(target));
          link.add('role', 'Linked To');
          related.push(emit(link.build()));
          break;
        }
      }
    }
    if (notes.length > 0) e.add('notes', notes.join('; '));
    yield emit(e.build());
    const sanction = new EntityDraft(`${id}-sanction`, 'Sanction');
    sanction.add('entity', id);
    sanction.add('authority', OFAC_AUTHORITY);
    sanction.add('country', 'us');
    for (const p of programs) sanction.add('program', p);
    yield emit(sanction.build());
    yield* related;
  }
}
