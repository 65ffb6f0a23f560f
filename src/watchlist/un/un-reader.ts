import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { countryCode, countryValue } from '../country-names.js';
import { EntityDraft } from '../entity-draft.js';
import { WatchlistFormatError } from '../errors.js';
import type { ListRecord } from '../list-record.js';

export const UN_AUTHORITY = 'United Nations Security Council';

/** Sub-blocks of a listed record whose children are read as one group (one alias, one address). */
const BLOCKS = new Set([
  'INDIVIDUAL_ALIAS',
  'INDIVIDUAL_ADDRESS',
  'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_PLACE_OF_BIRTH',
  'INDIVIDUAL_DOCUMENT',
  'ENTITY_ALIAS',
  'ENTITY_ADDRESS',
]);
/** Multi-valued fields written as <FIELD><VALUE>..</VALUE>...</FIELD>. */
const VALUE_LISTS = new Set(['NATIONALITY', 'LIST_TYPE', 'DESIGNATION', 'TITLE', 'LAST_DAY_UPDATED']);

interface Block {
  readonly name: string;
  readonly fields: Map<string, string>;
}

/** One <INDIVIDUAL> or <ENTITY>: its simple fields (several values each) and its blocks. */
interface RawRecord {
  readonly kind: 'INDIVIDUAL' | 'ENTITY';
  readonly line: number;
  readonly fields: Map<string, string[]>;
  readonly blocks: Block[];
}

const first = (r: RawRecord, field: string): string => (r.fields.get(field)?.[0] ?? '').trim();
const all = (r: RawRecord, field: string): string[] => (r.fields.get(field) ?? []).map((v) => v.trim()).filter(Boolean);
const blocks = (r: RawRecord, name: string): Map<string, string>[] =>
  r.blocks.filter((b) => b.name === name).map((b) => b.fields);
const joined = (fields: Map<string, string>, names: readonly string[]): string =>
  names
    .map((n) => (fields.get(n) ?? '').trim())
    .filter(Boolean)
    .join(', ');

function aliasProp(quality: string): string {
  const q = quality.trim().toLowerCase();
  if (q === 'low') return 'weakAlias';
  if (q === 'f.k.a.') return 'previousName';
  return 'alias';
}

/** Birth dates of one <..._DATE_OF_BIRTH>: an exact date, a year, or every year of a range. */
function birthDates(b: Map<string, string>): string[] {
  const date = (b.get('DATE') ?? '').trim().slice(0, 10);
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return [date];
  const year = (b.get('YEAR') ?? '').trim();
  if (/^\d{4}$/.test(year)) return [year];
  const from = Number(b.get('FROM_YEAR'));
  const to = Number(b.get('TO_YEAR'));
  if (Number.isInteger(from) && Number.isInteger(to) && from > 1800 && to >= from && to - from <= 20)
    return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  return [];
}

function toRecords(file: string, r: RawRecord): ListRecord[] {
  const dataId = first(r, 'DATAID');
  if (!/^\d+$/.test(dataId)) throw new WatchlistFormatError(file, r.line, 'DATAID', `expected a number, found "${dataId}"`);
  const id = `unsc-${dataId}`;
  const person = r.kind === 'INDIVIDUAL';
  const e = new EntityDraft(id, person ? 'Person' : 'Organization');
  const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
    .map((f) => first(r, f))
    .filter(Boolean)
    .join(' ');
  if (name.length === 0) throw new WatchlistFormatError(file, r.line, 'FIRST_NAME', 'the record has no name');
  e.add('name', name);
  e.add('alias', first(r, 'NAME_ORIGINAL_SCRIPT'));
  e.add('topics', 'sanction');
  const programme = first(r, 'UN_LIST_TYPE');
  e.add('program', programme);
  e.add('gender', first(r, 'GENDER').toLowerCase());
  for (const v of all(r, 'TITLE')) e.add('title', v, 'notes');
  for (const v of all(r, 'DESIGNATION')) e.add('position', v, 'notes');
  for (const v of all(r, 'NATIONALITY')) e.add('nationality', countryValue(v), 'country');
  e.add('notes', first(r, 'COMMENTS1'));
  const prefix = person ? 'INDIVIDUAL' : 'ENTITY';
  for (const a of blocks(r, `${prefix}_ALIAS`)) e.add(aliasProp(a.get('QUALITY') ?? ''), a.get('ALIAS_NAME'));
  for (const a of blocks(r, `${prefix}_ADDRESS`)) {
    e.add('address', joined(a, ['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE', 'COUNTRY']));
    if (a.get('COUNTRY')) e.add('country', countryValue(a.get('COUNTRY') ?? ''));
    if (a.get('NOTE')) e.add('notes', `Address: ${a.get('NOTE') ?? ''}`);
  }
  for (const d of blocks(r, 'INDIVIDUAL_DATE_OF_BIRTH')) for (const date of birthDates(d)) e.add('birthDate', date);
  for (const p of blocks(r, 'INDIVIDUAL_PLACE_OF_BIRTH')) {
    e.add('birthPlace', joined(p, ['CITY', 'STATE_PROVINCE', 'COUNTRY']));
    const code = countryCode(p.get('COUNTRY') ?? '');
    if (code !== undefined) e.add('birthCountry', code.toLowerCase());
  }
  for (const d of blocks(r, 'INDIVIDUAL_DOCUMENT')) {
    const type = `${d.get('TYPE_OF_DOCUMENT') ?? ''} ${d.get('TYPE_OF_DOCUMENT2') ?? ''}`;
    const prop = /pass/i.test(type) ? 'passportNumber' : 'idNumber';
    e.add(prop, d.get('NUMBER'), 'idNumber');
  }
  const entity = e.build();
  const sanction = new EntityDraft(`${id}-sanction`, 'Sanction');
  sanction.add('entity', id);
  sanction.add('authority', UN_AUTHORITY);
  sanction.add('program', programme);
  sanction.add('unscId', first(r, 'REFERENCE_NUMBER'));
  sanction.add('listingDate', first(r, 'LISTED_ON').slice(0, 10));
  for (const v of all(r, 'LIST_TYPE')) sanction.add('provisions', v);
  return [
    { entity, file, line: r.line },
    { entity: sanction.build(), file, line: r.line },
  ];
}

