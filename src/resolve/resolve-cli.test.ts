import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/cli.js';
import { tempDir } from '../test-support/temp.js';

const CRM = [
  'ID,Full Name,DOB,Telephone,E-mail,Country,Tax ID',
  '1,Wang Wei,1980-02-03,+86 138 0000 1111,wei@x.cn,CN,91330000MA2B3C4D5E',
  '2,Maria Fernanda Lopez Garcia,1975-06-07,+52 55 1234 5678,mflopez@mail.mx,MX,',
  '3,John Smith,1961-01-01,555 111 2222,jsmith@a.com,US,',
].join('\n');
const PAYMENTS = [
  'VendorNo,Vendor Name,Born,mobile,email_address,jurisdiction',
  'p1,WANG Wei,1980-02-03,13800001111,wei@x.cn,cn',
  'p2,Maria Lopez,1975-06-07,5512345678,,MX',
  'p3,John Smith,1990-09-09,555 999 8888,john.smith@b.com,US',
].join('\n');

let scratch: ReturnType<typeof tempDir> | undefined;
afterEach(() => scratch?.cleanup());

function rows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

describe('chokepoint resolve FILE...', () => {
  it('clusters records of two files with different headers, with --map and pairwise evidence', () => {
    scratch = tempDir();
    const crm = scratch.file('crm.csv', CRM);
    const payments = scratch.file('payments.csv', PAYMENTS);
    const out = `${scratch.dir}/clusters.csv`;
    const pairs = `${scratch.dir}/pairs.csv`;
    const r = runCli([
      'resolve',
      crm,
      payments,
      '--map',
      'id=VendorNo',
      '--map',
      'name=Vendor Name',
      '--out',
      out,
      '--explain',
      pairs,
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const clusters = rows(out);
    expect(clusters[0]).toEqual(['source', 'record_id', 'cluster_id']);
    const cluster = new Map(clusters.slice(1).map(([s, id, c]) => [`${s}/${id}`, c]));
    expect(cluster.get('crm.csv/1')).toBe(cluster.get('payments.csv/p1'));
    expect(cluster.get('crm.csv/2')).toBe(cluster.get('payments.csv/p2'));
    // Same common name, different birth date, phone and e-mail: two people.
    expect(cluster.get('crm.csv/3')).not.toBe(cluster.get('payments.csv/p3'));
    const evidence = readFileSync(pairs, 'utf8');
    expect(evidence.split('\n')[0]).toContain('name_level,name_weight');
    expect(evidence).toMatch(/merged,.*phone exact \+\d/);
    // Deterministic ids: a second run gives the same file.
    const again = `${scratch.dir}/again.csv`;
    runCli(['resolve', crm, payments, '--map', 'id=VendorNo', '--map', 'name=Vendor Name', '--out', again]);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('fails on a file without an id column, naming file, line and what it looked for', () => {
    scratch = tempDir();
    const bad = scratch.file('bad.csv', 'Vendor Name,DOB\nWang Wei,1980\n');
    const r = runCli(['resolve', bad, '--out', `${scratch.dir}/c.csv`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}:1: id: no id column`);
  });

  it('fails on a ragged row with its file and line', () => {
    scratch = tempDir();
    const bad = scratch.file('ragged.csv', 'id,name,dob\n1,Wang Wei,1980\n2,John Smith\n');
    const r = runCli(['resolve', bad, '--out', `${scratch.dir}/c.csv`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}:3: (row): ragged row: 2 fields where the header has 3`);
  });

  it('rejects a row with an unreadable value, naming file, line and field, and resolves the rest', () => {
    scratch = tempDir();
    const bad = scratch.file('dates.csv', 'id,name,dob\n1,Wang Wei,1980-02-03\n2,John Smith,03/04/1971\n');
    const out = `${scratch.dir}/c.csv`;
    const r = runCli(['resolve', bad, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}:3: dob: "03/04/1971" is not an ISO date`);
    expect(rows(out)).toHaveLength(2);
  });

  it('refuses a bad threshold and files without --out as usage errors', () => {
    scratch = tempDir();
    const f = scratch.file('a.csv', 'id,name\n1,A\n');
    expect(runCli(['resolve', f, '--out', 'x.csv', '--threshold', '1.5']).status).toBe(2);
    expect(runCli(['resolve', f]).status).toBe(2);
  });
});
