import { createReadStream } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { csvLine } from '../../export/index.js';
import { SHIPMENT_COLUMNS, type Shipment, type Transaction } from '../../model/index.js';
import { tempDir } from '../../test-support/temp.js';
import { formatById } from '../formats/index.js';
import type { Rejection } from '../rejection.js';
import { readCsvLean } from './csv-file.js';
import { readShipmentsLean } from './shipments.js';
import { leanTransactions } from './transactions.js';

const tmp = tempDir('chokepoint-lean-');
afterAll(() => tmp.cleanup());

/** What the ingest reader makes of a file: records by line, derived entity ids, rejections. */
async function ingestRead(formatId: string, path: string) {
  const reader = formatById(formatId);
  if (reader === undefined) throw new Error(formatId);
  const records = new Map<number, Shipment | Transaction>();
  const rejections: Rejection[] = [];
  const input = createReadStream(path, { encoding: 'utf8' });
  for await (const item of reader.read(input, { sourceFile: path, dataset: 'd', runId: 'r', columnMap: {} })) {
    if (item.kind === 'shipment') records.set(item.record.provenance.sourceLine, item.record.shipment);
    else if (item.kind === 'transaction') records.set(item.record.provenance.sourceLine, item.record.transaction);
    else if (item.kind === 'rejected') rejections.push(item.rejection);
  }
  return { records, rejections };
}

const shipment = (values: Partial<Record<(typeof SHIPMENT_COLUMNS)[number], string>>): string =>
  csvLine(SHIPMENT_COLUMNS.map((c) => values[c] ?? ''));

const good = {
  shipment_id: 'S1',
  arrival_date: '2024-09-10',
  mode: 'postal',
  entry_type: 'de_minimis',
  origin_country: 'CN',
  transit_countries: 'HK; MX',
  shipper_name: 'Hubei A Chemical Co., Ltd.',
  shipper_phone: '+86 27 5555 0101',
  shipper_country: 'CN',
  seller_name: 'A Store',
  consignee_name: 'José Núñez',
  consignee_address: '9 Depot Road, "Unit 4", Laredo, TX',
  consignee_country: 'US',
  final_recipient_name: 'Grupo X',
  final_recipient_country: 'MX',
  description: 'NPP (CAS 39742-60-4)',
  hs_code: '2933.37',
  quantity: '2',
  gross_weight_kg: '1.5',
  declared_value_usd: '40',
};

