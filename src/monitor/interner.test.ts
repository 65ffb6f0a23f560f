import { describe, expect, it } from 'vitest';
import { Interner } from './interner.js';

describe('interner', () => {
  it.each([false, true])(
    'gives dense ids in first-seen order and finds them across doublings (incremental %s)',
    (incremental) => {
      const interner = new Interner('', { incremental });
      const reference = new Map<string, number>([['', 0]]);
      // Keys repeat (every third is seen before) while the table doubles many times.
      for (let k = 0; k < 20_000; k++) {
        const key = k % 3 === 0 ? `acct-${Math.floor(k / 7)}` : `acct-${k}`;
        if (!reference.has(key)) reference.set(key, reference.size);
        expect(interner.id(key)).toBe(reference.get(key));
        // Lookups in the middle of a rehash find old and new keys alike.
        if (k % 101 === 0) for (const probe of ['', 'acct-0', key]) expect(interner.find(probe)).toBe(reference.get(probe));
      }
      expect(interner.values).toEqual([...reference.keys()]);
      expect(interner.find('never')).toBeUndefined();
      expect(interner.rehashes).toBeGreaterThan(3);
      for (const [key, id] of reference) expect(interner.find(key)).toBe(id);
    },
  );
});
