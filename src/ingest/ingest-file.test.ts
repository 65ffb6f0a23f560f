import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { SHARED_DATA, tempDir } from '../test-support/temp.js';
import { ingestFile } from './ingest-file.js';
import type { Rejection } from './rejection.js';

const SHIPMENT_HEADER =
  'shipment_id,arrival_date,mode,entry_type,origin_country,transit_countries,shipper_name,shipper_address,shipper_country,shipper_phone,consignee_name,consignee_country,description,hs_code,gross_weight_kg,declared_value_usd,container_no';

describe('ingestFile', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: SqliteStore;
  beforeEach(() => {
    tmp = tempDir();
    store = new SqliteStore(join(tmp.dir, 'test.db'));
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('loads the zala FtM stream as 91 entities with their links, and a second load changes nothing', async () => {
    const path = join(SHARED_DATA, 'ftm/zala_entities.ftm.json');
    const first = await ingestFile(store, { path });
    expect(first.format).toBe('ftm');
    expect(first.counts).toEqual({ read: 91, stored: 91, unchanged: 0, rejected: 0 });
    const stats = await store.stats();
    expect(stats.entities).toBe(91);
    expect(stats.entitiesBySchema).toMatchObject({ Ownership: 14, Directorship: 3, Family: 4, Sanction: 41 });
    // Every Ownership points at an owner and an asset that were loaded too.
    for await (const e of store.iterateEntities()) {
      if (e.schema !== 'Ownership') continue;
      for (const id of [...(e.properties['owner'] ?? []), ...(e.properties['asset'] ?? [])]) {
        expect(await store.getEntity(id), `${e.id} -> ${id}`).toBeDefined();
      }
    }
    const company = await store.getEntity('NK-abdzbEBkqyT29GyREbiURZ');
    expect(company?.entity.schema).toBe('Company');
    const companyLinks = await store.links('NK-abdzbEBkqyT29GyREbiURZ');
    expect(companyLinks.some((l) => l.fromSchema === 'Sanction' && l.prop === 'entity')).toBe(true);
    const familyLinks = await store.links('NK-JseaPJctnK9o8wrmz8xmoT');
    expect(familyLinks).toContainEqual(expect.objectContaining({ fromSchema: 'Family', prop: 'person' }));
    const person = await store.getEntity('NK-2Tbri3s6GgNtAwsSXh4qpL');
    expect(person?.entity.schema).toBe('Person');
    expect(person?.statements[0]?.provenance).toMatchObject({
      dataset: 'zala_entities',
      sourceFile: path,
      sourceLine: 1,
      runId: first.runId,
    });

    const second = await ingestFile(store, { path });
    expect(second.counts).toEqual({ read: 91, stored: 0, unchanged: 91, rejected: 0 });
    expect(second.runId).toBe(first.runId);
    expect((await store.stats()).statements).toBe(stats.statements);
  });

  it('loads AMLSim transactions keeping is_sar and alert_id as ground truth', async () => {
    const path = join(SHARED_DATA, 'amlsim-format/transactions_sample.csv');
    const summary = await ingestFile(store, { path, dataset: 'amlsim' });
    expect(summary.format).toBe('amlsim-csv');
    expect(summary.counts.rejected).toBe(0);
    expect(summary.counts.stored).toBe(summary.counts.read);
    const all = [];
    for await (const t of store.iterateTransactions()) all.push(t);
    expect(all).toHaveLength(summary.counts.read);
    const first = all.find((t) => t.sourceId === '1');
    expect(first).toMatchObject({
      debtorAccount: '14',
      creditorAccount: '16',
      amount: 416.57,
      currency: 'USD',
      truthLaundering: 0,
      truthScheme: null,
    });
    expect(first?.timestamp).toBe(Date.UTC(2017, 0, 1));
  });

  it('reads AMLworld rows, telling the two "Account" columns apart', async () => {
    const path = tmp.file(
      'HI-Small_Trans.csv',
      [
        'Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount Paid,Payment Currency,Payment Format,Is Laundering',
        '2022/09/01 00:20,010,8000EBD30,010,8000EBD30,3697.34,US Dollar,3697.34,US Dollar,Reinvestment,0',
        '2022/09/01 00:20,3208,8000F4580,001,8000F5340,0.01,US Dollar,0.01,US Dollar,Cheque,0',
        '2022/09/02 11:07,0070,8001A1BC0,0220,8003B1D20,1000.00,Euro,1122.50,US Dollar,ACH,1',
        '2022/09/02 11:07,0070,8001A1BC0,0220,8003B1D20,1000.00,Doubloon,1122.50,US Dollar,ACH,1',
      ].join('\n'),
    );
    const rejected: Rejection[] = [];
    const summary = await ingestFile(store, { path, onRejected: (r) => rejected.push(r) });
    expect(summary.format).toBe('amlworld-csv');
    expect(summary.counts).toEqual({ read: 4, stored: 3, unchanged: 0, rejected: 1 });
    expect(rejected).toEqual([{ file: path, line: 5, field: 'Receiving Currency', reason: 'unknown currency "Doubloon"' }]);
    const rows = [];
    for await (const t of store.iterateTransactions()) rows.push(t);
    const laundering = rows.find((t) => t.truthLaundering === 1);
    expect(laundering).toMatchObject({
      debtorBank: '0070',
      debtorAccount: '8001A1BC0',
      creditorBank: '0220',
      creditorAccount: '8003B1D20',
      amount: 1122.5,
      currency: 'USD',
      channel: 'ach',
    });
    expect(laundering?.debtorAccountEntityId).not.toBe(laundering?.creditorAccountEntityId);
  });

  it('rejects malformed shipment rows naming file, line and field, and stores the rest', async () => {
    const good =
      'S1,2026-03-01,express,de_minimis,CN,DE;MX,Hubei Example Co.,"No. 1 Road, Wuhan",CN,+86 1,Example LLC,US,sample,2933.39,2.5,120,MSKU1';
    const lines = [
      SHIPMENT_HEADER,
      good,
      'S2,2026-03-01,express,de_minimis,XX,,Shipper,,CN,,Consignee,US,d,293339,1,10,',
      'S3,2026-03-01,express,de_minimis,CN,,Shipper,,CN,,Consignee,US,d,293339,heavy,10,',
      'S4,2026-02-30,express,de_minimis,CN,,Shipper,,CN,,Consignee,US,d,293339,1,10,',
      'S5,2026-03-01,express,de_minimis,CN',
      'S6,2026-03-01,pigeon,de_minimis,CN,,Shipper,,CN,,Consignee,US,d,293339,1,10,',
    ];
    const bytes = Buffer.concat([
      Buffer.from(`${lines.join('\n')}\n`),
      Buffer.from('S7,2026-03-01,express,de_minimis,CN,,Bad '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' Name,,CN,,Consignee,US,d,293339,1,10,\n'),
      Buffer.from('S8,2026-03-01,express,de_minimis,CN,,Shipper,,CN,,Consignee,US,nul \u0000 here,293339,1,10,\n'),
    ]);
    const path = tmp.file('shipments.csv', bytes);
    const rejected: Rejection[] = [];
    const summary = await ingestFile(store, { path, onRejected: (r) => rejected.push(r) });
    expect(summary.counts).toEqual({ read: 8, stored: 1, unchanged: 0, rejected: 7 });
    expect(rejected.map((r) => [r.line, r.field])).toEqual([
      [3, 'origin_country'],
      [4, 'gross_weight_kg'],
      [5, 'arrival_date'],
      [6, '(row)'],
      [7, 'mode'],
      [8, 'shipper_name'],
      [9, 'description'],
    ]);
    expect(rejected.every((r) => r.file === path)).toBe(true);
    expect(rejected[3]?.reason).toBe('expected 17 columns, found 5');
    const stored = [];
    for await (const s of store.iterateShipments()) stored.push(s);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      sourceId: 'S1',
      transitCountries: ['DE', 'MX'],
      hsCode: '293339',
      shipperAddress: 'No. 1 Road, Wuhan',
      attributes: { container_no: 'MSKU1' },
    });
    // The parties became entities; rejected rows derived none.
    const shipper = await store.getEntity(stored[0]!.shipperEntityId!);
    expect(shipper?.entity).toMatchObject({
      schema: 'LegalEntity',
      properties: { name: ['Hubei Example Co.'], country: ['cn'] },
    });
    expect((await store.stats()).entities).toBe(2);
  });

  it('maps foreign headers with --map and reads latin-1 files when told to', async () => {
    const header = 'Shipment,Date,Shipper,Shipper Country,Consignee,Consignee Country,HTS';
    const row = 'A1,2026-04-02,Química Ñandú S.A. de C.V.,MX,Distribuidora Norte,US,8479.89';
    const path = tmp.file('manifest.csv', Buffer.from(`${header}\n${row}\n`, 'latin1'));
    const map = {
      Shipment: 'shipment_id',
      Date: 'arrival_date',
      Shipper: 'shipper_name',
      'Shipper Country': 'shipper_country',
      Consignee: 'consignee_name',
      'Consignee Country': 'consignee_country',
      HTS: 'hs_code',
    };
    const rejected: Rejection[] = [];
    await ingestFile(store, { path, columnMap: map, format: 'shipments-csv', onRejected: (r) => rejected.push(r) });
    expect(rejected.map((r) => r.field)).toEqual(['shipper_name']);
    const again = await ingestFile(store, {
      path,
      columnMap: map,
      format: 'shipments-csv',
      encoding: 'latin1',
      dataset: 'latin',
    });
    expect(again.counts.stored).toBe(1);
    const found = [];
    for await (const s of store.iterateShipments()) found.push(s);
    expect(found[0]).toMatchObject({ sourceId: 'A1', shipperName: 'Química Ñandú S.A. de C.V.', hsCode: '847989' });
  });

  it('reads the canonical transactions CSV and links accounts to their holders', async () => {
    const path = tmp.file(
      'payments.csv',
      [
        'transaction_id,timestamp,debtor_account,debtor_name,debtor_bank,debtor_country,creditor_account,creditor_name,creditor_bank,creditor_country,amount,currency,amount_usd,channel,purpose',
        'T1,2026-03-01T10:00:00Z,US1,Example LLC,BANKUS,US,CN9,Hubei Example Co.,BANKCN,CN,9500,USD,,wire,invoice',
        'T2,2026-03-02T10:00:00Z,US1,Example LLC,BANKUS,US,CN9,Hubei Example Co.,BANKCN,CN,70000,CNY,9700,remittance,',
        'T3,2026-03-02,US1,Example LLC,BANKUS,US,CN9,Hubei Example Co.,BANKCN,CN,5,US,,wire,',
        'T4,2026-03-02T10:00:00Z,US1,Example LLC,BANKUS,US,CN9,Hubei Example Co.,BANKCN,CN,5,USD,,teleport,',
      ].join('\n'),
    );
    const rejected: Rejection[] = [];
    const summary = await ingestFile(store, { path, onRejected: (r) => rejected.push(r) });
    expect(summary.format).toBe('transactions-csv');
    expect(rejected.map((r) => [r.line, r.field])).toEqual([
      [4, 'currency'],
      [5, 'channel'],
    ]);
    const t1 = [];
    for await (const t of store.iterateTransactions()) t1.push(t);
    expect(t1.map((t) => [t.sourceId, t.amountUsd])).toEqual(
      expect.arrayContaining([
        ['T1', 9500],
        ['T2', 9700],
      ]),
    );
    const account = t1[0]!.debtorAccountEntityId;
    const links = await store.links(account);
    expect(links).toHaveLength(1);
    const holder = await store.getEntity(links[0]!.fromId);
    expect(holder?.entity.schema).toBe('Ownership');
    expect(holder?.entity.properties['role']).toEqual(['account holder']);
    // 2 accounts + 2 holders + 2 ownership links, each stored once.
    expect((await store.stats()).entities).toBe(6);
  });

  it('names the file when the format cannot be told, or a required column is missing', async () => {
    const mystery = tmp.file('mystery.csv', 'a,b,c\n1,2,3\n');
    await expect(ingestFile(store, { path: mystery })).rejects.toThrow(/mystery\.csv:1: cannot tell the format/);
    const noAmount = tmp.file('tx.csv', 'transaction_id,timestamp,debtor_account,creditor_account,currency\n');
    await expect(ingestFile(store, { path: noAmount })).rejects.toThrow(/tx\.csv:1: missing required column\(s\): amount/);
    expect((await store.listRuns()).map((r) => r.status)).toEqual(['failed']);
  });

  it('rejects FtM lines that are not JSON or not valid FtM, with the property at fault', async () => {
    const path = tmp.file(
      'entities.ftm.json',
      [
        '{"id":"a","schema":"Company","properties":{"name":["Acme"]}}',
        '{"id":"b","schema":"Company","properties":{"name":["Acme"]',
        '{"id":"c","schema":"Spaceship","properties":{}}',
        '{"id":"d","schema":"Person","properties":{"hullNumber":["1"]}}',
        '',
        '{"id":"e","schema":"Person","properties":{"name":"not a list"}}',
        '{"id":"f","schema":"Person","properties":{"name":["nul \\u0000 inside"]}}',
      ].join('\n'),
    );
    const rejected: Rejection[] = [];
    const summary = await ingestFile(store, { path, onRejected: (r) => rejected.push(r) });
    expect(summary.counts).toMatchObject({ read: 6, stored: 1, rejected: 5 });
    expect(rejected.map((r) => [r.line, r.field])).toEqual([
      [2, '(line)'],
      [3, 'schema'],
      [4, 'properties.hullNumber'],
      [6, 'properties.name'],
      [7, 'properties.name'],
    ]);
    expect(rejected[4]?.reason).toBe('contains a NUL character');
  });

  it('commits in batches of the requested size', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `T${i},2026-03-01T00:00:00Z,A,,,,B,,,,${i + 1},USD,,,`);
    const path = tmp.file(
      'many.csv',
      [
        'transaction_id,timestamp,debtor_account,debtor_name,debtor_bank,debtor_country,creditor_account,creditor_name,creditor_bank,creditor_country,amount,currency,amount_usd,channel,purpose',
        ...rows,
      ].join('\n'),
    );
    const progress: number[] = [];
    await ingestFile(store, { path, batchSize: 10, onProgress: (p) => progress.push(p.counts.stored) });
    expect(progress).toEqual([10, 20, 25]);
  });
});
