import { describe, expect, it } from 'vitest';
import type { Transaction } from '../../model/index.js';
import { seededRandom } from '../../resolve/random.js';
import { AMOUNT, CREDITOR, DEBTOR, F64_STRIDE, I32_STRIDE, Records, SEQ, TIME } from './records.js';
import { RowChunk, rowOffset, WindowState } from './window.js';

function payment(k: number, from: string, to: string): Transaction {
  return {
    id: `T${k}`,
    sourceId: `T${k}`,
    timestamp: k * 1_000,
    debtorAccount: from,
    debtorName: null,
    debtorBank: null,
    debtorCountry: 'US',
    creditorAccount: to,
    creditorName: null,
    creditorBank: null,
    creditorCountry: 'US',
    amount: k,
    currency: 'USD',
    amountUsd: null,
    channel: 'wire',
    purpose: null,
    debtorAccountEntityId: '',
    creditorAccountEntityId: '',
    truthLaundering: null,
    truthScheme: null,
  };
}

/** An account's live rows newest first, by scanning every row kept: what the rings must give. */
function scan(rows: Transaction[], head: number, account: string, since: number, limit: number): number[] {
  const out: number[] = [];
  const inn: number[] = [];
  for (let seq = rows.length - 1; seq >= head; seq--) {
    const t = rows[seq] as Transaction;
    if (t.timestamp < since) break;
    if (t.debtorAccount === account && out.length < limit) out.push(seq);
    if (t.creditorAccount === account && inn.length < limit) inn.push(seq);
  }
  return [...out, ...inn];
}

