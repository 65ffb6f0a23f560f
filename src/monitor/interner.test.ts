import { describe, expect, it } from 'vitest';
import { Interner } from './interner.js';

describe('interner', () => {
  it.each([false, true])(
    'gives dense ids in first-seen order and finds them across doublings (incremental %s)',
    (incremental) => {
      // A small store, so the incremental table's store doubles too.
      const interner = new Interner('', { incremental, capacity: 1024 });
      const reference = new Map<string, number>([['', 0]]);
      // Keys repeat (every third is seen before) while the table doubles many times.
      for (let k = 0; k < 20_000; k++) {
        const key = k % 3 === 0 ? `acct-${Math.floor(k / 7)}` : `acct-${k}`;
        if (!reference.has(key)) reference.set(key, reference.size);
        expect(interner.id(key)).toBe(reference.get(key));
        // Lookups in the middle of a rehash find old and new keys alike.
        if (k % 101 === 0) for (const probe of ['', 'acct-0', key]) expect(interner.find(probe)).toBe(reference.get(probe));
      }
      expect(interner.size).toBe(reference.size);
      expect(interner.values.slice(0, interner.size)).toEqual([...reference.keys()]);
      expect(interner.find('never')).toBeUndefined();
      expect(interner.rehashes).toBeGreaterThan(3);
      for (const [key, id] of reference) expect(interner.find(key)).toBe(id);
    },
  );

  it('keeps an incremental store at its capacity until it is full, then doubles it', () => {
    const interner = new Interner(undefined, { incremental: true, capacity: 64 });
    for (let k = 0; k < 64; k++) interner.id(`a${k}`);
    expect(interner.values.length).toBe(64);
    interner.id('a64');
    expect(interner.values.length).toBe(128);
    expect(interner.values[64]).toBe('a64');
    expect(interner.find('a63')).toBe(63);
  });
});
