import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../test-support/temp.js';
import { altLines, sdnLine, type SdnEntry } from './ofac-sdn.js';

const ENTRY: SdnEntry = {
  entNum: 90001,
  name: 'HUBEI QIANJIN BIOTECH CO., LTD.',
  type: '',
  programs: ['ILLICIT-DRUGS-EO14059', 'SDNTK'],
  remarks: 'Website www.example.cn; Linked To: ZHAO, Lanqing.',
  aliases: [
    { name: 'QIANJIN BIOTECH', type: 'aka' },
    { name: 'HUBEI "QJ" CHEM', type: 'aka', weak: true },
  ],
};

const parseCsv = (text: string): string[][] => parse(text, { relax_quotes: true }) as string[][];

describe('OFAC SDN layout', () => {
  it("writes sdn.csv lines shaped like Treasury's own", () => {
    const real = readFileSync(join(SHARED_DATA, 'watchlists/ofac/sdn_2021-07-07/sdn.csv'), 'latin1').split('\n')[0]!;
    const [ours] = parseCsv(sdnLine(ENTRY));
    const [theirs] = parseCsv(real);
    expect(ours).toHaveLength(theirs!.length);
    expect(ours).toEqual([
      '90001',
      'HUBEI QIANJIN BIOTECH CO., LTD.',
      '-0- ',
      'ILLICIT-DRUGS-EO14059] [SDNTK',
      '-0- ',
      '-0- ',
      '-0- ',
      '-0- ',
      '-0- ',
      '-0- ',
      '-0- ',
      'Website www.example.cn; Linked To: ZHAO, Lanqing.',
    ]);
    expect(sdnLine(ENTRY).endsWith('\r\n')).toBe(true);
  });

  it('writes aliases as alt.csv lines, marking weak ones and never breaking the quoting', () => {
    const rows = parseCsv(altLines(ENTRY, 500));
    expect(rows).toEqual([
      ['90001', '500', 'aka', 'QIANJIN BIOTECH', '-0- '],
      ['90001', '501', 'aka', "HUBEI 'QJ' CHEM", 'weak'],
    ]);
  });

  it('writes individuals with their type', () => {
    const [row] = parseCsv(sdnLine({ entNum: 7, name: 'ZHAO, Lanqing', type: 'individual', programs: ['SDNTK'] }));
    expect(row?.slice(0, 4)).toEqual(['7', 'ZHAO, Lanqing', 'individual', 'SDNTK']);
  });
});
