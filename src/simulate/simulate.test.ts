import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows } from '../ingest/csv-source.js';
import { ingestFile } from '../ingest/index.js';
import { checkEntity } from '../model/index.js';
import { SqliteStore } from '../store/index.js';
import { tempDir } from '../test-support/temp.js';
import { DEFAULT_LEVERS, SIMULATED_FILES, simulate, type SimulationSummary } from './index.js';
import { SCHEME_TYPES } from './schemes/index.js';
import { SimulationInputError } from './overrides.js';

const TYPOLOGIES = [...new Set(SCHEME_TYPES.map((t) => t.typology))].sort();
/** Scheme types per typology: two types can share one (structuring into a funnel and across related accounts). */
const typesOf = (typology: string): number => SCHEME_TYPES.filter((t) => t.typology === typology).length;

async function readCsv(path: string): Promise<{ header: string[]; rows: string[][] }> {
  const all: string[][] = [];
  const { createReadStream } = await import('node:fs');
  for await (const { fields } of csvRows(createReadStream(path, { encoding: 'utf8' }), path)) all.push([...fields]);
  const [header = [], ...rows] = all;
  return { header, rows };
}

interface World {
  readonly dir: string;
  readonly summary: SimulationSummary;
}

describe('simulate', () => {
  const tmp = tempDir('chokepoint-sim-');
  const worlds: Record<string, World> = {};
  const run = async (name: string, options: { seed: number; scale: 'tiny' | 'small'; scenario?: string }): Promise<World> => {
    const dir = join(tmp.dir, name);
    worlds[name] = { dir, summary: await simulate({ outDir: dir, ...options }) };
    return worlds[name];
  };
  const world = (name: string): World => {
    const w = worlds[name];
    if (w === undefined) throw new Error(`world ${name} was not simulated`);
    return w;
  };
  const file = (name: string, f: keyof typeof SIMULATED_FILES) => readFileSync(join(world(name).dir, SIMULATED_FILES[f]));

  beforeAll(async () => {
    await run('tiny-a', { seed: 11, scale: 'tiny' });
    await run('tiny-b', { seed: 11, scale: 'tiny' });
    await run('tiny-c', { seed: 12, scale: 'tiny' });
    await run('small', { seed: 3, scale: 'small' });
    await run('tiny-suspended', { seed: 11, scale: 'tiny', scenario: 'de-minimis-suspended' });
    await run('tiny-cnhk', { seed: 11, scale: 'tiny', scenario: 'cn-hk-suspended' });
  }, 20_000);
  afterAll(() => tmp.cleanup());

  it('writes byte-identical files for the same seed and scale, different ones for another seed', () => {
    for (const f of Object.keys(SIMULATED_FILES) as (keyof typeof SIMULATED_FILES)[]) {
      expect(file('tiny-a', f).equals(file('tiny-b', f)), f).toBe(true);
      // A tiny world may designate no front company, leaving both alias files empty.
      if (f !== 'watchlistAliases') expect(file('tiny-a', f).equals(file('tiny-c', f)), f).toBe(false);
    }
  });

  it('records the seed, scale, scenario and every lever in scenario.json', () => {
    const scenario = JSON.parse(file('tiny-a', 'scenario').toString()) as Record<string, unknown>;
    expect(scenario).toMatchObject({ seed: 11, scale: 'tiny', scenario: 'baseline', simulatorVersion: expect.any(String) });
    expect(scenario['levers']).toEqual(DEFAULT_LEVERS);
  });

  it.each(['tiny-a', 'small', 'tiny-suspended', 'tiny-cnhk'])(
    '%s: sizes, illicit share of 0.1-1%% and every typology planted',
    (name) => {
      const { summary } = world(name);
      const expected = summary.scale === 'tiny' ? 2_000 : 20_000;
      expect(summary.counts.shipments).toBeGreaterThanOrEqual(expected);
      expect(summary.counts.shipments).toBeLessThan(expected * 1.05);
      expect(summary.counts.transactions).toBeLessThan(expected * 1.05);
      const share =
        (summary.illicit.shipments + summary.illicit.transactions) / (summary.counts.shipments + summary.counts.transactions);
      expect(share).toBeGreaterThanOrEqual(0.001);
      expect(share).toBeLessThanOrEqual(0.01);
      expect(Object.keys(summary.schemes).sort()).toEqual(TYPOLOGIES);
      for (const [typology, n] of Object.entries(summary.schemes))
        expect(n).toBe((summary.scale === 'tiny' ? 1 : 2) * typesOf(typology));
    },
  );

  it.each(['tiny-a', 'small', 'tiny-suspended', 'tiny-cnhk'])(
    '%s: every truth row points at a record in the written files',
    async (name) => {
      const { dir } = world(name);
      const shipments = await readCsv(join(dir, SIMULATED_FILES.shipments));
      const transactions = await readCsv(join(dir, SIMULATED_FILES.transactions));
      const truth = await readCsv(join(dir, SIMULATED_FILES.truth));
      const entityIds = new Set(
        readFileSync(join(dir, SIMULATED_FILES.entities), 'utf8')
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { id: string }).id),
      );
      const ids = {
        shipment: new Set(shipments.rows.map((r) => r[0])),
        transaction: new Set(transactions.rows.map((r) => r[0])),
        account: new Set(transactions.rows.flatMap((r) => [r[2], r[6]])),
        entity: entityIds,
      };
      expect(truth.header).toEqual(['record_kind', 'record_id', 'scheme_id', 'typology', 'role', 'key_record', 'kg', 'usd']);
      const kinds = new Set<string>();
      const schemesWithKey = new Set<string>();
      for (const [kind = '', id = '', scheme = '', , , key = ''] of truth.rows) {
        kinds.add(kind);
        expect(ids[kind as keyof typeof ids].has(id), `${kind} ${id}`).toBe(true);
        expect(['true', 'false']).toContain(key);
        if (key === 'true') schemesWithKey.add(scheme);
      }
      expect([...kinds].sort()).toEqual(['account', 'entity', 'shipment', 'transaction']);
      expect(new Set(truth.rows.map((r) => r[2]))).toEqual(schemesWithKey);
      expect(new Set(ids.shipment).size).toBe(shipments.rows.length);
    },
  );

  it('writes a pacs.008 sample of wires that exist in transactions.csv, and an SDN-layout watchlist', async () => {
    const { dir, summary } = world('small');
    const xml = readFileSync(join(dir, SIMULATED_FILES.pacs008), 'utf8');
    const ids = [...xml.matchAll(/<TxId>([^<]+)<\/TxId>/g)].map((m) => m[1]);
    expect(xml).toContain(`<NbOfTxs>${summary.counts.pacs008}</NbOfTxs>`);
    expect(ids.length).toBe(summary.counts.pacs008);
    expect(ids.length).toBeGreaterThan(100);
    const wires = new Set(
      (await readCsv(join(dir, SIMULATED_FILES.transactions))).rows.filter((r) => r[13] === 'wire').map((r) => r[0]),
    );
    for (const id of ids) expect(wires.has(id as string), id).toBe(true);
    const sdn = readFileSync(join(dir, SIMULATED_FILES.watchlist), 'utf8')
      .split('\r\n')
      .filter((l) => l.length > 0);
    expect(sdn.length).toBe(summary.counts.watchlist);
    for (const line of sdn) expect(line).toMatch(/^\d+,"[^"]+",/);
  });

  it('writes only valid FtM entities with the canonical CSV headers and enums', () => {
    const lines = file('tiny-a', 'entities').toString('utf8').trim().split('\n');
    const schemata = new Set<string>();
    for (const line of lines) {
      const checked = checkEntity(JSON.parse(line));
      expect(checked.ok, line).toBe(true);
      if (checked.ok) schemata.add(checked.entity.schema);
    }
    expect([...schemata].sort()).toEqual(['Address', 'BankAccount', 'Company', 'Directorship', 'Ownership', 'Person']);
  });

  it.each(['tiny-a', 'tiny-suspended', 'tiny-cnhk'])('%s: ingests with zero rejections into a SQLite store', async (name) => {
    const store = new SqliteStore(join(tmp.dir, `${name}.db`));
    try {
      for (const f of ['shipments', 'transactions', 'entities'] as const) {
        const rejections: string[] = [];
        const result = await ingestFile(store, {
          path: join(world(name).dir, SIMULATED_FILES[f]),
          onRejected: (r) => rejections.push(`${r.line} ${r.field}: ${r.reason}`),
        });
        expect(rejections, f).toEqual([]);
        expect(result.counts.rejected).toBe(0);
        expect(result.counts.stored).toBe(world(name).summary.counts[f]);
      }
      const stats = await store.stats();
      expect(stats.shipments).toBe(world(name).summary.counts.shipments);
    } finally {
      await store.close();
    }
  });

  it('plants weekdays heavier than weekends', async () => {
    const { rows } = await readCsv(join(world('small').dir, SIMULATED_FILES.shipments));
    let weekday = 0;
    let weekend = 0;
    for (const r of rows) {
      const dow = new Date(`${r[3]}T00:00:00Z`).getUTCDay();
      if (dow === 0 || dow === 6) weekend++;
      else weekday++;
    }
    expect(weekday / 5).toBeGreaterThan((weekend / 2) * 1.5);
  });

  it('rejects unknown scenarios, bad seeds and bad levers before writing anything', async () => {
    const outDir = join(tmp.dir, 'never');
    await expect(simulate({ outDir, seed: 1, scale: 'tiny', scenario: 'nope' })).rejects.toThrow(
      /unknown scenario "nope".*baseline/,
    );
    await expect(simulate({ outDir, seed: -1, scale: 'tiny' })).rejects.toThrow(SimulationInputError);
    await expect(simulate({ outDir, seed: 1, scale: 'tiny', overrides: ['inspectionRate.postal=7'] })).rejects.toThrow(
      /inspectionRate\.postal/,
    );
    expect(existsSync(outDir)).toBe(false);
  });

  it('fails loudly when it cannot write', async () => {
    const blocker = tmp.file('not-a-dir', 'x');
    await expect(simulate({ outDir: join(blocker, 'world'), seed: 1, scale: 'tiny' })).rejects.toThrow(/EEXIST|ENOTDIR/);
  });
});
