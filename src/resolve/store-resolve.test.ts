import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityRecord } from '../model/index.js';
import { loadMatchingPolicy, Matcher } from '../screening/index.js';
import { openStore, type Store } from '../store/index.js';
import { createScratchDatabase } from '../test-support/postgres.js';
import { loadResolutionPolicy } from './policy.js';
import { loadStoredResolver, recordMerge, recordSplit, resolveStore } from './store-resolve.js';

const PROVENANCE = { dataset: 'test', sourceFile: 'fixture', sourceLine: 1, runId: 'run-1' };
const party = (id: string, schema: string, properties: Record<string, string[]>): EntityRecord => ({
  entity: { id, schema, properties },
  provenance: PROVENANCE,
});

/** A shipper, an account holder and a registry company that are one firm; a look-alike; a person. */
const ENTITIES: EntityRecord[] = [
  party('shipper-1', 'LegalEntity', {
    name: ['Zhejiang Yongxu Chemical Co., Ltd.'],
    country: ['cn'],
    phone: ['+86 571 8888 1234'],
    email: ['sales@yongxu-chem.cn'],
  }),
  party('holder-1', 'LegalEntity', {
    name: ['ZHEJIANG YONGXU CHEMICAL CO LTD'],
    country: ['cn'],
    email: ['sales@yongxu-chem.cn'],
  }),
  party('registry-1', 'Company', {
    name: ['Zhejiang Yongxu Chemical Company Limited'],
    country: ['cn'],
    phone: ['057188881234'],
    registrationNumber: ['91330000MA2B3C4D5E'],
  }),
  party('other-1', 'Company', {
    name: ['Zhejiang Yongxu Pharmaceutical Co., Ltd.'],
    country: ['cn'],
    phone: ['+86 571 2222 9999'],
    registrationNumber: ['91330000MA9Z8Y7X6W'],
  }),
  party('person-1', 'Person', { name: ['Wang Wei'], birthDate: ['1980-02-03'], email: ['wei@x.cn'] }),
  party('person-2', 'Person', { name: ['Wei Wang'], birthDate: ['1980-02-03'], email: ['wei@x.cn'] }),
  party('account-1', 'BankAccount', { accountNumber: ['123'], bankName: ['Bank'] }),
];

const matcher = new Matcher(loadMatchingPolicy());
const policy = loadResolutionPolicy();

async function clusters(store: Store): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for await (const c of store.iterateClusterMembers()) m.set(c.entityId, c.clusterId);
  return m;
}

function storeSuite(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>): void {
  describe(`resolve over the store (${name})`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await open());
      await store.writeBatch({ entities: ENTITIES, shipments: [], transactions: [] });
    });
    afterAll(async () => cleanup());

    it('clusters parties from every source, records the clusters and their evidence', async () => {
      const { summary } = await resolveStore(store, { policy, matcher });
      expect(summary.entities).toBe(6);
      const c = await clusters(store);
      expect(c.get('shipper-1')).toBeDefined();
      expect(c.get('holder-1')).toBe(c.get('shipper-1'));
      expect(c.get('registry-1')).toBe(c.get('shipper-1'));
      expect(c.get('other-1')).toBeUndefined();
      expect(c.get('person-1')).toBe(c.get('person-2'));
      expect((await store.getResolutionRun())?.policy).toBe(policy.stamp);
      const resolve = await loadStoredResolver(store);
      expect(resolve('holder-1')).toBe(c.get('shipper-1'));
      expect(resolve('other-1')).toBe('other-1');
    });

    it('respects splits and merges on every re-run', async () => {
      await recordSplit(store, 'person-2', undefined, 'different people: passports differ');
      await recordMerge(store, 'other-1', 'registry-1', 'same group, one licence holder');
      await resolveStore(store, { policy, matcher });
      const c = await clusters(store);
      expect(c.get('person-1')).toBeUndefined();
      expect(c.get('other-1')).toBe(c.get('registry-1'));
      // And again: decisions hold on every run.
      await resolveStore(store, { policy, matcher });
      const again = await clusters(store);
      expect(again.get('person-2')).toBeUndefined();
      expect(again.get('other-1')).toBe(again.get('registry-1'));
      expect((await store.listResolutionDecisions()).map((d) => d.kind).sort()).toEqual(['merge', 'split']);
    });

    it('refuses decisions on unknown entities and non-parties', async () => {
      await expect(recordMerge(store, 'shipper-1', 'nobody', 'x')).rejects.toThrow(/no entity "nobody"/);
      await expect(recordMerge(store, 'shipper-1', 'account-1', 'x')).rejects.toThrow(/not a party/);
      await expect(recordSplit(store, 'other-1', 'shipper-1', ' ')).rejects.toThrow(/--reason/);
    });
  });
}

storeSuite('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-resolve-'));
  const store = await openStore(join(dir, 'store.db'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

storeSuite('PostgreSQL', async () => {
  const db = await createScratchDatabase();
  const store = await openStore(db.url);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await db.drop();
    },
  };
});
