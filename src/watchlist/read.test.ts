import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import type { Entity } from '../model/index.js';
import { SHARED_DATA, tempDir } from '../test-support/temp.js';
import { readWatchlistFile, readWatchlistRecords, sniffWatchlist, WatchlistFormatError } from './index.js';

const OFAC = join(SHARED_DATA, 'watchlists/ofac');
const SDN_2021 = join(OFAC, 'sdn_2021-07-07');
const CONS = join(OFAC, 'consolidated_2025-12-19');
const SDN_2024 = join(OFAC, 'sdn_2024-05-03.csv');
const UN = join(SHARED_DATA, 'watchlists/un/UN_consolidated_2026-02-27.xml');

async function all(path: string): Promise<Entity[]> {
  const out: Entity[] = [];
  for await (const e of readWatchlistFile(path)) out.push(e);
  return out;
}

/** A raw OFAC CSV read with a plain CSV parser (no joins, no remark parsing), for independent counts. */
function rawRows(path: string): string[][] {
  const text = readFileSync(path, 'latin1').split(String.fromCharCode(0x1a)).join('');
  return (parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][]).map((r) =>
    r.map((f) => (f.trim() === '-0-' ? '' : f.trim())),
  );
}

/** Distinct non-empty values per entity number, summed. */
function distinctPerEntity(rows: readonly string[][], value: (r: string[]) => string): number {
  const byEnt = new Map<string, Set<string>>();
  for (const r of rows) {
    const v = value(r);
    if (v === '') continue;
    const set = byEnt.get(r[0] ?? '') ?? new Set<string>();
    set.add(v);
    byEnt.set(r[0] ?? '', set);
  }
  return [...byEnt.values()].reduce((s, set) => s + set.size, 0);
}

const LISTED = new Set(['Person', 'Organization', 'Vessel', 'Airplane']);
const count = (entities: readonly Entity[], props: readonly string[]): number =>
  entities.reduce((s, e) => s + props.reduce((t, p) => t + (e.properties[p]?.length ?? 0), 0), 0);

