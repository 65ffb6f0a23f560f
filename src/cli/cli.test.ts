import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/cli.js';
import { createScratchDatabase } from '../test-support/postgres.js';
import { tempDir } from '../test-support/temp.js';
import { EXAMPLES_DIR } from './commands/demo.js';

const SHIPMENTS = join(EXAMPLES_DIR, 'shipments.csv');
const TRANSACTIONS = join(EXAMPLES_DIR, 'transactions.csv');
const ENTITIES = join(EXAMPLES_DIR, 'entities.ftm.json');

interface IngestJson {
  files: { file: string; summary?: { format: string; counts: Record<string, number> }; error?: string }[];
}

describe('chokepoint CLI (the built binary, in a child process)', () => {
  const tmp = tempDir('chokepoint-cli-');
  afterAll(() => tmp.cleanup());

  it('prints help for the program and every command, exit 0', () => {
    const top = runCli(['--help']);
    expect(top.status).toBe(0);
    for (const command of ['ingest', 'stats', 'export', 'simulate', 'evaluate', 'screen', 'analyze', 'whatif', 'demo'])
      expect(top.stdout).toContain(command);
    for (const command of ['ingest', 'stats', 'export', 'simulate', 'evaluate', 'screen', 'analyze', 'whatif', 'demo']) {
      const help = runCli([command, '--help']);
      expect(help.status, command).toBe(0);
      expect(help.stdout).toContain('Examples:');
    }
  });

  it.each([
    [['frobnicate']],
    [['ingest']],
    [['ingest', SHIPMENTS, '--map', 'no-equals-sign']],
    [['ingest', SHIPMENTS, '--batch-size', '0']],
    [['ingest', SHIPMENTS, '--format', 'xml']],
    [['export']],
    [['stats', '--no-such-flag']],
  ])('exits 2 on a usage error: %j', (args) => {
    const r = runCli(args, { CHOKEPOINT_DB: join(tmp.dir, 'usage.db') });
    expect(r.status).toBe(2);
    expect(r.stderr.length).toBeGreaterThan(0);
  });

  it('ingests, reports as JSON, and a second ingest stores nothing new', () => {
    const db = join(tmp.dir, 'ingest.db');
    const first = runCli(['ingest', SHIPMENTS, TRANSACTIONS, ENTITIES, '--db', db, '--json']);
    expect(first.status, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as IngestJson;
    expect(report.files.map((f) => f.summary?.format)).toEqual(['shipments-csv', 'transactions-csv', 'ftm']);
    for (const f of report.files) expect(f.summary?.counts['stored']).toBe(f.summary?.counts['read']);
    const second = JSON.parse(runCli(['ingest', SHIPMENTS, '--db', db, '--json']).stdout) as IngestJson;
    expect(second.files[0]?.summary?.counts).toMatchObject({ stored: 0, rejected: 0 });
    expect(second.files[0]?.summary?.counts['unchanged']).toBe(report.files[0]?.summary?.counts['read']);
  });

  it('lists every rejected row in --rejects and exits 1, storing the good rows', () => {
    const lines = readFileSync(SHIPMENTS, 'utf8').trimEnd().split('\n');
    const bad = [...lines.slice(0, 4), lines[4]!.replace(/,CN,/, ',QQ,'), 'SHP-X,only,three'];
    const input = tmp.file('bad.csv', `${bad.join('\n')}\n`);
    const rejects = join(tmp.dir, 'rejects.csv');
    const db = join(tmp.dir, 'rejects.db');
    const r = runCli(['ingest', input, '--db', db, '--rejects', rejects]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/read 5, stored 3, unchanged 0, rejected 2/);
    expect(r.stderr).toContain(`rejected ${input}:5:`);
    const rows = parse(readFileSync(rejects)) as string[][];
    expect(rows).toEqual([
      ['file', 'line', 'field', 'reason'],
      [input, '5', 'origin_country', 'unknown country code "QQ" (expected ISO 3166-1 alpha-2)'],
      [input, '6', '(row)', 'expected 32 columns, found 3'],
    ]);
  });

  it('fails with exit 1 naming the file when it cannot be read', () => {
    const r = runCli(['ingest', join(tmp.dir, 'missing.csv'), '--db', join(tmp.dir, 'missing.db')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/missing\.csv: FAILED: .*ENOENT/);
  });

  describe('on an ingested store', () => {
    const db = join(tmp.dir, 'export.db');
    beforeAll(() => {
      expect(runCli(['ingest', SHIPMENTS, TRANSACTIONS, ENTITIES, '--db', db]).status).toBe(0);
    });

    it('reports stats as JSON, honouring CHOKEPOINT_DB', () => {
      const r = runCli(['stats', '--json'], { CHOKEPOINT_DB: db });
      expect(r.status).toBe(0);
      const stats = JSON.parse(r.stdout) as { shipments: number; transactions: number; entitiesBySchema: Record<string, number> };
      expect(stats.shipments).toBe(40);
      expect(stats.transactions).toBe(50);
      expect(stats.entitiesBySchema['Sanction']).toBe(1);
    });

    it('exports entities as FtM that ingests again unchanged', () => {
      const out = join(tmp.dir, 'entities-out.ftm.json');
      expect(runCli(['export', '--format', 'ftm', '--db', db, '--out', out]).status).toBe(0);
      const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
      const stats = JSON.parse(runCli(['stats', '--json', '--db', db]).stdout) as { entities: number };
      expect(lines).toHaveLength(stats.entities);
      const again = JSON.parse(runCli(['ingest', out, '--db', db, '--dataset', 'roundtrip', '--json']).stdout) as IngestJson;
      expect(again.files[0]?.summary?.counts['rejected']).toBe(0);
      expect(JSON.parse(runCli(['stats', '--json', '--db', db]).stdout)).toMatchObject({ entities: stats.entities });
    });

    it('exports canonical CSV that another store ingests to the same export', () => {
      const first = runCli(['export', '--format', 'csv', '--kind', 'shipments', '--db', db]);
      expect(first.status).toBe(0);
      const csv = tmp.file('shipments-export.csv', first.stdout);
      const other = join(tmp.dir, 'other.db');
      expect(runCli(['ingest', csv, '--db', other, '--dataset', 'shipments']).status).toBe(0);
      const second = runCli(['export', '--format', 'csv', '--kind', 'shipments', '--db', other]);
      expect(second.stdout).toBe(first.stdout);
      expect(first.stdout.split('\n')[0]).toMatch(/^shipment_id,house_bill,master_bill,arrival_date/);
      const tx = runCli(['export', '--format', 'csv', '--kind', 'transactions', '--db', db]);
      expect(tx.stdout.trimEnd().split('\n')).toHaveLength(51);
    });

    it('refuses an FtM export of shipments with a usage error', () => {
      expect(runCli(['export', '--format', 'ftm', '--kind', 'shipments', '--db', db]).status).toBe(2);
    });
  });

  it('runs the demo on a simulated world: simulate, ingest, detect, evaluate against the truth', () => {
    const world = join(tmp.dir, 'demo-world');
    const r = runCli(['demo', '--db', join(tmp.dir, 'demo-world.db'), '--world', world, '--scale', 'tiny', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      stats: { shipments: number; transactions: number };
      world: { summary: { counts: { shipments: number; truth: number } }; evaluation: { byTypology: unknown[] } };
    };
    expect(out.stats.shipments).toBe(out.world.summary.counts.shipments);
    expect(out.stats.shipments).toBeGreaterThanOrEqual(2_000);
    expect(readFileSync(join(world, 'truth.csv'), 'utf8').trim().split('\n')).toHaveLength(out.world.summary.counts.truth + 1);
    expect(out.world.evaluation.byTypology.length).toBeGreaterThanOrEqual(7);
  });

  it('runs the demo on the examples and prints a summary', () => {
    const r = runCli(['demo', '--examples', '--db', join(tmp.dir, 'demo.db')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('shipments    40');
    expect(r.stdout).toContain('transactions 50');
    expect(r.stdout).toMatch(/Top shipment routes/);
  });

  it('runs a what-if comparison over simulated worlds (simulate → ingest → detect → evaluate)', () => {
    const csv = join(tmp.dir, 'whatif.csv');
    const r = runCli([
      'whatif',
      '--vary',
      'lowValueThresholdUsd.CN=800,0',
      '--seeds',
      '1',
      '--scale',
      'tiny',
      '--json',
      '--csv',
      csv,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as {
      value: string;
      seeds: number;
      schemesPlanted: number;
      kgPlanted: number;
      alertsPerDay: number;
    }[];
    expect(rows.map((row) => [row.value, row.seeds])).toEqual([
      ['800', 1],
      ['0', 1],
    ]);
    for (const row of rows) expect(row.schemesPlanted).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ alertsPerDay: 50 });
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toMatch(/^lever,value,seeds,alerts,precision/);
    expect(runCli(['whatif', '--vary', 'no-values=']).status).toBe(2);
    const unknown = runCli(['whatif', '--vary', 'noSuchLever=1,2', '--scale', 'tiny', '--seeds', '1']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/noSuchLever/);
    expect(runCli(['whatif', '--vary', 'inspectionRate.postal=0.5', '--set', 'investigatorAlertsPerDay=-3']).status).toBe(2);
  });

  it('runs the same commands against PostgreSQL', async () => {
    const scratch = await createScratchDatabase();
    try {
      const r = runCli(['ingest', SHIPMENTS, TRANSACTIONS, ENTITIES, '--db', scratch.url, '--json']);
      expect(r.status, r.stderr).toBe(0);
      const pgStats = JSON.parse(runCli(['stats', '--json', '--db', scratch.url]).stdout) as Record<string, unknown>;
      const sqliteDb = join(tmp.dir, 'compare.db');
      runCli(['ingest', SHIPMENTS, TRANSACTIONS, ENTITIES, '--db', sqliteDb]);
      const sqliteStats = JSON.parse(runCli(['stats', '--json', '--db', sqliteDb]).stdout) as Record<string, unknown>;
      expect({ ...pgStats, store: undefined }).toEqual({ ...sqliteStats, store: undefined });
      const pgExport = runCli(['export', '--format', 'ftm', '--db', scratch.url]).stdout;
      const sqliteExport = runCli(['export', '--format', 'ftm', '--db', sqliteDb]).stdout;
      expect(pgExport).toBe(sqliteExport);
    } finally {
      await scratch.drop();
    }
  });
});
