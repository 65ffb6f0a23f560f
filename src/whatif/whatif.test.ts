import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Detector } from '../detect/index.js';
import { contentId } from '../model/index.js';
import { tempDir } from '../test-support/temp.js';
import { runWhatIf, type WorldWriter } from './whatif.js';

/**
 * A small world writer standing in for the simulator: `parcels` lever = how many illicit parcels
 * (labelled "CAS 79099") it plants among ten legitimate ones. Real files, real store, real
 * evaluation; only the world is hand-made.
 */
const world: WorldWriter = async ({ outDir, seed, overrides }) => {
  const parcels = Number(overrides['parcels']);
  const shipments = ['shipment_id,arrival_date,origin_country,description,declared_value_usd'];
  const truth = ['record_kind,record_id,scheme_id,typology,role,key_record,kg,usd'];
  for (let i = 0; i < 10; i++) shipments.push(`L${seed}-${i},2026-03-0${1 + (i % 5)},CN,phone case,12`);
  for (let i = 0; i < parcels; i++) {
    shipments.push(`X${seed}-${i},2026-03-02,CN,CAS 79099 sample,700`);
    truth.push(`shipment,X${seed}-${i},split-${seed},split_low_value_precursor,parcel,true,20,700`);
  }
  // One parcel the detector cannot see (no slang in its description).
  shipments.push(`H${seed},2026-03-03,CN,hair care raw material,650`);
  truth.push(`shipment,H${seed},hidden-${seed},split_low_value_precursor,parcel,true,20,650`);
  await writeFile(join(outDir, 'shipments.csv'), `${shipments.join('\n')}\n`);
  await writeFile(join(outDir, 'transactions.csv'), 'transaction_id,timestamp,debtor_account,creditor_account,amount,currency\n');
  await writeFile(join(outDir, 'entities.ftm.json'), '');
  await writeFile(join(outDir, 'truth.csv'), `${truth.join('\n')}\n`);
  // The investigators of this world review two alerts a day.
  return { alertsPerDay: 2 };
};

const slangDetector: Detector = {
  id: 'test.cas-slang',
  version: '1',
  description: 'alerts shipments whose description names a CAS number',
  typologies: ['split_low_value_precursor'],
  async detect(store) {
    const alerts = [];
    for await (const s of store.iterateShipments()) {
      if (!s.description?.includes('CAS')) continue;
      alerts.push({
        id: contentId('alert', s.id),
        detectorId: 'test.cas-slang',
        subjectKind: 'shipment' as const,
        subjectId: s.id,
        score: 80,
        level: 'high' as const,
        reasons: [{ ruleId: 'cas-in-text', weight: 1, text: 'CAS number in description', evidence: [s.id] }],
        status: 'open' as const,
        createdAt: `${s.arrivalDate}T00:00:00.000Z`,
      });
    }
    return alerts;
  },
};

describe('runWhatIf', () => {
  const tmp = tempDir('chokepoint-whatif-');
  afterAll(() => tmp.cleanup());

  it('runs simulate → ingest → detect → evaluate per value and seed, and compares', async () => {
    const seen: string[] = [];
    const { rows, runs } = await runWhatIf({
      scenario: 'baseline',
      scale: 'tiny',
      lever: 'parcels',
      values: ['1', '9'],
      seeds: 2,
      detectors: [slangDetector],
      workDir: tmp.dir,
      simulate: world,
      onRun: (r) => seen.push(`${r.value}/${r.seed}`),
    });
    expect(seen).toEqual(['1/1', '1/2', '9/1', '9/2']);
    expect(runs).toHaveLength(4);
    // 1 of 2 planted parcels is visible with one parcel; 9 of 10 with nine.
    expect(rows.map((r) => [r.value, r.recall, r.precision])).toEqual([
      ['1', 0.5, 1],
      ['9', 0.9, 1],
    ]);
    expect(rows[1]).toMatchObject({ kgPlanted: 200, kgCaught: 180, schemesPlanted: 2, schemesFound: 1 });
    // All nine visible parcels arrive on one day: the investigators work two of them.
    expect(rows.map((r) => [r.alertsPerDay, r.budgetRecall, r.budgetKgCaught])).toEqual([
      [2, 0.5, 20],
      [2, 0.2, 40],
    ]);
  });

  it('finds nothing, honestly, when no detector is registered', async () => {
    const { rows } = await runWhatIf({
      scenario: 'baseline',
      scale: 'tiny',
      lever: 'parcels',
      values: ['3'],
      seeds: 1,
      detectors: [],
      workDir: tmp.dir,
      simulate: world,
    });
    expect(rows[0]).toMatchObject({ alerts: 0, recall: 0, precision: 0, kgCaught: 0, kgPlanted: 80 });
  });
});