describe('OFAC legacy CSVs (real samples)', () => {
  it('reads the 2021 SDN folder: one listed entity per sdn.csv row, aliases and addresses as the side files hold them', async () => {
    const entities = await all(SDN_2021);
    const listed = entities.filter((e) => LISTED.has(e.schema));
    const sdn = rawRows(join(SDN_2021, 'sdn.csv'));
    expect(listed).toHaveLength(sdn.length);
    expect(entities.filter((e) => e.schema === 'Sanction')).toHaveLength(sdn.length);
    const types = (t: string): number => sdn.filter((r) => r[2] === t).length;
    expect(listed.filter((e) => e.schema === 'Person')).toHaveLength(types('individual'));
    expect(listed.filter((e) => e.schema === 'Vessel')).toHaveLength(types('vessel'));
    const alt = rawRows(join(SDN_2021, 'alt.csv'));
    expect(count(listed, ['alias', 'previousName'])).toBe(
      distinctPerEntity(alt, (r) => (/weak/i.test(r[4] ?? '') ? '' : (r[3] ?? ''))),
    );
    const add = rawRows(join(SDN_2021, 'add.csv'));
    expect(count(listed, ['address'])).toBe(
      distinctPerEntity(add, (r) => [r[2], r[3], r[4]].filter((x) => x !== undefined && x !== '').join(', ')),
    );
    // Every programme of every row is kept.
    const programmes = sdn.reduce((s, r) => s + (r[3] ?? '').split('] [').filter(Boolean).length, 0);
    expect(count(listed, ['program'])).toBe(programmes);
  });

  it('joins the remarks continuation of sdn_comments.csv before parsing', async () => {
    const entities = await all(SDN_2021);
    // Entry 12300's remark is cut in sdn.csv inside "PROMO RAI" and continues "Z S.A.S." in sdn_comments.csv.
    const links = entities.filter((e) => e.schema === 'UnknownLink' && e.properties['subject']?.[0] === 'ofac-12300');
    const notes = entities.find((e) => e.id === 'ofac-12300')?.properties['notes']?.join(' ') ?? '';
    const targets = links.map((l) => l.properties['object']?.[0]);
    const raiz = entities.find((e) => e.properties['name']?.[0] === 'PROMO RAIZ S.A.S.');
    expect(raiz === undefined ? notes : targets).toContain(raiz === undefined ? 'PROMO RAIZ S.A.S.' : raiz.id);
    expect(links.length).toBeGreaterThan(10);
  });

  it('parses remarks into facts on a known entry (DOB, POB, nationality, passport, weak aliases)', async () => {
    const entities = await all(SDN_2024);
    const zawahiri = entities.find((e) => e.id === 'ofac-2676');
    expect(zawahiri?.schema).toBe('Person');
    expect(zawahiri?.properties['birthDate']).toContain('1951-06-19');
    expect(zawahiri?.properties['birthPlace']).toContain('Giza, Egypt');
    expect(zawahiri?.properties['passportNumber']).toEqual(expect.arrayContaining(['1084010', '19820215']));
    const bnc = entities.find((e) => e.id === 'ofac-306');
    expect(bnc?.properties['weakAlias']).toContain('BNC');
    const withUscc = entities.filter((e) => (e.properties['uscCode']?.length ?? 0) > 0);
    const usccInRemarks = rawRows(SDN_2024).filter((r) => /Unified Social Credit Code/.test(r[11] ?? '')).length;
    expect(withUscc).toHaveLength(usccInRemarks);
    const imo = entities.filter((e) => e.schema === 'Vessel' && (e.properties['imoNumber']?.length ?? 0) > 0);
    expect(imo.length).toBeGreaterThan(700);
    expect(entities.filter((e) => e.schema === 'CryptoWallet').length).toBeGreaterThan(100);
  });

  it('reads the consolidated (non-SDN) folder with its cons_ side files', async () => {
    const listed = (await all(CONS)).filter((e) => LISTED.has(e.schema));
    expect(listed).toHaveLength(rawRows(join(CONS, 'cons_prim.csv')).length);
    const alt = rawRows(join(CONS, 'cons_alt.csv'));
    expect(count(listed, ['alias', 'previousName'])).toBe(distinctPerEntity(alt, (r) => r[3] ?? ''));
  });
});

describe('UN consolidated XML (real sample)', () => {
  const xml = readFileSync(UN, 'utf8');
  const records = xml.split(/<INDIVIDUAL>|<ENTITY>/).slice(1);

  it('reads every individual and entity with its aliases, birth dates and documents', async () => {
    const entities = await all(UN);
    expect(entities.filter((e) => e.schema === 'Person')).toHaveLength((xml.match(/<INDIVIDUAL>/g) ?? []).length);
    expect(entities.filter((e) => e.schema === 'Organization')).toHaveLength((xml.match(/<ENTITY>/g) ?? []).length);
    // Distinct (quality class, name) pairs per record: the same name may be a good and a low alias.
    const aliasNames = records.reduce((s, r) => {
      const pairs = [...r.matchAll(/<QUALITY>([^<]*)<\/QUALITY>\s*<ALIAS_NAME>([^<]+)<\/ALIAS_NAME>/g)]
        .map((m) =>
          [(m[1] ?? '') === 'Low' ? 'weak' : (m[1] ?? '') === 'f.k.a.' ? 'previous' : 'alias', (m[2] ?? '').trim()].join('|'),
        )
        .filter((p) => !p.endsWith('|'));
      return s + new Set(pairs).size;
    }, 0);
    const originals = records.filter((r) => /<NAME_ORIGINAL_SCRIPT>[^<]+</.test(r)).length;
    const listed = entities.filter((e) => e.schema !== 'Sanction');
    // Original-script names are aliases too; an alias equal to one is stored once.
    expect(count(listed, ['alias', 'weakAlias', 'previousName'])).toBeGreaterThanOrEqual(aliasNames);
    expect(count(listed, ['alias', 'weakAlias', 'previousName'])).toBeLessThanOrEqual(aliasNames + originals);
    expect(count(listed, ['weakAlias'])).toBe(
      records.reduce(
        (s, r) => s + new Set([...r.matchAll(/<QUALITY>Low<\/QUALITY>\s*<ALIAS_NAME>([^<]+)</g)].map((m) => m[1]?.trim())).size,
        0,
      ),
    );
    const documents = (xml.match(/<NUMBER>[^<]+<\/NUMBER>/g) ?? []).length;
    expect(count(listed, ['passportNumber', 'idNumber'])).toBeLessThanOrEqual(documents);
    expect(count(listed, ['passportNumber', 'idNumber'])).toBeGreaterThan(documents * 0.95);
    const badege = listed.find((e) => e.properties['name']?.[0] === 'ERIC BADEGE');
    expect(badege?.properties).toMatchObject({ birthDate: ['1971'], nationality: ['cd'], program: ['DRC'] });
  });

  it('keeps the list type and reference number on the Sanction', async () => {
    const entities = await all(UN);
    const sanction = entities.find((e) => e.schema === 'Sanction' && e.properties['unscId']?.[0] === 'CDi.001');
    expect(sanction?.properties).toMatchObject({ program: ['DRC'], provisions: ['UN List'], listingDate: ['2012-12-31'] });
  });
});