describe('lean readers', () => {
  it('read shipments as the ingest reader does: same values, ids, entity ids and rejections', async () => {
    const path = tmp.file(
      'shipments.csv',
      Buffer.concat([
        Buffer.from(csvLine(SHIPMENT_COLUMNS)),
        Buffer.from(shipment(good)),
        Buffer.from(shipment({ ...good, shipment_id: '', house_bill: 'HB9' })),
        Buffer.from(shipment({ ...good, shipment_id: '', description: 'no ids at all' })),
        Buffer.from(shipment({ ...good, shipment_id: 'S4', origin_country: 'QQ' })),
        Buffer.from(shipment({ ...good, shipment_id: 'S5', arrival_date: '2024-02-30' })),
        Buffer.from(shipment({ ...good, shipment_id: 'S6', declared_value_usd: '1,000' })),
        Buffer.from('S7,only,three\n'),
        Buffer.from(shipment({ ...good, shipment_id: 'S8', description: 'bad \u0000 byte' })),
        Buffer.from(shipment({ ...good, shipment_id: 'S9', description: 'XX' }).replace('XX', '\uFFFD')),
        Buffer.from(shipment({ ...good, shipment_id: 'S10', mode: 'teleport' })),
      ]),
    );
    const expected = await ingestRead('shipments-csv', path);
    const rows = new Map<number, Shipment>();
    const rejections: Rejection[] = [];
    const ids: (string | undefined)[] = [];
    await readShipmentsLean(path, 'd', {
      row: (s, line) => rows.set(line, s),
      rejected: (r, record, header) => {
        rejections.push(r);
        ids.push(record.text(header.position('shipment_id')));
      },
    });
    expect(rejections).toEqual(expected.rejections);
    expect(rejections.map((r) => r.field)).toEqual([
      'origin_country',
      'arrival_date',
      'declared_value_usd',
      '(row)',
      'description',
      'description',
      'mode',
    ]);
    expect(ids).toEqual(['S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10']);
    expect([...rows.keys()]).toEqual([...expected.records.keys()]);
    for (const [line, want] of expected.records) {
      const got = rows.get(line) as Shipment;
      // The lean reader leaves out the extra columns (attributes): screening never reads them.
      for (const [key, value] of Object.entries(want).filter(([k]) => k !== 'attributes'))
        expect({ line, key, value: got[key as keyof Shipment] }).toEqual({ line, key, value });
    }
  });

  it.each([
    [
      'amlworld-csv',
      [
        'Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount Paid,Payment Currency,Payment Format,Is Laundering',
        '2022/09/01 00:20,010,8000EBD30,010,8000EBD31,3697.34,US Dollar,3697.34,US Dollar,Reinvestment,0',
        '2022/09/01 00:20,3208,8000F4580,001,8000F5340,0.01,Euro,0.01,Euro,Cheque,1',
        '2022/02/29 10:00,1,A,2,B,1,US Dollar,1,US Dollar,ACH,0',
        '2022/09/01 24:00,1,A,2,B,1,US Dollar,1,US Dollar,ACH,0',
        '0050/01/01 10:00,1,A,2,B,1,US Dollar,1,US Dollar,ACH,0',
        '2022-09-01T10:00:00Z,1,A,2,B,1,Yuan,1,US Dollar,Wire,0',
        '2022/09/01 10:00,1,A,2,B,1,Doubloon,1,US Dollar,ACH,0',
        '2022/09/01 10:00,1,A,2,,1,US Dollar,1,US Dollar,ACH,0',
        '2022/09/01 10:00,1,A,2,B,1,US Dollar,1,US Dollar,ACH,2',
      ],
    ],
    [
      'amlsim-csv',
      [
        'tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id',
        '1,10,20,TRANSFER,100.5,2017-01-01T00:00:00Z,False,-1',
        '2,10,20,TRANSFER,-3,2017-01-01T00:00:00Z,False,-1',
        '3,10,20,TRANSFER,3,2017-01-01,True,7',
        '4,10,20,TRANSFER,3,2017-01-01T00:00:00Z,maybe,7',
      ],
    ],
    [
      'transactions-csv',
      [
        'transaction_id,timestamp,debtor_account,debtor_name,debtor_bank,debtor_country,creditor_account,creditor_name,creditor_bank,creditor_country,amount,currency,amount_usd,channel,purpose',
        'T1,2024-09-02T19:18:50Z,US-1,Ashley W,Pacific,US,MX-2,Grupo,Sierra,MX,2.9,USD,2.9,card,',
        ',2024-09-02T19:18:50Z,US-1,,,us,MX-2,,,,10,eur,,wire,"rent, ""May"""',
        'T3,2024-09-02,US-1,,,XX,MX-2,,,,10,USD,,wire,',
        'T4,2024-09-02T10:00:00Z,US-1,,,US,MX-2,,,,10,USD,,pigeon,',
      ],
    ],
  ])('read %s as the ingest reader does', async (format, lines) => {
    const path = tmp.file(`${format}.csv`, `${lines.join('\n')}\n`);
    const expected = await ingestRead(format, path);
    const spec = leanTransactions(format);
    if (spec === undefined) throw new Error(format);
    const rows = new Map<number, object>();
    const rejections: Rejection[] = [];
    await readCsvLean(path, spec, { row: (t, line) => rows.set(line, t), rejected: (r) => rejections.push(r) });
    expect(rejections).toEqual(expected.rejections);
    expect(rejections.length).toBeGreaterThan(0);
    expect(rows.size).toBeGreaterThan(0);
    expect([...rows.keys()]).toEqual([...expected.records.keys()]);
    for (const [line, want] of expected.records) {
      // Identities (record id, account entity ids) are the store's; the lean reader hands the body.
      const identities = new Set(['id', 'debtorAccountEntityId', 'creditorAccountEntityId']);
      expect(rows.get(line)).toEqual(Object.fromEntries(Object.entries(want as Transaction).filter(([k]) => !identities.has(k))));
    }
  });

  it('refuses a file without the required columns, naming file and line', async () => {
    const path = tmp.file('short.csv', 'tran_id,orig_acct\n1,2\n');
    const spec = leanTransactions('amlsim-csv');
    if (spec === undefined) throw new Error('amlsim');
    await expect(readCsvLean(path, spec, { row: () => undefined, rejected: () => undefined })).rejects.toThrow(
      /short\.csv:1: missing required column\(s\): bene_acct/,
    );
  });
});
