import { describe, expect, it } from 'vitest';
import type { RowFacts } from './assess.js';
import { Spool } from './spool.js';
import { decodeCompact, decodeTexts, encodeRow, isParcel } from './spool-codec.js';

const full: RowFacts = {
  row: 7,
  line: 9,
  id: 'SHP-0007',
  subject: 'a1b2c3',
  date: '2024-09-10',
  reasons: [{ ruleId: 'controlled-chemical', weight: 60, text: 'npp named "NPP" — 东', evidence: ['chemical:npp'] }],
  split: {
    day: 19_976,
    parcel: true,
    lowValue: true,
    chemical: true,
    thresholdUsd: 800,
    usd: 40.25,
    kg: 1.5,
    description: 2 ** 52 + 12_345,
    keys: [
      { kind: 'consignee', hash: 2 ** 53 - 1, label: 'José Núñez' },
      { kind: 'shipperCluster', hash: 1, label: '+86 27 5555 0101' },
    ],
  },
  shipper: {
    name: 'Hubei A Chemical Co., Ltd.',
    key: 123_456_789_012,
    stem: 42,
    contacts: [{ kind: 'phone', hash: 99, value: '+86 27 5555 0101' }],
  },
};

const bare: RowFacts = {
  row: 8,
  line: null,
  id: 'line 3',
  subject: 'line 3',
  date: null,
  reasons: [],
  split: { day: null, parcel: false, lowValue: false, chemical: false, thresholdUsd: 0, usd: 0, kg: 0, description: 0, keys: [] },
  shipper: { name: null, key: null, stem: null, contacts: [] },
};

describe('spool codec', () => {
  it('replays every row as written, compact part and texts', () => {
    const spool = new Spool();
    try {
      // A label longer than the spool's 4 MB buffers, to cross buffer boundaries both ways.
      const huge: RowFacts = {
        ...full,
        row: 9,
        split: { ...full.split, keys: [{ kind: 'consigneeAddress', hash: 5, label: 'x'.repeat(5 << 20) }] },
      };
      for (let i = 0; i < 3_000; i++) encodeRow(i % 2 === 0 ? full : bare, spool);
      encodeRow(huge, spool);
      spool.close();
      let n = 0;
      for (const record of spool.replay()) {
        const want = n === 3_000 ? huge : n % 2 === 0 ? full : bare;
        const compact = decodeCompact(record);
        expect(isParcel(record)).toBe(want.split.parcel);
        expect(compact.row).toBe(want.row);
        expect(compact.line).toBe(want.line);
        expect(compact.id).toBe(want.id);
        expect(compact.subject).toBe(want.subject);
        expect(compact.date).toBe(want.date);
        expect(compact.hasReasons).toBe(want.reasons.length > 0);
        expect(compact.split.keys.map((k) => [k.kind, k.hash])).toEqual(want.split.keys.map((k) => [k.kind, k.hash]));
        expect(compact.shipper.key).toBe(want.shipper.key);
        const texts = decodeTexts(record, compact);
        expect(texts.reasons).toEqual(want.reasons);
        expect(texts.split).toEqual(want.split);
        expect(texts.shipper).toEqual(want.shipper);
        n++;
      }
      expect(n).toBe(3_001);
      expect(spool.count).toBe(3_001);
    } finally {
      spool.dispose();
    }
  });
});
