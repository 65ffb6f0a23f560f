import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertedRecords, evaluate, readAlertsFile, readTruth } from '../evaluate/index.js';
import { ingestFile } from '../ingest/index.js';
import { simulate, SIMULATED_FILES } from '../simulate/index.js';
import { openStore } from '../store/index.js';
import { tempDir } from '../test-support/temp.js';
import { tradeScreeningDetector, TRADE_TYPOLOGIES } from './detector.js';
import { loadPolicy } from './policy.js';
import { screenShipmentsFile } from './screen-file.js';

/**
 * Detection quality on simulated worlds (two seeds, so nothing is tuned to one): the planted trade
 * schemes found, and the precision of the alerts. Minimums are set below the figures measured on
 * the medium world (docs/trade-screening.md): a small world has few schemes, so one miss weighs a lot.
 */
const policy = loadPolicy();
const tmp = tempDir('chokepoint-trade-quality-');
afterAll(() => tmp.cleanup());

describe.each([1, 2])('small simulated world, seed %i', (seed) => {
  const dir = join(tmp.dir, `world-${seed}`);
  beforeAll(async () => {
    await simulate({ outDir: dir, seed, scale: 'small' });
  }, 60_000);

  it('screen shipments finds the planted trade schemes with high precision', async () => {
    const alerts = join(dir, 'alerts.jsonl');
    await screenShipmentsFile(join(dir, SIMULATED_FILES.shipments), { policy, out: join(dir, 'scored.csv'), alertsOut: alerts });
    const truth = await readTruth(join(dir, SIMULATED_FILES.truth));
    const result = evaluate(truth, await alertedRecords(await readAlertsFile(alerts)));
    for (const typology of TRADE_TYPOLOGIES) {
      const t = result.byTypology.find((x) => x.typology === typology);
      expect(t?.schemes, typology).toBeGreaterThan(0);
      expect(t?.schemeRecall, typology).toBeGreaterThanOrEqual(0.9);
    }
    expect(result.byDetector[0]?.precision).toBeGreaterThanOrEqual(0.6);
  }, 60_000);
});

describe('the trade-screening detector over a store', () => {
  it('alerts on store shipments with store ids as subjects and evidence', async () => {
    const dir = join(tmp.dir, 'store-world');
    await simulate({ outDir: dir, seed: 3, scale: 'tiny' });
    const store = await openStore(join(tmp.dir, 'trade.db'));
    try {
      await ingestFile(store, { path: join(dir, SIMULATED_FILES.shipments) });
      const alerts = await tradeScreeningDetector({ policy }).detect(store);
      expect(alerts.length).toBeGreaterThan(0);
      for (const a of alerts) {
        expect(a).toMatchObject({ detectorId: 'trade-screening', subjectKind: 'shipment', status: 'open' });
        const shipment = await store.getShipment(a.subjectId);
        expect(shipment, a.subjectId).toBeDefined();
        expect(a.score).toBeGreaterThanOrEqual(policy.data.score.alertThreshold);
        for (const r of a.reasons.filter((x) => x.ruleId.startsWith('split-')))
          for (const id of r.evidence) expect(await store.getShipment(id), id).toBeDefined();
      }
      const truth = await readTruth(join(dir, SIMULATED_FILES.truth));
      const result = evaluate(truth, await alertedRecords(alerts, store));
      expect(result.byTypology.find((t) => t.typology === 'split_low_value_precursor')?.schemesFound).toBe(1);
    } finally {
      await store.close();
    }
  }, 60_000);
});