describe('window state', () => {
  it('reads each account newest first across chunk boundaries while the head evicts and chunks are reused', () => {
    // 50,000 seconds of retention at one row a second: the window spans two chunks of 32,768 rows.
    const w = new WindowState(50_000_000);
    const rows: Transaction[] = [];
    const accounts = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    for (let k = 0; k < 200_000; k++) {
      const t = payment(k, accounts[k % 7] as string, accounts[(k * 3 + 1) % 5] as string);
      expect(w.add(t)).toBe(k);
      rows.push(t);
      if (k % 9_973 === 0 || k === 199_999) {
        expect(w.head).toBe(Math.max(0, k - 50_000));
        for (const a of ['A', 'C', 'G']) {
          const into = new Float64Array(64);
          const n = w.accountRows(a, t.timestamp - 40_000_000, 20, into, 0);
          expect(Array.from(into.subarray(0, n))).toEqual(scan(rows, w.head, a, t.timestamp - 40_000_000, 20));
        }
        // Reading several accounts at once finds the rows that reading each in turn does.
        const known = ['A', 'C', 'G'].flatMap((a) => w.accounts.find(a) ?? []);
        const together = new Float64Array(6 * 20);
        const m = w.neighbourRows(Int32Array.from(known), known.length, t.timestamp - 40_000_000, 20, together, 0);
        const apart = new Float64Array(6 * 20);
        let n = 0;
        for (const a of ['A', 'C', 'G']) n = w.accountRows(a, t.timestamp - 40_000_000, 20, apart, n);
        expect(Array.from(together.subarray(0, m)).sort()).toEqual(Array.from(apart.subarray(0, n)).sort());
        const last = w.chunk(k);
        expect(last.id(rowOffset(k))).toBe(t.id);
        // Rows 32,768 apart share a slot of the id cache: each read still gives its own id.
        for (const seq of [k, k - 32_768, k, k - 32_768].filter((s) => s >= w.head))
          expect(w.id(seq)).toBe((rows[seq] as Transaction).id);
        expect(last.time[rowOffset(k)]).toBe(t.timestamp);
      }
    }
    // 200,000 rows went through, yet only the chunks the retention spans were ever allocated.
    expect(w.chunksAllocated).toBeLessThanOrEqual(3);
  });

  it('stops an account read at its first row older than the bound, with late rows in the window and after they leave', () => {
    // Rows mostly in time order, a late one now and then (its time up to 30 s behind), for a
    // while only; a retention of 100 s (rows a second apart) lets the late ones leave.
    const random = seededRandom(11);
    const w = new WindowState(100_000, 16);
    const rows: Transaction[] = [];
    const accounts = ['A', 'B', 'C'];
    let checked = 0;
    for (let k = 0; k < 3_000; k++) {
      const late = k < 1_500 && random() < 0.05;
      const t = {
        ...payment(k, accounts[k % 3] as string, 'Z'),
        timestamp: k * 1_000 - (late ? Math.floor(random() * 30_000) : 0),
      };
      w.add(t);
      rows.push(t);
      for (const a of accounts) {
        const since = t.timestamp - Math.floor(random() * 60_000);
        // Per ring: the account's live rows as payer, newest first, up to the first older than `since`.
        const expected: number[] = [];
        for (let seq = k; seq >= w.head && expected.length < 16; seq--) {
          const r = rows[seq] as Transaction;
          if (r.debtorAccount !== a) continue;
          if (r.timestamp < since) break;
          expected.push(seq);
        }
        const into = new Float64Array(32);
        const n = w.accountRows(a, since, 16, into, 0);
        expect(Array.from(into.subarray(0, n))).toEqual(expected);
        checked += expected.length;
      }
    }
    expect(checked).toBeGreaterThan(50_000);
  });

  it('keeps each account its latest rows while rings grow, wrap and hand their old blocks to other accounts', () => {
    const w = new WindowState(Number.POSITIVE_INFINITY, 24);
    const rows: Transaction[] = [];
    // Skewed activity over 3,000 accounts: a few hubs wrap their rings, most grow a step or two.
    let x = 7;
    const pick = (): string => {
      x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
      return `A${Math.floor(3_000 * (x / 2 ** 32) ** 3)}`;
    };
    for (let k = 0; k < 60_000; k++) {
      const t = payment(k, pick(), pick());
      w.add(t);
      rows.push(t);
    }
    const into = new Float64Array(48);
    const records = new Records(48);
    for (let a = 0; a < 3_000; a += 7) {
      const n = w.accountRows(`A${a}`, 0, 24, into, 0);
      expect(Array.from(into.subarray(0, n))).toEqual(scan(rows, 0, `A${a}`, 0, 24));
      // The rings' copies of the records, through growth and wrapping, are the rows' records.
      const id = w.accounts.find(`A${a}`);
      if (id === undefined) continue;
      expect(w.neighbourRows(Int32Array.of(id), 1, 0, 24, into, 0, undefined, records)).toBe(n);
      for (let j = 0; j < n; j++) {
        const seq = into[j] as number;
        const t = rows[seq] as Transaction;
        const f = j * F64_STRIDE;
        expect([records.f64[f + SEQ], records.f64[f + TIME], records.f64[f + AMOUNT]]).toEqual([seq, t.timestamp, t.amount]);
        const x = j * I32_STRIDE;
        expect([records.i32[x + DEBTOR], records.i32[x + CREDITOR]]).toEqual([
          w.accounts.find(t.debtorAccount),
          w.accounts.find(t.creditorAccount),
        ]);
      }
    }
    expect(() => w.accountRows('A1', 0, 25, into, 0)).toThrow(/at most 24 rows/);
  });

  it('keeps ids of any length and script as bytes, growing a chunk past its first size', () => {
    const c = new RowChunk();
    const ids = ['T1', '', 'pacs.008/Ünïcødé-ñ', '付款-2024-中国', 'emoji-💸-x', 'E2E'.repeat(2_000)];
    // Enough long ids to outgrow the chunk's first buffer (16 bytes a row) several times over.
    for (let s = 0; s < 3_000; s++) c.setId(s, ids[s % ids.length] as string);
    for (let s = 0; s < 3_000; s++) expect(c.id(s)).toBe(ids[s % ids.length]);
    // A reused chunk starts over at row 0 and forgets what it held.
    c.setId(0, 'again');
    expect(c.id(0)).toBe('again');
  });

  it('restarts numbering mid-chunk and grows past many chunks without evicting', () => {
    const w = new WindowState(Number.POSITIVE_INFINITY);
    w.startAt(1_000_000_123);
    for (let k = 0; k < 300_000; k++) w.add(payment(k, `A${k % 11}`, `B${k % 13}`));
    expect(w.size).toBe(300_000);
    for (const seq of [1_000_000_123, 1_000_032_768, 1_000_300_122])
      expect(w.chunk(seq).id(rowOffset(seq))).toBe(`T${seq - 1_000_000_123}`);
    const into = new Float64Array(8);
    expect(w.accountRows('A3', 0, 2, into, 0)).toBe(2);
    expect(Array.from(into.subarray(0, 2))).toEqual([1_000_000_123 + 299_995, 1_000_000_123 + 299_984]);
  });
});
