import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../ingest/index.js';
import { contentId, type Entity, type Transaction } from '../model/index.js';
import { openStore } from '../store/index.js';
import { tempDir } from '../test-support/temp.js';
import { buildGraphFromStore, extendGraph } from './from-store.js';
import { contactKeys, ExactKeyResolver } from './resolver.js';

const person = (id: string, name: string, extra: Record<string, string[]> = {}): Entity => ({
  id,
  schema: 'Person',
  properties: { name: [name], country: ['us'], ...extra },
});

describe('exact-key resolution', () => {
  it('joins the one source entity of a key with the party ingestion derived for it', () => {
    const r = new ExactKeyResolver();
    const derived = contentId('party', 'acme trading ltd', 'US');
    r.add({ id: 'co-1', schema: 'Company', properties: { name: ['ACME Trading, Ltd.'], country: ['us'] } });
    r.add({ id: derived, schema: 'LegalEntity', properties: { name: ['Acme Trading Ltd'], country: ['us'] } });
    expect(r.resolve('co-1')).toBe(derived);
    expect(r.resolve(derived)).toBe(derived);
    expect(r.resolve('unknown')).toBe('unknown');
  });

  it('keeps namesakes apart; the derived party joins the one it shares a phone with, or none', () => {
    const r = new ExactKeyResolver();
    const derived = contentId('party', 'kevin jones', 'US');
    r.add(person('kj-1', 'Kevin Jones', { phone: ['+1 555 0100'] }));
    r.add(person('kj-2', 'Kevin Jones', { phone: ['+1 555 0199'] }));
    r.add({ id: derived, schema: 'LegalEntity', properties: { name: ['Kevin Jones'], country: ['us'], phone: ['+1-555-0199'] } });
    expect(r.resolve('kj-1')).toBe('kj-1');
    expect(r.resolve('kj-2')).toBe(derived);
    const none = new ExactKeyResolver();
    none.add(person('kj-1', 'Kevin Jones'));
    none.add(person('kj-2', 'Kevin Jones'));
    none.add({ id: derived, schema: 'LegalEntity', properties: { name: ['Kevin Jones'], country: ['us'] } });
    expect([none.resolve('kj-1'), none.resolve('kj-2'), none.resolve(derived)]).toEqual(['kj-1', 'kj-2', derived]);
    // The derived party that joined no one is marked ambiguous; the one that joined kj-2 is not.
    expect(none.ambiguous(derived)).toBe(true);
    expect(r.ambiguous(derived)).toBe(false);
    expect(none.ambiguous('kj-1')).toBe(false);
  });

  it('joins a party named without a country to the one source entity of that name, and no other', () => {
    const r = new ExactKeyResolver();
    const seller = contentId('party', 'pioneer trading s a', null);
    const shipper = contentId('party', 'pioneer trading s a', 'GT');
    r.add({ id: 'broker-co', schema: 'Company', properties: { name: ['Pioneer Trading S.A.'], country: ['gt'] } });
    r.add({ id: seller, schema: 'LegalEntity', properties: { name: ['Pioneer Trading S.A.'] } });
    r.add({ id: shipper, schema: 'LegalEntity', properties: { name: ['Pioneer Trading S.A.'], country: ['gt'] } });
    expect(r.resolve(seller)).toBe(shipper);
    expect(r.resolve('broker-co')).toBe(shipper);
    // Two source entities of the name (in two countries): the countryless party stays apart.
    const two = new ExactKeyResolver();
    const atlas = contentId('party', 'atlas trading s a', null);
    two.add({ id: 'gt-1', schema: 'Company', properties: { name: ['Atlas Trading S.A.'], country: ['gt'] } });
    two.add({ id: 'mx-1', schema: 'Company', properties: { name: ['Atlas Trading S.A.'], country: ['mx'] } });
    two.add({ id: atlas, schema: 'LegalEntity', properties: { name: ['Atlas Trading S.A.'] } });
    expect(two.resolve(atlas)).toBe(atlas);
    expect(two.resolve('gt-1')).not.toBe(two.resolve('mx-1'));
  });

  it('sends a row’s party to the one namesake at the row’s address, phone or e-mail', () => {
    const r = new ExactKeyResolver();
    const derived = contentId('party', 'harbor logistics llc', 'US');
    r.add({
      id: 'h-1',
      schema: 'Company',
      properties: { name: ['Harbor Logistics LLC'], country: ['us'], address: ['1 Dock St, Miami'] },
    });
    r.add({
      id: 'h-2',
      schema: 'Company',
      properties: { name: ['Harbor Logistics LLC'], country: ['us'], email: ['ops@harbor.example'] },
    });
    r.add({
      id: derived,
      schema: 'LegalEntity',
      properties: {
        name: ['Harbor Logistics LLC'],
        country: ['us'],
        address: ['1 Dock St, Miami'],
        email: ['ops@harbor.example'],
      },
    });
    expect(r.ambiguous(derived)).toBe(true);
    expect(r.resolveParty(derived, contactKeys({ address: ['1 DOCK ST., MIAMI'] }))).toBe('h-1');
    expect(r.resolveParty(derived, contactKeys({ email: [' OPS@harbor.example'] }))).toBe('h-2');
    expect(r.resolveParty(derived, contactKeys({ address: ['9 Elsewhere Rd'] }))).toBeUndefined();
    expect(r.resolveParty(derived, [])).toBeUndefined();
  });

  it('sends a row to the namesake that shares the most of its contact points, and to none on a tie', () => {
    // Namesakes share the e-mail made of the name; only the shipper itself has the row's address and phone too.
    const r = new ExactKeyResolver();
    const derived = contentId('party', 'anhong new material co ltd', 'CN');
    const email = 'sales@anhong.example.cn';
    r.add({
      id: 'a-1',
      schema: 'Company',
      properties: { name: ['Anhong New Material Co., Ltd.'], country: ['cn'], email: [email] },
    });
    r.add({
      id: 'a-2',
      schema: 'Company',
      properties: {
        name: ['Anhong New Material Co., Ltd.'],
        country: ['cn'],
        email: [email],
        phone: ['+86 74 0555 7577'],
        address: ['9561 Harbor Blvd'],
      },
    });
    r.add({
      id: derived,
      schema: 'LegalEntity',
      properties: { name: ['Anhong New Material Co., Ltd.'], country: ['cn'], email: [email] },
    });
    const row = contactKeys({ address: ['9561 Harbor Blvd'], phone: ['+86 74 0555 7577'], email: [email] });
    expect(r.resolveParty(derived, row)).toBe('a-2');
    expect(r.resolveParty(derived, contactKeys({ email: [email] }))).toBeUndefined();
  });
});

