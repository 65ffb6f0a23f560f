import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/cli.js';
import { SHARED_DATA, tempDir } from '../test-support/temp.js';

const OFAC = join(SHARED_DATA, 'watchlists/ofac');
const UN = join(SHARED_DATA, 'watchlists/un/UN_consolidated_2026-02-27.xml');

describe('chokepoint watchlist (CLI)', () => {
  const t = tempDir('chokepoint-wl-cli-');
  const db = join(t.dir, 'store.db');
  afterAll(() => t.cleanup());

  it('loads OFAC and UN as one dataset, then a newer OFAC list as version 2 with its difference', () => {
    const first = runCli(['watchlist', 'load', 'sanctions', join(OFAC, 'sdn_2021-07-07'), UN, '--db', db, '--json']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const v1 = JSON.parse(first.stdout) as { version: number; entities: number; counts: { added: number } };
    expect(v1.version).toBe(1);
    expect(v1.counts.added).toBe(v1.entities);
    expect(first.stdout).toMatch(/"index"/);
    const second = runCli(['watchlist', 'load', 'sanctions', join(OFAC, 'sdn_2024-05-03.csv'), UN, '--db', db, '--verbose']);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/dataset\s+sanctions version 2/);
    expect(second.stdout).toMatch(/^\s+removed\s+ofac-\d+$/m);
    expect(second.stdout).toMatch(/^index\s+[\d,]+ screenable entities of every current dataset, built and stored/m);
    const list = runCli(['watchlist', 'list', '--db', db]);
    expect(list.stdout.split('\n').filter((l) => /sanctions\s+[12]\s/.test(l))).toHaveLength(2);
  });

  it('leaves the dataset as it was when the new file has a bad line (exit 1, file:line:field)', () => {
    const bad = t.file(
      'sdn.csv',
      '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n37,"BROKEN"\r\n',
    );
    const r = runCli(['watchlist', 'load', 'sanctions', bad, '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/sdn\.csv:2: \(row\): expected 12 fields/);
    const versions = JSON.parse(runCli(['watchlist', 'list', '--db', db, '--json']).stdout) as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('screens names against the stored dataset by name', () => {
    const names = t.file('names.csv', 'id,name,schema\nq1,Banco Nacional de Cuba,Company\nq2,Zyxwv Qutrop,Person\n');
    const out = join(t.dir, 'matches.csv');
    const r = runCli(['screen', 'names', names, '--list', 'sanctions', '--out', out, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // `watchlist load` prepared the index of every current dataset: this run reads it back.
    expect(r.stdout).toMatch(/list\s+sanctions \(store-dataset\): [\d,]+ entities, stored index/);
    const rows = readFileSync(out, 'utf8');
    expect(rows).toMatch(/q1,Banco Nacional de Cuba,ofac-306,BANCO NACIONAL DE CUBA,sanctions,1/);
    expect(rows).not.toMatch(/q2,/);
  });

  it('serves a subset of the datasets from an index of its own, built once and read back after', () => {
    const loaded = runCli(['watchlist', 'load', 'un-only', UN, '--db', db, '--no-index']);
    expect(loaded.status).toBe(0);
    expect(loaded.stdout).not.toMatch(/^index/m);
    const names = t.file('names2.csv', 'id,name,schema\nq1,Banco Nacional de Cuba,Company\n');
    const screen = (out: string): ReturnType<typeof runCli> =>
      runCli(['screen', 'names', names, '--list', 'sanctions', '--out', join(t.dir, out), '--db', db]);
    const first = screen('first.csv');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/list\s+sanctions \(store-dataset\): [\d,]+ entities, index built and stored/);
    const second = screen('second.csv');
    expect(second.stdout).toMatch(/list\s+sanctions \(store-dataset\): [\d,]+ entities, stored index/);
    const rows = readFileSync(join(t.dir, 'second.csv'), 'utf8');
    expect(rows).toBe(readFileSync(join(t.dir, 'first.csv'), 'utf8'));
    expect(rows).toMatch(/q1,Banco Nacional de Cuba,ofac-306,BANCO NACIONAL DE CUBA,sanctions,1/);
    // Only the chosen dataset is screened: the UN-only dataset's entities never answer.
    expect(rows).not.toMatch(/,un-only,/);
  });

  it('refuses a bad dataset name with a clear message', () => {
    const r = runCli(['watchlist', 'load', 'bad name', UN, '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dataset name "bad name"/);
  });
});
