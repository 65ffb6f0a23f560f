import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../cli/commands/demo.js';
import { runCli } from '../test-support/cli.js';
import { tempDir } from '../test-support/temp.js';
import { DEFAULT_POLICY_FILE } from './policy.js';
import { SCREEN_COLUMNS } from './screen-file.js';

const SHIPMENTS = join(EXAMPLES_DIR, 'shipments.csv');

describe('chokepoint screen shipments and analyze (the built CLI)', () => {
  const tmp = tempDir('chokepoint-screen-cli-');
  afterAll(() => tmp.cleanup());

  it('screen shipments writes the documented columns, one row per input row, and a JSON summary', () => {
    const out = join(tmp.dir, 'scored.csv');
    const r = runCli(['screen', 'shipments', SHIPMENTS, '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { rows: number; flagged: number; policy: string };
    const rows = parse(readFileSync(out)) as string[][];
    expect(rows[0]).toEqual([...SCREEN_COLUMNS]);
    const inputRows = (parse(readFileSync(SHIPMENTS)) as string[][]).length - 1;
    expect(rows.length - 1).toBe(inputRows);
    expect(summary.rows).toBe(inputRows);
    for (const row of rows.slice(1)) {
      expect(Number(row[1])).toBeGreaterThanOrEqual(0);
      expect(Number(row[1])).toBeLessThanOrEqual(100);
      expect(['low', 'medium', 'high', 'critical']).toContain(row[2]);
      expect(['true', 'false']).toContain(row[3]);
      if (row[4] !== '') expect(row[5]).not.toBe('no rule fired');
    }
    expect(summary.flagged).toBe(rows.filter((r) => r[3] === 'true').length);
    expect(summary.policy).toMatch(/^trade-screening@/);
  });

  it('exits 1 naming the field of a bad policy, and 2 without --out', () => {
    const policy = JSON.parse(readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as { score: { alertThreshold: unknown } };
    policy.score.alertThreshold = 'high';
    const bad = tmp.file('bad-policy.json', JSON.stringify(policy));
    const r = runCli(['screen', 'shipments', SHIPMENTS, '--out', join(tmp.dir, 'x.csv'), '--policy', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/score\.alertThreshold/);
    expect(runCli(['screen', 'shipments', SHIPMENTS]).status).toBe(2);
  });

  it('analyze runs the registered detectors over the store and writes alerts', () => {
    const db = join(tmp.dir, 'analyze.db');
    expect(runCli(['ingest', SHIPMENTS, '--db', db]).status).toBe(0);
    const r = runCli(['analyze', '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { raised: Record<string, number> };
    expect(report.raised['trade-screening']).toBeGreaterThan(0);
    const stats = JSON.parse(runCli(['stats', '--db', db, '--json']).stdout) as { alerts: number };
    expect(stats.alerts).toBeGreaterThanOrEqual(report.raised['trade-screening'] ?? 0);
  });
});
