import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Entity } from '../model/index.js';
import type { DatasetRecord } from './datasets.js';
import type { StoreHarness } from './contract.suite.js';
import type { Store } from './store.js';

const person = (id: string, name: string, extra: Record<string, string[]> = {}): Entity => ({
  id,
  schema: 'Person',
  properties: { name: [name], topics: ['sanction'], ...extra },
});

async function* records(entities: readonly Entity[], failAt?: number): AsyncIterable<DatasetRecord> {
  let line = 0;
  for (const entity of entities) {
    line++;
    if (line === failAt) throw new Error(`list.csv:${line}: (row): broken line`);
    yield { entity, file: 'list.csv', line };
  }
}

const V1 = [person('l-1', 'Ana Lopez'), person('l-2', 'Li Wei', { birthDate: ['1970'] }), person('l-3', 'Ivan Petrov')];
const V2 = [person('l-1', 'Ana Lopez'), person('l-2', 'Li Wei', { birthDate: ['1971'] }), person('l-4', 'Omar Haddad')];

async function collect(store: Store, name: string): Promise<Entity[]> {
  const out: Entity[] = [];
  for await (const e of store.iterateDataset(name)) out.push(e);
  return out;
}

/** The named-dataset contract both adapters pass (run from sqlite/ and postgres/ datasets.test.ts). */
export function describeDatasetContract(name: string, open: () => Promise<StoreHarness>): void {
  describe(`Dataset contract: ${name}`, () => {
    let h: StoreHarness;
    let store: Store;
    beforeEach(async () => {
      h = await open();
      store = h.store;
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('replaces a dataset and reports what was added, removed and changed', async () => {
      const first = await store.replaceDataset({ name: 'sdn', format: 'test', source: 'list.csv', records: records(V1) });
      expect(first).toMatchObject({
        name: 'sdn',
        version: 1,
        entities: 3,
        added: ['l-1', 'l-2', 'l-3'],
        removed: [],
        changed: [],
      });
      const second = await store.replaceDataset({ name: 'sdn', format: 'test', source: 'list.csv', records: records(V2) });
      expect(second).toMatchObject({ version: 2, entities: 3, added: ['l-4'], removed: ['l-3'], changed: ['l-2'], unchanged: 1 });
      const now = await collect(store, 'sdn');
      expect(now.map((e) => e.id)).toEqual(['l-1', 'l-2', 'l-4']);
      expect(now.find((e) => e.id === 'l-2')?.properties['birthDate']).toEqual(['1971']);
      // A removed entity is gone from the store when no other dataset holds it.
      expect(await store.getEntity('l-3')).toBeUndefined();
      const again = await store.replaceDataset({ name: 'sdn', format: 'test', source: 'list.csv', records: records(V2) });
      expect(again).toMatchObject({ version: 3, added: [], removed: [], changed: [], unchanged: 3 });
    });

    it('lists every version with its counts, the latest marked current', async () => {
      await store.replaceDataset({ name: 'sdn', format: 'test', source: 'a.csv', records: records(V1) });
      await store.replaceDataset({ name: 'sdn', format: 'test', source: 'b.csv', records: records(V2) });
      await store.replaceDataset({
        name: 'un',
        format: 'test',
        source: 'un.xml',
        records: records([person('u-1', 'Eric Badege')]),
      });
      const versions = await store.listDatasets();
      expect(versions.map((v) => [v.name, v.version, v.current, v.entities, v.added, v.removed, v.changed])).toEqual([
        ['sdn', 1, false, 3, 3, 0, 0],
        ['sdn', 2, true, 3, 1, 1, 1],
        ['un', 1, true, 1, 1, 0, 0],
      ]);
      expect(versions[1]?.source).toBe('b.csv');
      expect(Date.parse(versions[0]?.loadedAt ?? '')).toBeGreaterThan(0);
      expect((await store.stats()).datasets).toEqual(['sdn', 'un']);
    });

    it('leaves the previous version intact when a load fails half-way', async () => {
      await store.replaceDataset({ name: 'sdn', format: 'test', source: 'list.csv', records: records(V1) });
      await expect(
        store.replaceDataset({ name: 'sdn', format: 'test', source: 'list.csv', records: records(V2, 3) }),
      ).rejects.toThrow(/list.csv:3/);
      expect((await collect(store, 'sdn')).map((e) => [e.id, e.properties['birthDate']])).toEqual([
        ['l-1', undefined],
        ['l-2', ['1970']],
        ['l-3', undefined],
      ]);
      expect((await store.listDatasets()).map((v) => v.version)).toEqual([1]);
      // The store is usable afterwards, and the next load diffs against version 1.
      const next = await store.replaceDataset({ name: 'sdn', format: 'test', source: 'list.csv', records: records(V2) });
      expect(next).toMatchObject({ version: 2, added: ['l-4'], removed: ['l-3'], changed: ['l-2'] });
    });

    it('keeps datasets apart: one entity id in two datasets, each iterated with its own values', async () => {
      await store.replaceDataset({ name: 'a', format: 'test', source: 'a', records: records([person('x-1', 'Ana Lopez')]) });
      await store.replaceDataset({
        name: 'b',
        format: 'test',
        source: 'b',
        records: records([person('x-1', 'Ana Lopez', { nationality: ['mx'] })]),
      });
      expect((await collect(store, 'a'))[0]?.properties['nationality']).toBeUndefined();
      expect((await collect(store, 'b'))[0]?.properties['nationality']).toEqual(['mx']);
      await store.replaceDataset({ name: 'b', format: 'test', source: 'b', records: records([]) });
      expect((await collect(store, 'b')).length).toBe(0);
      // Still held by dataset a.
      expect((await store.getEntity('x-1'))?.entity.properties['name']).toEqual(['Ana Lopez']);
      expect(await collect(store, 'missing')).toEqual([]);
    });

    it('streams a dataset larger than one page, and merges an id repeated within a load', async () => {
      const many = Array.from({ length: 2503 }, (_, i) => person(`m-${String(i).padStart(5, '0')}`, `Name ${i}`));
      const repeated = [...many, person('m-00007', 'Name 7', { alias: ['Seven'] })];
      const change = await store.replaceDataset({ name: 'big', format: 'test', source: 'big', records: records(repeated) });
      expect(change.entities).toBe(2503);
      const read = await collect(store, 'big');
      expect(read).toHaveLength(2503);
      expect(read.find((e) => e.id === 'm-00007')?.properties['alias']).toEqual(['Seven']);
      const again = await store.replaceDataset({ name: 'big', format: 'test', source: 'big', records: records(repeated) });
      expect(again.added.length + again.removed.length).toBe(0);
    });

    it('refuses a bad dataset name', async () => {
      await expect(
        store.replaceDataset({ name: 'no spaces', format: 'test', source: 'x', records: records([]) }),
      ).rejects.toThrow(/dataset name/);
    });
  });
}
