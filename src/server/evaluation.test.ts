import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation } from '../evaluate/index.js';
import { as, makeWorld, type World } from './test-world.js';

describe('GET /api/evaluation (caught versus planted on a simulated world)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-eval-api-'));
  const truthFile = join(dir, 'truth.csv');
  let world: World;
  let without: World;
  beforeAll(async () => {
    // The seeded store alerts shipment S1; the planted payment T-9 is never alerted.
    writeFileSync(
      truthFile,
      [
        'record_kind,record_id,scheme_id,typology,role,key_record,kg,usd',
        'shipment,S1,split-1,split_low_value_precursor,parcel,true,25,790',
        'transaction,T-9,struct-1,structuring,deposit,true,0,9800',
      ].join('\n') + '\n',
    );
    world = await makeWorld('sqlite', { truthFile });
    without = await makeWorld('sqlite');
  });
  afterAll(async () => {
    await world.close();
    await without.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scores the stored alerts against the truth: schemes found, kg and USD caught', async () => {
    const res = await as(world, 'vic', 'GET', '/api/evaluation');
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json() as Evaluation;
    expect(e.byScheme.map((s) => [s.schemeId, s.found])).toEqual([
      ['split-1', true],
      ['struct-1', false],
    ]);
    expect(e.byTypology.find((t) => t.typology === 'split_low_value_precursor')).toMatchObject({ kgCaught: 25, usdCaught: 790 });
  });

  it('answers 404 in the error shape when the server has no ground truth', async () => {
    const res = await as(without, 'vic', 'GET', '/api/evaluation');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('--truth');
  });
});
