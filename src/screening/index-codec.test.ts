import { beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../model/index.js';
import { readWatchlistFile } from '../watchlist/index.js';
import { decodeScreener, encodeScreener, IndexCodecError } from './index-codec.js';
import { Matcher } from './matcher.js';
import { loadMatchingPolicy, parseMatchingPolicy } from './policy.js';
import { ScreenerBuilder, type Screener } from './screener.js';
import { subjectFromEntity, type MatchSubject } from './subject.js';

const UN_LIST = '/work/shared/data/watchlists/un/UN_consolidated_2026-02-27.xml';

const query = (schema: string, name: string, extra: Partial<MatchSubject> = {}): MatchSubject => ({
  id: 'q',
  schema,
  names: [name],
  countries: [],
  nationalities: [],
  birthDates: [],
  identifiers: [],
  ...extra,
});

/** Every listed name, each with a letter dropped, and a few names that should match nothing. */
function queriesOf(entities: readonly Entity[]): MatchSubject[] {
  const out: MatchSubject[] = [];
  for (const e of entities) {
    const s = subjectFromEntity(e);
    for (const name of s.names.slice(0, 2)) {
      out.push(query(s.schema, name, { birthDates: s.birthDates, nationalities: s.nationalities }));
      if (name.length > 6) out.push(query('LegalEntity', name.slice(0, 3) + name.slice(4)));
    }
  }
  out.push(query('Person', 'Margaret Whitcombe'), query('Company', 'Blue Harbour Logistics GmbH'));
  return out;
}

const summary = (screener: Screener, q: MatchSubject): string =>
  JSON.stringify(screener.screen(q, 0.5).map((h) => [h.entityId, h.dataset, h.schema, h.result.score, h.result]));

describe('screening index codec', () => {
  const matcher = new Matcher(loadMatchingPolicy());
  const entities: Entity[] = [];
  let built: Screener;

  beforeAll(async () => {
    for await (const e of readWatchlistFile(UN_LIST)) entities.push(e);
    const builder = new ScreenerBuilder(matcher);
    for (const e of entities) builder.addEntity(e, 'un');
    // Facts the UN list lacks, so every column of a subject goes through the payload.
    builder.addSubject(
      query('Vessel', 'Ocean Star 1', { countries: ['KP'], identifiers: [{ scheme: 'imo', value: '9123456' }] }),
      'extra',
    );
    built = builder.build();
  }, 60_000);

  it('gives identical query results after a round trip through one Buffer', () => {
    expect(built.index.nameCount).toBeGreaterThan(2000);
    const extras = new Map([['caption', built.listedEntities.map((l) => [l.subject.names[0] ?? ''])]]);
    const payload = encodeScreener(built, extras);
    const { screener, extras: back } = decodeScreener(Buffer.from(payload), new Matcher(loadMatchingPolicy()));
    expect(screener.size).toBe(built.size);
    expect(screener.index.stats()).toEqual(built.index.stats());
    expect(screener.listedEntities).toEqual(built.listedEntities);
    expect(back.get('caption')).toEqual(extras.get('caption'));
    const queries = queriesOf(entities);
    expect(queries.length).toBeGreaterThan(1500);
    let withHits = 0;
    for (const q of queries) {
      const before = summary(built, q);
      expect(summary(screener, q)).toBe(before);
      if (before !== '[]') withHits++;
    }
    // The comparison means something only if most queries find their listed entity.
    expect(withHits).toBeGreaterThan(queries.length * 0.8);
    expect(summary(screener, query('Vessel', 'Ocean Star 1', { identifiers: [{ scheme: 'imo', value: '9123456' }] }))).toContain(
      'identifier',
    );
  });

  it('round-trips a small bucket table, stored dense', () => {
    const base = loadMatchingPolicy();
    const small = parseMatchingPolicy({ ...base.data, index: { ...base.data.index, bucketBits: 10 } }, 'test');
    const m = new Matcher(small);
    const builder = new ScreenerBuilder(m);
    for (const e of entities.slice(0, 400)) builder.addEntity(e, 'un');
    const screener = builder.build();
    const back = decodeScreener(encodeScreener(screener), m).screener;
    expect(back.index.stats()).toEqual(screener.index.stats());
    for (const q of queriesOf(entities.slice(0, 100))) expect(summary(back, q)).toBe(summary(screener, q));
  });

  it('reads a payload that sits at an odd byte offset of a larger buffer', () => {
    const payload = encodeScreener(built);
    const shifted = Buffer.alloc(payload.length + 3);
    payload.copy(shifted, 3);
    const { screener } = decodeScreener(shifted.subarray(3), matcher);
    const q = query('Person', entities[0]?.properties['name']?.[0] ?? '');
    expect(summary(screener, q)).toBe(summary(built, q));
  });

  it('refuses a payload built under another policy, a truncated one and a foreign one', () => {
    const payload = encodeScreener(built);
    const other = loadMatchingPolicy();
    const changed = parseMatchingPolicy({ ...other.data, version: '99.0.0' }, 'test');
    expect(() => decodeScreener(payload, new Matcher(changed))).toThrow(/payload built with policy/);
    expect(() => decodeScreener(payload.subarray(0, payload.length - 100), matcher)).toThrow(IndexCodecError);
    expect(() => decodeScreener(Buffer.from('not an index at all'), matcher)).toThrow(/bad magic/);
  });
});
