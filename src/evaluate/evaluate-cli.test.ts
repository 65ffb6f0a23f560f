import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../ingest/index.js';
import { contentId } from '../model/index.js';
import { SqliteStore } from '../store/index.js';
import { makeAlert } from '../test-support/fixtures.js';
import { runCli } from '../test-support/cli.js';
import { tempDir } from '../test-support/temp.js';
import type { Evaluation } from './metrics.js';

const TRUTH = [
  'record_kind,record_id,scheme_id,typology,role,key_record,kg,usd',
  'shipment,SHP-1,split-1,split_low_value_precursor,parcel,true,25,790',
  'shipment,SHP-2,split-1,split_low_value_precursor,parcel,true,25,790',
  'transaction,TX-1,struct-1,structuring,deposit,true,0,9800',
].join('\n');

const SHIPMENTS = [
  'shipment_id,arrival_date,origin_country,description',
  'SHP-1,2026-03-01,CN,sample',
  'SHP-2,2026-03-01,CN,sample',
  'SHP-3,2026-03-01,CN,tea',
].join('\n');

describe('chokepoint evaluate', () => {
  const tmp = tempDir('chokepoint-eval-');
  afterAll(() => tmp.cleanup());
  const truth = tmp.file('truth.csv', `${TRUTH}\n`);

  it('scores alerts stored with store ids by translating them to the source ids truth names', async () => {
    const db = join(tmp.dir, 'world.db');
    const store = new SqliteStore(db);
    await ingestFile(store, { path: tmp.file('shipments.csv', `${SHIPMENTS}\n`), dataset: 'world' });
    const id = (source: string): string => contentId('shipment', 'world', source);
    await store.writeAlerts([
      makeAlert({ id: 'a1', subjectKind: 'shipment', subjectId: id('SHP-1'), score: 90 }),
      makeAlert({ id: 'a2', subjectKind: 'shipment', subjectId: id('SHP-3'), score: 30 }),
    ]);
    await store.close();
    const out = join(tmp.dir, 'eval.csv');
    const schemes = join(tmp.dir, 'schemes.csv');
    const r = runCli([
      'evaluate',
      '--truth',
      truth,
      '--alerts',
      db,
      '--budgets',
      '1',
      '--json',
      '--out',
      out,
      '--schemes-out',
      schemes,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const [all, top1] = JSON.parse(r.stdout) as Evaluation[];
    expect(all?.overall).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 2 });
    expect(all?.byTypology.find((t) => t.typology === 'split_low_value_precursor')).toMatchObject({
      schemesFound: 1,
      kgCaught: 25,
    });
    expect(top1?.budget).toBe('top 1 per day');
    expect(top1?.overall).toMatchObject({ truePositives: 1, falsePositives: 0 });
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^budget,typology,records/);
    // One row per budget and scheme: split-1 found through SHP-1, struct-1 missed.
    const rows = readFileSync(schemes, 'utf8').trim().split('\n');
    expect(rows[0]).toMatch(/^budget,scheme_id,typology,found,/);
    expect(rows.filter((l) => l.startsWith('all alerts,')).map((l) => l.split(',').slice(1, 4).join(','))).toEqual([
      'split-1,split_low_value_precursor,true',
      'struct-1,structuring,false',
    ]);
  });

  it('reads alerts from a JSON-lines file whose subjects are source ids', () => {
    const alerts = tmp.file('alerts.jsonl', `${JSON.stringify(makeAlert({ subjectKind: 'transaction', subjectId: 'TX-1' }))}\n`);
    const r = runCli(['evaluate', '--truth', truth, '--alerts', alerts]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/precision 100\.0%\s+recall 33\.3%/);
  });

  it('names the file, line and field of a bad truth row', () => {
    const bad = tmp.file('bad-truth.csv', `${TRUTH}\nparcel,SHP-9,x,y,z,true,0,0\n`);
    const r = runCli(['evaluate', '--truth', bad, '--alerts', join(tmp.dir, 'world.db')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}:5: record_kind: "parcel" is not one of shipment, transaction, entity, account`);
  });

  it('refuses a malformed budget with a usage error', () => {
    expect(runCli(['evaluate', '--truth', truth, '--alerts', 'x.db', '--budgets', '10,zero']).status).toBe(2);
  });
});