describe('graph from a real SQLite store, and its incremental update', () => {
  const tmp = tempDir('chokepoint-graph-store-');
  afterAll(() => tmp.cleanup());
  const header =
    'transaction_id,timestamp,debtor_account,debtor_name,debtor_bank,debtor_country,creditor_account,creditor_name,creditor_bank,creditor_country,amount,currency,amount_usd,channel,purpose\n';
  const entities = [
    { id: 'official-1', schema: 'Person', properties: { name: ['Ana Ruiz'], country: ['mx'], position: ['Port inspector'] } },
    { id: 'namesake-1', schema: 'Person', properties: { name: ['Ana Ruiz'], country: ['mx'] } },
    { id: 'acct-1', schema: 'BankAccount', properties: { accountNumber: ['MX-1'], bankName: ['Banco Uno'] } },
    { id: 'own-1', schema: 'Ownership', properties: { owner: ['official-1'], asset: ['acct-1'], role: ['account holder'] } },
  ];

  it('joins the FtM account with the one payments name, keeps the namesakes apart, and extends without duplicates', async () => {
    const db = join(tmp.dir, 'g.db');
    const store = await openStore(db);
    try {
      await ingestFile(store, { path: tmp.file('entities.ftm.json', entities.map((e) => JSON.stringify(e)).join('\n') + '\n') });
      await ingestFile(store, {
        path: tmp.file(
          'a.csv',
          header +
            'TX-1,2024-03-01T10:00:00Z,MX-9,Cartel Co,Banco Dos,MX,MX-1,Ana Ruiz,Banco Uno,MX,18500,MXN,1000,wire,Asesoría\n',
        ),
      });
      const base = await buildGraphFromStore(store, { resolution: 'exact' });
      const g = base.graph;
      const official = g.index.get('official-1') as number;
      // The payment reaches the account the official holds in the FtM file: one node for both.
      expect(g.index.get('acct-1')).toBe(g.index.get(contentId('account', 'Banco Uno', 'MX-1')));
      expect(g.index.get('namesake-1')).not.toBe(official);
      const seen = new Set(base.graph.refs);

      await ingestFile(store, {
        path: tmp.file(
          'b.csv',
          header +
            'TX-2,2024-03-08T10:00:00Z,MX-9,Cartel Co,Banco Dos,MX,MX-1,Ana Ruiz,Banco Uno,MX,27750,MXN,1500,wire,Asesoría\n',
        ),
      });
      const full = await buildGraphFromStore(store, { resolution: 'exact' });
      const all: Entity[] = [];
      for await (const e of store.iterateEntities()) all.push(e);
      const fresh: Transaction[] = [];
      for await (const t of store.iterateTransactions()) if (!seen.has(t.id)) fresh.push(t);
      expect(fresh).toHaveLength(1);
      const exact = new ExactKeyResolver();
      for (const e of all) exact.add(e);
      const provenance = { dataset: 'x', sourceFile: 'b.csv', sourceLine: 2, runId: 'r' };
      // Every entity is offered again: those already in the graph are skipped by record id.
      const extended = extendGraph(
        g,
        [
          {
            entities: all.map((entity) => ({ entity, provenance })),
            shipments: [],
            transactions: [...fresh, ...fresh].map((transaction) => ({ transaction, provenance })),
          },
        ],
        exact.resolve,
      );
      expect(extended.graph.edgeCount).toBe(full.graph.edgeCount);
      expect(extended.graph.nodeCount).toBe(full.graph.nodeCount);
      expect(extended.graph.edgeCount).toBe(g.edgeCount + 1);
      expect(extended.graph.refs).toContain(fresh[0]?.id);
    } finally {
      await store.close();
    }
  });
});
