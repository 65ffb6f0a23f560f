import { describe, expect, it } from 'vitest';
import * as f from './field-parsers.js';
import { amlworldTime } from './formats/amlworld-csv.js';
import { seededRandom } from '../resolve/random.js';

const outcome = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (err) {
    return (err as Error).message;
  }
};

// The fast paths of the hot parsers must give what their plain versions gave, errors included.
describe('fast paths of the hot field parsers', () => {
  it('decimal: the digit scan agrees with the regular expression on random text', () => {
    const reference = (t: string): unknown =>
      outcome(() => {
        const n = Number(t.trim());
        if (t.trim() === '') return null;
        if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t.trim()) || !Number.isFinite(n))
          throw new Error(`amount: not a number: "${t.trim()}"`);
        return n;
      });
    const next = seededRandom(3);
    const alphabet = ['0', '1', '9', '.', '.', '-', '+', 'e', 'E', ' ', ',', 'x', '5'];
    for (let i = 0; i < 20_000; i++) {
      let t = '';
      for (let k = Math.floor(next() * 7); k > 0; k--) t += alphabet[Math.floor(next() * alphabet.length)];
      expect({ t, got: outcome(() => f.decimal('amount', t)) }).toEqual({ t, got: reference(t) });
    }
  });

  it('AMLworld timestamps: the character scan agrees with the regular expression and the ISO parser', () => {
    const reference = (t: string): unknown =>
      outcome(() => {
        const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})$/.exec(t);
        if (m === null) return f.isoTimestamp('Timestamp', t);
        return f.isoTimestamp('Timestamp', `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00Z`);
      });
    const fixed = [
      '2022/09/01 00:20',
      '2024/02/29 23:59',
      '2023/02/29 10:00',
      '2100/02/29 10:00',
      '2000/02/29 10:00',
      '0050/01/01 10:00',
    ];
    const next = seededRandom(5);
    const digit = (): string => String(Math.floor(next() * 10));
    const pick = (options: readonly string[]): string => options[Math.floor(next() * options.length)] as string;
    const samples = [...fixed];
    for (let i = 0; i < 20_000; i++) {
      const year = pick(['2022', '2024', '1900', '2000', '0099', '0100', '20x1', `${digit()}${digit()}${digit()}${digit()}`]);
      const month = pick(['01', '02', '12', '13', '00', `${digit()}${digit()}`]);
      const day = pick(['01', '28', '29', '30', '31', '00', `${digit()}${digit()}`]);
      const time = pick(['00:00', '23:59', '24:00', '12:60', `${digit()}${digit()}:${digit()}${digit()}`, '1:00']);
      samples.push(`${year}${pick(['/', '/', '-'])}${month}/${day}${pick([' ', ' ', 'T'])}${time}`);
    }
    for (const t of samples) expect({ t, got: outcome(() => amlworldTime('Timestamp', t)) }).toEqual({ t, got: reference(t) });
  });
});
