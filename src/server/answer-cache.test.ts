import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Entity } from '../model/index.js';
import { AnswerCache } from './answer-cache.js';
import { as, LISTED, makeWorld } from './test-world.js';

describe('AnswerCache', () => {
  it('answers a key again until its generation changes or its entry expires', () => {
    const cache = new AnswerCache<string>({ capacity: 10, ttlMs: 1000 });
    const screener = {};
    expect(cache.get(screener, 'q', 0)).toBeUndefined();
    cache.set(screener, 'q', 'answer', 0);
    expect(cache.get(screener, 'q', 1000)).toBe('answer');
    expect(cache.get(screener, 'q', 1001)).toBeUndefined();
    cache.set(screener, 'q', 'answer', 1001);
    // A new screener (a watchlist was replaced): nothing computed from the old one is answered.
    const rebuilt = {};
    expect(cache.get(rebuilt, 'q', 1002)).toBeUndefined();
    // An answer computed from the old screener while the new one took over is not kept.
    cache.set(screener, 'q', 'stale', 1003);
    expect(cache.get(rebuilt, 'q', 1004)).toBeUndefined();
    expect(cache.stats()).toEqual({ size: 0, hits: 1, misses: 4 });
  });

  it('spreads the expiry of entries made together over the last part of the TTL', () => {
    let draw = 0;
    const draws = [0, 0.5, 0.999];
    const cache = new AnswerCache<string>({ capacity: 10, ttlMs: 1000, spread: 0.5, random: () => draws[draw++] as number });
    const g = {};
    cache.get(g, 'a', 0);
    for (const key of ['a', 'b', 'c']) cache.set(g, key, key, 0);
    // Lives of 1000, 750 and just over 500 ms.
    expect(['a', 'b', 'c'].map((k) => cache.get(g, k, 500))).toEqual(['a', 'b', 'c']);
    expect(['a', 'b', 'c'].map((k) => cache.get(g, k, 800))).toEqual(['a', undefined, undefined]);
    expect(cache.get(g, 'a', 1000)).toBe('a');
    expect(cache.get(g, 'a', 1001)).toBeUndefined();
  });

  it('keeps at most its capacity, dropping the least recently used first; capacity 0 keeps nothing', () => {
    const cache = new AnswerCache<number>({ capacity: 2, ttlMs: 1000 });
    const g = {};
    cache.get(g, 'a', 0);
    cache.set(g, 'a', 1, 0);
    cache.set(g, 'b', 2, 0);
    expect(cache.get(g, 'a', 0)).toBe(1);
    cache.set(g, 'c', 3, 0);
    expect(cache.get(g, 'b', 0)).toBeUndefined();
    expect([cache.get(g, 'a', 0), cache.get(g, 'c', 0)]).toEqual([1, 3]);
    const off = new AnswerCache<number>({ capacity: 0, ttlMs: 1000 });
    off.get(g, 'a', 0);
    off.set(g, 'a', 1, 0);
    expect(off.get(g, 'a', 0)).toBeUndefined();
  });
});

describe('cached /match answers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const body = { queries: { a: { schema: 'Company', properties: { name: ['Zhang Wei Chemical Trading Co.'] } } } };

  it('answers a repeated query from the cache, and never from a replaced watchlist', async () => {
    const world = await makeWorld('sqlite');
    try {
      const first = await as(world, 'vic', 'POST', '/match/default', body);
      const again = await as(world, 'vic', 'POST', '/match/default', body);
      expect(again.json()).toEqual(first.json());
      expect(world.app.answerCacheStats().watchlistResponses.hits).toBe(1);
      expect(first.json().responses.a.results[0]).toMatchObject({ id: 'ofac-1', caption: 'Zhang Wei Chemical Trading Company' });
      // Cached answers are kept serialized: the same bytes and type as a computed one.
      expect(again.body).toBe(first.body);
      expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
      const yenteSearch = () => as(world, 'vic', 'GET', '/search/default?q=Zhang%20Wei%20Chemical&limit=3');
      const s1 = await yenteSearch();
      expect((await yenteSearch()).body).toBe(s1.body);
      expect(s1.json().results[0]).toMatchObject({ id: 'ofac-1' });
      expect(world.app.answerCacheStats().watchlistResponses.hits).toBe(2);
      const entitySearch = () => as(world, 'vic', 'GET', '/api/entities/search?q=Ivan%20Petrov');
      expect((await entitySearch()).json().items[0].id).toBe('person-ivan');
      expect((await entitySearch()).json().items[0].id).toBe('person-ivan');
      expect(world.app.answerCacheStats().searchResponses.hits).toBe(1);

      // The list is replaced: ofac-1 is renamed. Once the server sees the new version (it re-reads
      // which datasets are current every few seconds), the old answer must not come back.
      const renamed: Entity[] = LISTED.map((e) =>
        e.id === 'ofac-1' ? { ...e, properties: { ...e.properties, name: ['Zhang Wei Chemical Trading Limited'] } } : e,
      );
      await world.store.replaceDataset({
        name: 'us_ofac_sdn',
        format: 'ftm',
        source: 'test',
        records: (async function* () {
          let line = 1;
          for (const entity of renamed) yield { entity, file: 'sdn.csv', line: line++ };
        })(),
      });
      vi.useFakeTimers({ toFake: ['Date'] });
      // Past the 5 s re-read of the current datasets, well within the answers' 30 s TTL.
      vi.setSystemTime(Date.now() + 6_000);
      const after = (await as(world, 'vic', 'POST', '/match/default', body)).json();
      expect(after.responses.a.results[0]).toMatchObject({ id: 'ofac-1', caption: 'Zhang Wei Chemical Trading Limited' });
      expect(after.responses.a.results[0].properties.name).toEqual(['Zhang Wei Chemical Trading Limited']);
    } finally {
      await world.close();
    }
  });

  it('computes every answer when the cache is off', async () => {
    const world = await makeWorld('sqlite', { answerCacheSize: 0 });
    try {
      for (let i = 0; i < 3; i++) expect((await as(world, 'vic', 'POST', '/match/default', body)).statusCode).toBe(200);
      for (let i = 0; i < 2; i++)
        expect((await as(world, 'vic', 'GET', '/api/entities/search?q=Ivan%20Petrov')).json().items[0].id).toBe('person-ivan');
      const stats = world.app.answerCacheStats();
      expect([stats.watchlistResponses.hits, stats.searchResponses.hits]).toEqual([0, 0]);
      expect(stats.watchlistResponses.misses).toBe(3);
    } finally {
      await world.close();
    }
  });
});