/**
 * Streams the UN Security Council consolidated list (XML) as FtM entities: a Person per
 * <INDIVIDUAL>, an Organization per <ENTITY>, each with a Sanction. Parsed with saxes,
 * namespace-aware; a DOCTYPE is refused outright, so no external entity is fetched and no
 * entity is expanded (the list never needs one).
 */
export async function* readUnList(file: string): AsyncIterable<ListRecord> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: string[] = [];
  const ready: ListRecord[] = [];
  let record: RawRecord | undefined;
  let block: Block | undefined;
  let text = '';
  let failure: Error | undefined;
  let sawRoot = false;
  const fail = (field: string, reason: string): void => {
    failure ??= new WatchlistFormatError(file, parser.line, field, reason);
  };
  parser.on('doctype', () =>
    fail('(document)', 'a DOCTYPE is not accepted in a UN list (no external entities, no entity expansion)'),
  );
  parser.on('error', (err) => fail('(document)', `not well-formed XML: ${err.message.replace(/^.*?:\d+:\d+: /, '')}`));
  parser.on('opentag', (node: SaxesTagNS) => {
    const name = node.local;
    stack.push(name);
    sawRoot = true;
    text = '';
    if (stack.length === 1 && name !== 'CONSOLIDATED_LIST')
      fail('(root)', `expected <CONSOLIDATED_LIST>, the UN consolidated list's root, found <${node.name}>`);
    if (stack.length === 3 && (name === 'INDIVIDUAL' || name === 'ENTITY'))
      record = { kind: name, line: parser.line, fields: new Map(), blocks: [] };
    else if (record !== undefined && stack.length === 4 && BLOCKS.has(name)) block = { name, fields: new Map() };
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', () => {
    const name = stack.pop() ?? '';
    const depth = stack.length + 1;
    if (record === undefined) return;
    if (depth === 3) {
      try {
        ready.push(...toRecords(file, record));
      } catch (err) {
        failure ??= err as Error;
      }
      record = undefined;
    } else if (block !== undefined && depth === 5) block.fields.set(name, text.trim());
    else if (block !== undefined && depth === 4) {
      record.blocks.push(block);
      block = undefined;
    } else if (depth === 4 && !VALUE_LISTS.has(name))
      (record.fields.get(name) ?? record.fields.set(name, []).get(name))?.push(text);
    else if (depth === 5 && name === 'VALUE') {
      const parent = stack[stack.length - 1] ?? '';
      if (VALUE_LISTS.has(parent)) (record.fields.get(parent) ?? record.fields.set(parent, []).get(parent))?.push(text);
    }
    text = '';
  });
  const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of input) {
      parser.write(chunk as string);
      if (failure !== undefined) throw failure;
      yield* ready.splice(0);
    }
    parser.close();
    if (failure !== undefined) throw failure;
    if (!sawRoot) throw new WatchlistFormatError(file, 1, '(document)', 'no XML element: the file is empty');
    yield* ready.splice(0);
  } finally {
    input.destroy();
  }
}
