import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../resolve/random.js';
import { parseFlatObject } from './flat-json.js';

/** What JSON.parse makes of `text`, or 'error'. */
function reference(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return 'error';
  }
}

describe('flat JSON lines without JSON.parse', () => {
  it('parses plain flat objects exactly as JSON.parse does', () => {
    for (const text of [
      '{}',
      ' { } ',
      '{"id":"S1","timestamp":1662033597857,"amount":819.76,"channel":"wire","x":null,"y":true,"z":false}',
      '{ "a" : "b" ,\t"c":\r\n-0.5e-3 }',
      '{"a":"1","a":"2"}',
      '{"long":"an account number long enough to be sliced 0123456789","n":-0,"e":1E+2}',
      '{"u":"名前 Ñ 🙂"}',
    ]) {
      const parsed = parseFlatObject(text);
      expect(parsed, text).toEqual(JSON.parse(text));
      expect(Object.keys(parsed ?? {}), text).toEqual(Object.keys(JSON.parse(text)));
    }
  });

  it('leaves to JSON.parse everything it does not plainly hold, and never accepts what JSON.parse rejects', () => {
    for (const text of [
      '{"a":"x\\ny"}',
      '{"a":"tab\there"}',
      '{"a":[1]}',
      '{"a":{"b":1}}',
      '{"__proto__":"x"}',
      '{"a":01}',
      '{"a":.5}',
      '{"a":+1}',
      '{"a":1.}',
      '{"a":0x10}',
      '{"a":1,}',
      '{"a":1} x',
      '{"a" 1}',
      '{"a":tru}',
      '{"a":"open',
      '[1]',
      '',
    ])
      expect(parseFlatObject(text), text).toBeUndefined();
    // Random damage to valid lines: whatever it accepts, JSON.parse reads the same.
    const r = seededRandom(5);
    const base = '{"id":"S12","timestamp":1662033597857,"debtorAccount":"8433590","amount":819.76,"x":null,"y":true}';
    const alphabet = '{}[]":,.-+eE0123456789 \\\ttruefalsenullab';
    let accepted = 0;
    for (let k = 0; k < 5_000; k++) {
      const chars = [...base];
      for (let m = 1 + Math.floor(r() * 3); m > 0; m--) {
        const at = Math.floor(r() * chars.length);
        const c = alphabet[Math.floor(r() * alphabet.length)] as string;
        const op = r();
        if (op < 0.4) chars[at] = c;
        else if (op < 0.7) chars.splice(at, 1);
        else chars.splice(at, 0, c);
      }
      const text = chars.join('');
      const parsed = parseFlatObject(text);
      if (parsed === undefined) continue;
      accepted++;
      expect(parsed, text).toEqual(reference(text));
    }
    expect(accepted).toBeGreaterThan(500);
  });
});
