import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../model/index.js';
import { loadMatchingPolicy, parseMatchingPolicy } from '../screening/index.js';
import { SqliteStore, type Store } from '../store/index.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { createScratchDatabase } from '../test-support/postgres.js';
import { loadWatchlist } from './load.js';
import { buildStoreScreener, screenParty, storeIndexKey, type StoreScreener } from './store-screener.js';

const UN_LIST = '/work/shared/data/watchlists/un/UN_consolidated_2026-02-27.xml';

const person = (id: string, name: string, program: string): Entity => ({
  id,
  schema: 'Person',
  properties: { name: [name], program: [program], address: [`${id} Harbour Road, Valletta`] },
});

async function* records(entities: readonly Entity[]): AsyncIterable<{ entity: Entity; file: string; line: number }> {
  let line = 0;
  for (const entity of entities) yield { entity, file: 'mini.ftm.json', line: ++line };
}

const results = (s: StoreScreener, names: readonly string[]): string =>
  JSON.stringify(names.map((n) => screenParty(s, n, null).map((h) => [h.entityId, h.dataset, h.result.score])));

interface Harness {
  store: Store;
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

const adapters: [string, () => Promise<Harness>][] = [
  [
    'SQLite file',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'chokepoint-index-cache-'));
      const path = join(dir, 'store.db');
      const store = new SqliteStore(path);
      return {
        store,
        reopen: async () => new SqliteStore(path),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const db = await createScratchDatabase();
      const store = await PostgresStore.open(db.url);
      return { store, reopen: async () => PostgresStore.open(db.url), cleanup: async () => db.drop() };
    },
  ],
];

describe.each(adapters)('persisted screening index: %s', (_name, open) => {
  let h: Harness;
  let store: Store;
  const policy = loadMatchingPolicy();
  const probes: string[] = [];

  beforeAll(async () => {
    h = await open();
    store = h.store;
    await loadWatchlist(store, 'un', [UN_LIST]);
    await store.replaceDataset({
      name: 'mini',
      format: 'ftm',
      source: 'mini.ftm.json',
      records: records([person('m-1', 'Oskar Brannigan', 'P1'), person('m-2', 'Teodora Vukasinovic', 'P2')]),
    });
    for await (const e of store.iterateDataset('un')) {
      const name = e.properties['name']?.[0];
      if (name !== undefined && probes.length < 60) probes.push(name, name.slice(0, 2) + name.slice(3));
    }
    probes.push('Oskar Branigan', 'Teodora Vukasinovich', 'Margaret Whitcombe');
  }, 120_000);

  afterAll(async () => {
    await store.close();
    await h.cleanup();
  });

  it('builds and stores the payload, then reads it back with identical results', async () => {
    const built = await buildStoreScreener(store, policy);
    expect(built?.indexSource).toBe('built');
    const row = await store.getScreeningIndex(storeIndexKey(built?.datasets ?? [], policy).key);
    expect(row?.datasetVersions).toBe('mini@1,un@1');
    expect(row?.policyHash).toContain(policy.stamp);
    expect(row?.payload.length).toBeGreaterThan(10_000);

    const again = await buildStoreScreener(store, policy);
    expect(again?.indexSource).toBe('store');
    if (built === undefined || again === undefined) throw new Error('no screener');
    expect(results(again, probes)).toBe(results(built, probes));
    expect(results(built, ['Oskar Branigan'])).toContain('m-1');
    expect(again.captions).toEqual(built.captions);
    expect(again.programmes).toEqual(built.programmes);
    expect(again.addresses).toEqual(built.addresses);

    // Another connection (the next run) reads the same payload.
    const other = await h.reopen();
    try {
      const next = await buildStoreScreener(other, policy);
      expect(next?.indexSource).toBe('store');
      expect(results(next as StoreScreener, probes)).toBe(results(built, probes));
    } finally {
      await other.close();
    }
  }, 120_000);

  it('rebuilds and replaces a stale payload when a dataset version or the policy changes', async () => {
    await buildStoreScreener(store, policy);
    await store.replaceDataset({
      name: 'mini',
      format: 'ftm',
      source: 'mini.ftm.json',
      records: records([person('m-1', 'Oskar Brannigan', 'P1'), person('m-3', 'Ingrid Solvang', 'P3')]),
    });
    const rebuilt = await buildStoreScreener(store, policy);
    expect(rebuilt?.indexSource).toBe('built');
    expect(results(rebuilt as StoreScreener, ['Ingrid Solvang'])).toContain('m-3');
    expect(results(rebuilt as StoreScreener, ['Teodora Vukasinovic'])).not.toContain('m-2');
    const key = storeIndexKey(rebuilt?.datasets ?? [], policy);
    expect((await store.getScreeningIndex(key.key))?.datasetVersions).toBe('mini@2,un@1');
    expect((await buildStoreScreener(store, policy))?.indexSource).toBe('store');

    const changed = parseMatchingPolicy({ ...policy.data, version: '99.0.0' }, 'test');
    expect((await buildStoreScreener(store, changed))?.indexSource).toBe('built');
    expect((await store.getScreeningIndex(key.key))?.policyHash).toContain(changed.stamp);
    expect((await buildStoreScreener(store, policy))?.indexSource).toBe('built');
  }, 120_000);

  it('rebuilds over a damaged payload, and persist: false leaves the store alone', async () => {
    const first = await buildStoreScreener(store, policy);
    const key = storeIndexKey(first?.datasets ?? [], policy);
    const row = await store.getScreeningIndex(key.key);
    if (row === undefined) throw new Error('no payload stored');
    await store.putScreeningIndex({ ...row, payload: row.payload.subarray(0, 1000) });
    const repaired = await buildStoreScreener(store, policy);
    expect(repaired?.indexSource).toBe('built');
    expect((await store.getScreeningIndex(key.key))?.payload.length).toBe(row.payload.length);

    await store.putScreeningIndex({ ...row, createdAt: 'marker', payload: Buffer.from('x') });
    expect((await buildStoreScreener(store, policy, { persist: false }))?.indexSource).toBe('built');
    expect((await store.getScreeningIndex(key.key))?.createdAt).toBe('marker');
  }, 120_000);
});
