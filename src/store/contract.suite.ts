import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityRecord, Provenance } from '../model/index.js';
import { PROVENANCE, makeAlert, makeShipment, makeTransaction } from '../test-support/fixtures.js';
import type { RecordBatch, Store } from './store.js';

/** A fresh, empty store per test; `reopen` opens the same data again (for migration checks). */
export interface StoreHarness {
  readonly store: Store;
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

const EMPTY: RecordBatch = { entities: [], shipments: [], transactions: [] };

function entity(id: string, schema: string, properties: Record<string, string[]>, p: Provenance = PROVENANCE): EntityRecord {
  return { entity: { id, schema, properties }, provenance: p };
}

const ACME = entity('co-1', 'Company', { name: ['Acme Chemical Co., Ltd.'], country: ['cn'] });
const PERSON = entity('p-1', 'Person', { name: ['Li Wei'] });
const OWNERSHIP = entity('own-1', 'Ownership', { owner: ['p-1'], asset: ['co-1'], percentage: ['60'] });

/**
 * The contract every Store adapter passes. Run from `sqlite-store.test.ts` and
 * `postgres-store.test.ts`, so both adapters are held to exactly the same behaviour.
 */
export function describeStoreContract(name: string, open: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let h: StoreHarness;
    let store: Store;
    beforeEach(async () => {
      h = await open();
      store = h.store;
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('applies its migrations once, and again on reopen without error', async () => {
      const version = await store.schemaVersion();
      expect(version).toBeGreaterThanOrEqual(1);
      const again = await h.reopen();
      expect(await again.schemaVersion()).toBe(version);
      await again.close();
    });

    it('stores a batch and reports an identical second write as unchanged', async () => {
      const batch: RecordBatch = {
        entities: [ACME, PERSON, OWNERSHIP],
        shipments: [{ shipment: makeShipment(), provenance: PROVENANCE }],
        transactions: [{ transaction: makeTransaction(), provenance: PROVENANCE }],
      };
      expect(await store.writeBatch(batch)).toEqual({
        entities: { stored: 3, unchanged: 0 },
        shipments: { stored: 1, unchanged: 0 },
        transactions: { stored: 1, unchanged: 0 },
      });
      expect(await store.writeBatch(batch)).toEqual({
        entities: { stored: 0, unchanged: 3 },
        shipments: { stored: 0, unchanged: 1 },
        transactions: { stored: 0, unchanged: 1 },
      });
      const stats = await store.stats();
      expect(stats).toMatchObject({ entities: 3, shipments: 1, transactions: 1 });
      expect(stats.entitiesBySchema).toEqual({ Company: 1, Ownership: 1, Person: 1 });
    });

    it('rewrites a record whose content changed under the same id', async () => {
      await store.writeBatch({ ...EMPTY, shipments: [{ shipment: makeShipment(), provenance: PROVENANCE }] });
      const changed = makeShipment({ declaredValueUsd: 999 });
      const moved = { ...PROVENANCE, sourceLine: 7 };
      const outcome = await store.writeBatch({ ...EMPTY, shipments: [{ shipment: changed, provenance: moved }] });
      expect(outcome.shipments).toEqual({ stored: 1, unchanged: 0 });
      expect((await store.getShipment('shp-1'))?.declaredValueUsd).toBe(999);
    });

    it('round-trips shipments and transactions field for field', async () => {
      const shipment = makeShipment();
      const transaction = makeTransaction({ truthLaundering: 1, truthScheme: 'scheme-9', timestamp: 1_700_000_000_123 });
      await store.writeBatch({
        ...EMPTY,
        shipments: [{ shipment, provenance: PROVENANCE }],
        transactions: [{ transaction, provenance: PROVENANCE }],
      });
      expect(await store.getShipment(shipment.id)).toEqual(shipment);
      expect(await store.getTransaction(transaction.id)).toEqual(transaction);
      expect(await store.getShipment('missing')).toBeUndefined();
      const bare = makeShipment({ id: 'shp-2', transitCountries: [], attributes: {}, quantity: null });
      await store.writeBatch({ ...EMPTY, shipments: [{ shipment: bare, provenance: PROVENANCE }] });
      expect(await store.getShipment('shp-2')).toEqual(bare);
    });

    it('keeps the provenance of every statement and merges values across datasets', async () => {
      await store.writeBatch({ ...EMPTY, entities: [ACME] });
      const other: Provenance = { dataset: 'registry', sourceFile: 'reg.json', sourceLine: 12, runId: 'run-2' };
      await store.writeBatch({ ...EMPTY, entities: [entity('co-1', 'Company', { name: ['ACME CHEMICAL'] }, other)] });
      const stored = await store.getEntity('co-1');
      expect([...(stored?.entity.properties['name'] ?? [])].sort()).toEqual(['ACME CHEMICAL', 'Acme Chemical Co., Ltd.']);
      const fromRegistry = stored?.statements.find((s) => s.value === 'ACME CHEMICAL');
      expect(fromRegistry?.provenance).toEqual(other);
      expect(fromRegistry?.propType).toBe('name');
      expect(await store.getEntity('nobody')).toBeUndefined();
    });

    it('keeps the most specific schema when one id arrives under several', async () => {
      await store.writeBatch({ ...EMPTY, entities: [entity('x', 'LegalEntity', { name: ['X'] })] });
      await store.writeBatch({ ...EMPTY, entities: [entity('x', 'Company', { name: ['X'] })] });
      await store.writeBatch({ ...EMPTY, entities: [entity('x', 'LegalEntity', { name: ['X'] })] });
      expect((await store.getEntity('x'))?.entity.schema).toBe('Company');
    });

    it('answers links in both directions', async () => {
      await store.writeBatch({ ...EMPTY, entities: [ACME, PERSON, OWNERSHIP] });
      const toCompany = await store.links('co-1');
      expect(toCompany).toEqual([{ fromId: 'own-1', fromSchema: 'Ownership', prop: 'asset', toId: 'co-1' }]);
      const fromOwnership = await store.links('own-1');
      expect(fromOwnership.map((l) => l.toId).sort()).toEqual(['co-1', 'p-1']);
    });

    it('streams every record in id order', async () => {
      const shipments = ['c', 'a', 'b'].map((id) => ({ shipment: makeShipment({ id }), provenance: PROVENANCE }));
      const transactions = ['t2', 't1'].map((id) => ({ transaction: makeTransaction({ id }), provenance: PROVENANCE }));
      await store.writeBatch({ entities: [OWNERSHIP, ACME, PERSON], shipments, transactions });
      const ids = async <T extends { id: string }>(it: AsyncIterable<T>): Promise<string[]> => {
        const out: string[] = [];
        for await (const x of it) out.push(x.id);
        return out;
      };
      expect(await ids(store.iterateShipments())).toEqual(['a', 'b', 'c']);
      expect(await ids(store.iterateTransactions())).toEqual(['t1', 't2']);
      const entities = [];
      for await (const e of store.iterateEntities()) entities.push(e);
      expect(entities.map((e) => e.id)).toEqual(['co-1', 'own-1', 'p-1']);
      expect(entities[1]).toEqual(OWNERSHIP.entity);
    });

    it('writes a batch atomically: a failing record leaves nothing of its batch', async () => {
      const broken = makeTransaction({ id: 'tx-bad', debtorAccount: null as unknown as string });
      await expect(
        store.writeBatch({
          entities: [ACME],
          shipments: [{ shipment: makeShipment(), provenance: PROVENANCE }],
          transactions: [{ transaction: broken, provenance: PROVENANCE }],
        }),
      ).rejects.toThrow();
      expect(await store.stats()).toMatchObject({ entities: 0, shipments: 0, transactions: 0, statements: 0 });
    });

    it('creates a run once and resumes it under the same id', async () => {
      const run = { id: 'run-x', dataset: 'd', sourceFile: 'f.csv', format: 'shipments-csv', fileSha256: 'abc' };
      const first = await store.startRun(run);
      expect(first.status).toBe('running');
      await store.finishRun('run-x', 'failed', { read: 10, stored: 5, unchanged: 0, rejected: 1 });
      expect((await store.getRun('run-x'))?.status).toBe('failed');
      await store.startRun(run);
      await store.finishRun('run-x', 'completed', { read: 10, stored: 4, unchanged: 5, rejected: 1 });
      const runs = await store.listRuns();
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({
        id: 'run-x',
        status: 'completed',
        counts: { read: 10, stored: 4, unchanged: 5, rejected: 1 },
      });
      expect(runs[0]?.finishedAt).not.toBeNull();
    });

    it('stores alerts with their reasons and filters the queue', async () => {
      const high = makeAlert();
      const low = makeAlert({ id: 'alert-2', score: 20, level: 'low', detectorId: 'other' });
      expect(await store.writeAlerts([high, low])).toBe(2);
      expect(await store.writeAlerts([high])).toBe(0);
      expect(await store.listAlerts()).toEqual([high, low]);
      expect(await store.listAlerts({ level: 'low' })).toEqual([low]);
      expect(await store.listAlerts({ detectorId: 'test.detector', status: 'open' })).toEqual([high]);
      expect(await store.listAlerts({ limit: 1 })).toEqual([high]);
    });
  });
}
