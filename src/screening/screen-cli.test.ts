import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../test-support/cli.js';
import { SHARED_DATA, tempDir } from '../test-support/temp.js';

const tmp = tempDir('chokepoint-screen-names-');
afterAll(() => tmp.cleanup());
const lines = (path: string): string[] => readFileSync(path, 'utf8').trim().split('\n');

describe('chokepoint screen names', () => {
  test('screens a names CSV against FtM lists, one row per match, bad rows reported by line and field', () => {
    const input = tmp.file(
      'parties.csv',
      'id,name,schema,country,birth_date,nationality\n' +
        'q1,Vitaly Kuzmenko,Person,RU,1971-01-22,\n' +
        'q2,Inter Tobacco LLC,Company,BY,,\n' +
        'q3,Maria Fernanda Lopez,Person,MX,1990,\n' +
        'q4,,Person,,,\n' +
        'q5,Someone,Robot,,,\n',
    );
    const out = join(tmp.dir, 'matches.csv');
    const r = runCli(['screen', 'names', input, '--list', join(SHARED_DATA, 'ftm/t1_entities.ftm.json'), '--out', out, '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('parties.csv:5: name: empty');
    expect(r.stderr).toContain('parties.csv:6: schema:');
    const summary = JSON.parse(r.stdout) as { queries: number; matches: number; rejected: unknown[] };
    expect(summary.queries).toBe(3);
    expect(summary.rejected).toHaveLength(2);
    const rows = lines(out);
    expect(rows[0]).toBe('query_id,query_name,match_id,match_name,dataset,score,explanation');
    expect(rows.some((l) => l.startsWith('q1,Vitaly Kuzmenko,NK-2Ka3UvopqbpZmVDFjWd4LA,'))).toBe(true);
    expect(rows.some((l) => l.startsWith('q2,Inter Tobacco LLC,NK-2GdmHtZTeNXjNVrBGEXZNj,'))).toBe(true);
    expect(rows.some((l) => l.startsWith('q3,'))).toBe(false);
    expect(rows.find((l) => l.startsWith('q1,'))).toContain('birth-date agrees');
  });

  test('a stricter --threshold reports fewer matches; an unknown list is a clear error', () => {
    const input = tmp.file('one.csv', 'name,schema\nVitalij Kuzmenko Jurievich,Person\n');
    const list = join(SHARED_DATA, 'ftm/t1_entities.ftm.json');
    const loose = join(tmp.dir, 'loose.csv');
    const strict = join(tmp.dir, 'strict.csv');
    expect(runCli(['screen', 'names', input, '--list', list, '--out', loose, '--threshold', '0.5']).status).toBe(0);
    expect(runCli(['screen', 'names', input, '--list', list, '--out', strict, '--threshold', '0.9999']).status).toBe(0);
    expect(lines(loose).length).toBeGreaterThan(lines(strict).length);
    const missing = runCli([
      'screen',
      'names',
      input,
      '--list',
      'no-such-dataset',
      '--out',
      strict,
      '--db',
      join(tmp.dir, 'empty.db'),
    ]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no-such-dataset');
    expect(runCli(['screen', 'names', input, '--list', list, '--out', strict, '--threshold', '2']).status).toBe(2);
  });
});

describe('chokepoint score-pairs', () => {
  test('adds score, match and explanation to every row, keeping other columns and unscorable rows', () => {
    const input = tmp.file(
      'pairs.csv',
      'pair_id,schema,name1,name2,label\n' +
        'p1,Company,Zhejiang Yongxu Chemical Co. Ltd.,浙江永旭化工有限公司,1\n' +
        'p2,Company,Zhejiang Yongxu Chemical Co. Ltd.,Zhejiang Yongxu Pharmaceutical Co. Ltd.,0\n' +
        'p3,Vessel,Ocean Star 1,Ocean Star 2,0\n' +
        'p4,Person,,Somebody,0\n',
    );
    const out = join(tmp.dir, 'scored.csv');
    const r = runCli(['score-pairs', input, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('pairs.csv:5: name1: empty');
    const rows = lines(out);
    expect(rows[0]).toBe('pair_id,schema,name1,name2,label,score,match,explanation');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toMatch(/^p1,Company,.*,1,1\.0000,true,/);
    expect(rows[2]).toMatch(/^p2,.*,0,0\.\d+,false,/);
    expect(rows[3]).toMatch(/^p3,.*,false,.*conflict number/);
    expect(rows[4]).toMatch(/^p4,Person,,Somebody,0,,,not scored/);
  });
});

describe('chokepoint screen names: input errors', () => {
  const list = join(SHARED_DATA, 'ftm/t1_entities.ftm.json');

  test('a bad date of birth is rejected naming the line and the field; the other rows are screened', () => {
    const input = tmp.file('dates.csv', 'id,name,birth_date\na,Vitaly Kuzmenko,22/01/1971\nb,Vitaly Kuzmenko,1971\n');
    const out = join(tmp.dir, 'dates-out.csv');
    const r = runCli(['screen', 'names', input, '--list', list, '--out', out, '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dates\.csv:2: birth_date: "22\/01\/1971" is not an ISO date/);
    const summary = JSON.parse(r.stdout) as { queries: number; rejected: { line: number; field: string }[] };
    expect(summary.queries).toBe(1);
    expect(summary.rejected).toEqual([expect.objectContaining({ line: 2, field: 'birth_date' })]);
    expect(lines(out).some((l) => l.startsWith('b,Vitaly Kuzmenko,'))).toBe(true);
  });

  test('a file without a name column fails naming the file and line 1, and leaves no output behind', () => {
    const input = tmp.file('noname.csv', 'id,full_name\n1,Vitaly Kuzmenko\n');
    const out = join(tmp.dir, 'noname-out.csv');
    const r = runCli(['screen', 'names', input, '--list', list, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('noname.csv:1');
    expect(r.stderr).toContain('missing required column "name"');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  test('a conflicting nationality lowers a score; the explanation says so', () => {
    const input = tmp.file(
      'facts.csv',
      'id,name,schema,nationality\nsame,Vitaly Kuzmenko,Person,\nother,Vitaly Kuzmenko,Person,Mexico\n',
    );
    const out = join(tmp.dir, 'facts-out.csv');
    expect(runCli(['screen', 'names', input, '--list', list, '--out', out, '--threshold', '0.5']).status).toBe(0);
    const score = (id: string): number => {
      const row = lines(out).find((l) => l.startsWith(`${id},`) && l.includes('NK-2Ka3UvopqbpZmVDFjWd4LA'));
      return Number(row?.split(',')[5]);
    };
    expect(score('other')).toBeLessThan(score('same'));
    expect(lines(out).find((l) => l.startsWith('other,'))).toContain('nationality conflicts');
  });
});