describe('bad input', () => {
  const t = tempDir('chokepoint-watchlist-');
  afterAll(() => t.cleanup());

  it('names file, line and field of a malformed OFAC line', async () => {
    const good = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n';
    const path = t.file('sdn.csv', `${good}173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA"\r\n`);
    const error = await all(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WatchlistFormatError);
    expect(error).toMatchObject({ file: path, line: 2, field: '(row)' });
    expect(String((error as Error).message)).toMatch(/sdn\.csv:2: \(row\): expected 12 fields/);
  });

  it('names the field of a bad entity number and of an unknown entry type', async () => {
    const bad = t.file(
      'bad-type.csv',
      '36,"X",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n37,"Y","spaceship","CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n',
    );
    await expect(all(bad)).rejects.toMatchObject({ line: 2, field: 'SDN_Type' });
  });

  it('refuses a DOCTYPE (no external entities) and says where', async () => {
    const path = t.file(
      'evil.xml',
      '<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>&xxe;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>\n',
    );
    await expect(all(path)).rejects.toThrow(/evil\.xml:2: \(document\): a DOCTYPE is not accepted/);
  });

  it('refuses XML that is not the UN list, and broken XML', async () => {
    await expect(all(t.file('other.xml', '<?xml version="1.0"?><Document><x/></Document>'))).rejects.toThrow(
      /expected <CONSOLIDATED_LIST>/,
    );
    await expect(all(t.file('broken.xml', '<CONSOLIDATED_LIST><INDIVIDUALS></ENTITIES>'))).rejects.toThrow(/not well-formed XML/);
  });

  it('tells an FtM stream, a UN file, an OFAC folder and a side file apart', async () => {
    expect(await sniffWatchlist(SDN_2021)).toBe('ofac-csv');
    expect(await sniffWatchlist(UN)).toBe('un-xml');
    expect(await sniffWatchlist(t.file('x.ftm.json', '{"id":"a","schema":"Person","properties":{"name":["A B"]}}\n'))).toBe(
      'ftm',
    );
    await expect(sniffWatchlist(join(SDN_2021, 'alt.csv'))).rejects.toThrow(/side file/);
    const bad = t.file('bad.ftm.json', '{"id":"a","schema":"Person","properties":{"name":["A"]}}\n{"id":"b","schema":"Nope"}\n');
    await expect(all(bad)).rejects.toMatchObject({ line: 2, field: 'schema' });
  });

  it('gives each record its source line', async () => {
    const lines: number[] = [];
    for await (const r of readWatchlistRecords(SDN_2024)) if (r.entity.id === 'ofac-306') lines.push(r.line);
    const text = readFileSync(SDN_2024, 'latin1').split('\n');
    expect(text[(lines[0] ?? 0) - 1]).toMatch(/^306,"BANCO NACIONAL DE CUBA"/);
  });
});
