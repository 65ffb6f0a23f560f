import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { csvLine } from '../export/index.js';
import { SHIPMENT_COLUMNS } from '../model/index.js';
import { tempDir } from '../test-support/temp.js';
import { loadPolicy } from './policy.js';
import { SCREEN_COLUMNS, screenShipmentsFile } from './screen-file.js';

const policy = loadPolicy();

function row(values: Partial<Record<(typeof SHIPMENT_COLUMNS)[number], string>>): string {
  return csvLine(SHIPMENT_COLUMNS.map((c) => values[c] ?? ''));
}

const base = {
  arrival_date: '2024-09-10',
  mode: 'postal',
  entry_type: 'de_minimis',
  origin_country: 'CN',
  shipper_name: 'Hubei A Chemical Co., Ltd.',
  shipper_country: 'CN',
  consignee_name: 'Rio Grande Forwarding LLC',
  consignee_address: '9 Depot Road, Laredo, TX',
  consignee_country: 'US',
  gross_weight_kg: '1',
  declared_value_usd: '40',
};

describe('screenShipmentsFile', () => {
  const tmp = tempDir('chokepoint-screen-');
  afterAll(() => tmp.cleanup());

  it('writes one row per input row, in input order, bad rows included with a data-quality reason', async () => {
    const lines = [
      csvLine(SHIPMENT_COLUMNS),
      row({ ...base, shipment_id: 'A1', description: 'NPP (CAS 39742-60-4)', hs_code: '2933.37' }),
      row({ ...base, shipment_id: 'A2', description: 'Running shoes', hs_code: '6404.11', origin_country: 'QQ' }),
      'A3,only,three\n',
      row({ ...base, shipment_id: 'A4', description: 'Phone case', hs_code: '3926.90', declared_value_usd: 'twelve' }),
      row({ ...base, shipment_id: 'A5', description: 'Chemical sample CAS 39742-60-5', hs_code: '2999.10' }),
      row({ ...base, shipment_id: 'A6', description: 'Phone case', hs_code: '3926.90', declared_value_usd: '' }),
    ];
    const input = tmp.file(
      'in.csv',
      Buffer.concat([
        Buffer.from(lines.join('')),
        Buffer.from(row({ ...base, shipment_id: 'A7', description: 'Caf\xe9 table' }), 'latin1'),
      ]),
    );
    const out = join(tmp.dir, 'out.csv');
    const alerts = join(tmp.dir, 'alerts.jsonl');
    const summary = await screenShipmentsFile(input, { policy, out, alertsOut: alerts, asOf: '2024-09-10' });
    const rows = parse(readFileSync(out)) as string[][];
    expect(rows[0]).toEqual([...SCREEN_COLUMNS]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7']);
    expect(summary.rows).toBe(7);
    expect(summary.rejected).toBe(4);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    const a1 = byId.get('A1');
    expect(a1?.[3]).toBe('true');
    expect(Number(a1?.[1])).toBeGreaterThanOrEqual(policy.data.score.alertThreshold);
    expect(a1?.[4]?.split(';')).toContain('controlled-chemical');
    expect(a1?.[5]).toMatch(/npp/);
    for (const id of ['A2', 'A3', 'A4', 'A7']) {
      expect(byId.get(id)?.[4], id).toBe('data-quality-rejected-row');
      expect(byId.get(id)?.[3], id).toBe('false');
    }
    expect(byId.get('A2')?.[5]).toMatch(/origin_country/);
    expect(byId.get('A3')?.[5]).toMatch(/expected 32 columns/);
    expect(byId.get('A7')?.[5]).toMatch(/invalid byte sequence/);
    expect(byId.get('A5')?.[4]?.split(';')).toEqual(
      expect.arrayContaining(['data-quality-unknown-hs-code', 'data-quality-cas-check-digit']),
    );
    expect(byId.get('A6')?.[4]).toBe('data-quality-missing-field');
    expect(byId.get('A6')?.[2]).toBe('low');
    const alertLines = readFileSync(alerts, 'utf8').trim().split('\n');
    expect(alertLines.map((l) => (JSON.parse(l) as { subjectId: string }).subjectId)).toEqual(['A1']);
    expect(JSON.parse(alertLines[0] ?? '{}')).toMatchObject({
      detectorId: 'trade-screening',
      subjectKind: 'shipment',
      createdAt: '2024-09-10T00:00:00.000Z',
    });
  });

  it('leaves no output file when the input cannot be read', async () => {
    const out = join(tmp.dir, 'never.csv');
    await expect(screenShipmentsFile(join(tmp.dir, 'missing.csv'), { policy, out })).rejects.toThrow();
    expect(() => readFileSync(out)).toThrow();
  });
});
