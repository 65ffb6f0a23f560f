import { z } from 'zod';
import { DAY_MS, defineDetector, dollars, type Finding } from '../rule.js';
import { row, type TransactionTable } from '../table.js';
import { edgeFilter, excludedChannels, maxDegree } from './graph-params.js';

const Params = z.strictObject({
  /** Senders (set A) and receivers (set B) a layer needs: each sender pays ≥ minReceivers of B, each receiver is paid by ≥ minSenders of A. */
  minSenders: z.number().int().min(2).default(3),
  minReceivers: z.number().int().min(2).default(3),
  /** The layer's payments fall within this many days. */
  windowDays: z.number().positive().default(5),
  /** Days after a receiver's first layer payment in which its outflows count as moving the money on. */
  onwardDays: z.number().positive().default(5),
  /** Share of what B received that B moves on: the layer balances, nothing stays. */
  minOnwardShare: z.number().min(0).max(1).default(0.8),
  minUsd: z.number().nonnegative().default(100),
  excludedChannels,
  /** Accounts with more distinct counterparties than this are processors or payroll hubs, not layer members. */
  maxDegree: maxDegree.default(50),
});
type Params = z.infer<typeof Params>;

interface Layer {
  readonly senders: number[];
  readonly receivers: number[];
  readonly rows: number[];
  readonly start: number;
  /** The receivers' transfers that moved the money on (evidence, scored with the layer). */
  readonly onward?: number[];
}

/**
 * Bipartite layering (AMLworld "bipartite"): several accounts of a set A each pay several accounts
 * of a set B within days, and B moves (nearly) all of it on, so the layer balances; stacked
 * layering ("stack"): two such layers in sequence, the receivers of one the senders of the next.
 * Payroll looks bipartite from one side only: one employer (or two) pays many employees, who
 * spend rather than pass the money on.
 */
export const layeringDetector = defineDetector({
  id: 'layering',
  version: '1.0.0',
  description: 'bipartite layering (many-to-many payments that move straight on) and stacked layers',
  rules: {
    'layering.bipartite': {
      typology: 'bipartite',
      description: 'a set of accounts pays another set many-to-many within days, and the receivers move the money on',
    },
    'layering.stacked': {
      typology: 'stack',
      description: 'two or more bipartite layers in sequence: the receivers of one layer are the senders of the next',
    },
  },
  params: Params,
  detect({ table: t }, p) {
    const layers = findLayers(t, p);
    const findings: Finding[] = layers.map((l) => {
      const total = l.rows.reduce((s, i) => s + row.usd(t, i), 0);
      return {
        ruleId: 'layering.bipartite',
        text: `${l.senders.length} accounts paid ${l.receivers.length} accounts many-to-many ($${dollars(total)} in ${l.rows.length} payments within ${p.windowDays} days), and the receivers moved it on`,
        rows: [...l.rows, ...(l.onward ?? [])],
        accounts: [...l.senders, ...l.receivers],
      };
    });
    // Stacks: a layer whose receivers are (enough of) the senders of a later layer.
    for (const first of layers) {
      const receivers = new Set(first.receivers);
      for (const next of layers) {
        if (next === first || next.start < first.start) continue;
        if (next.senders.filter((a) => receivers.has(a)).length < p.minSenders) continue;
        const accounts = [...new Set([...first.senders, ...first.receivers, ...next.receivers])];
        findings.push({
          ruleId: 'layering.stacked',
          text: `two layers in sequence: ${first.senders.length} → ${first.receivers.length} → ${next.receivers.length} accounts`,
          rows: [...first.rows, ...next.rows],
          accounts,
        });
      }
    }
    return findings;
  },
});

function findLayers(t: TransactionTable, p: Params): Layer[] {
  const edge = edgeFilter(t, p.excludedChannels);
  for (let i = 0; i < t.size; i++) if (edge[i] === 1 && row.usd(t, i) < p.minUsd) edge[i] = 0;
  const n = t.accountCount;
  // Distinct counterparties out and in, skipping hubs (degree above maxDegree).
  const outs: (number[] | undefined)[] = new Array(n);
  const ins: (number[] | undefined)[] = new Array(n);
  const distinct = (a: number, offsets: Int32Array, rows: Int32Array, other: Int32Array): number[] | undefined => {
    const set = new Set<number>();
    for (let k = offsets[a] as number; k < (offsets[a + 1] as number); k++) {
      const i = rows[k] as number;
      if (edge[i] === 1) set.add(other[i] as number);
      if (set.size > p.maxDegree) return undefined;
    }
    return set.size === 0 ? undefined : [...set];
  };
  for (let a = 0; a < n; a++) {
    const o = distinct(a, t.outOffsets, t.outRows, t.creditor);
    if (o !== undefined && o.length >= p.minReceivers) outs[a] = o;
  }
  for (let b = 0; b < n; b++) {
    if ((t.inOffsets[b + 1] as number) - (t.inOffsets[b] as number) < p.minSenders) continue;
    const s = distinct(b, t.inOffsets, t.inRows, t.debtor)?.filter((a) => outs[a] !== undefined);
    if (s !== undefined && s.length >= p.minSenders) ins[b] = s;
  }
  // Receivers of each sender that can be in a B set.
  const candidateOut = (a: number): number[] => (outs[a] ?? []).filter((b) => ins[b] !== undefined);
  const layers: Layer[] = [];
  const seen = new Set<string>();
  for (let a = 0; a < n; a++) {
    const rOut = candidateOut(a);
    if (rOut.length < p.minReceivers) continue;
    const shared = new Map<number, number>();
    for (const b of rOut) for (const x of ins[b] as number[]) if (x !== a) shared.set(x, (shared.get(x) ?? 0) + 1);
    const c = new Set<number>([a]);
    for (const [x, count] of shared) if (count >= p.minReceivers) c.add(x);
    if (c.size < p.minSenders) continue;
    const bSet = rOut.filter((b) => (ins[b] as number[]).filter((x) => c.has(x)).length >= p.minSenders);
    const bs = new Set(bSet);
    const aSet = [...c].filter((x) => candidateOut(x).filter((b) => bs.has(b)).length >= p.minReceivers);
    if (aSet.length < p.minSenders || bSet.length < p.minReceivers || !aSet.includes(a)) continue;
    // Seed each block once, from its smallest sender.
    if (Math.min(...aSet) !== a) continue;
    const key = `${aSet.sort((x, y) => x - y).join(',')}|${bSet.sort((x, y) => x - y).join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const layer = inWindow(t, p, edge, aSet, bs);
    const onward = layer === undefined ? undefined : movesOn(t, p, edge, layer);
    if (layer !== undefined && onward !== undefined) layers.push({ ...layer, onward });
  }
  return layers;
}

/** The layer's payments in the densest window: still many-to-many there, or no layer. */
function inWindow(
  t: TransactionTable,
  p: Params,
  edge: Uint8Array,
  senders: number[],
  receivers: Set<number>,
): Layer | undefined {
  const rows: number[] = [];
  for (const a of senders)
    for (let k = t.outOffsets[a] as number; k < (t.outOffsets[a + 1] as number); k++) {
      const i = t.outRows[k] as number;
      if (edge[i] === 1 && receivers.has(t.creditor[i] as number)) rows.push(i);
    }
  rows.sort((x, y) => (t.time[x] as number) - (t.time[y] as number));
  const window = p.windowDays * DAY_MS;
  let best: Layer | undefined;
  let end = 0;
  for (let s = 0; s < rows.length; s++) {
    while (end < rows.length && (t.time[rows[end] as number] as number) - (t.time[rows[s] as number] as number) <= window) end++;
    if (best !== undefined && end - s <= best.rows.length) continue;
    const slice = rows.slice(s, end);
    const pairsOut = new Map<number, Set<number>>();
    const pairsIn = new Map<number, Set<number>>();
    for (const i of slice) {
      const a = t.debtor[i] as number;
      const b = t.creditor[i] as number;
      (pairsOut.get(a) ?? pairsOut.set(a, new Set()).get(a)!).add(b);
      (pairsIn.get(b) ?? pairsIn.set(b, new Set()).get(b)!).add(a);
    }
    const aOk = [...pairsOut].filter(([, bs]) => bs.size >= p.minReceivers).map(([a]) => a);
    const bOk = [...pairsIn].filter(([, as]) => as.size >= p.minSenders).map(([b]) => b);
    if (aOk.length < p.minSenders || bOk.length < p.minReceivers) continue;
    const as = new Set(aOk);
    const bs = new Set(bOk);
    best = {
      senders: aOk.sort((x, y) => x - y),
      receivers: bOk.sort((x, y) => x - y),
      rows: slice.filter((i) => as.has(t.debtor[i] as number) && bs.has(t.creditor[i] as number)),
      start: t.time[slice[0] as number] as number,
    };
  }
  return best;
}

/**
 * The receivers pass on at least `minOnwardShare` of what the layer paid them, within `onwardDays`,
 * by transfers (card spending and cash do not count: that is what payroll turns into). Returns the
 * onward transfers when they do, else undefined.
 */
function movesOn(t: TransactionTable, p: Params, edge: Uint8Array, layer: Layer): number[] | undefined {
  let received = 0;
  let onward = 0;
  const onwardRows: number[] = [];
  const layerRows = new Set(layer.rows);
  for (const b of layer.receivers) {
    const mine = layer.rows.filter((i) => t.creditor[i] === b);
    const got = mine.reduce((s, i) => s + row.usd(t, i), 0);
    const from = Math.min(...mine.map((i) => t.time[i] as number));
    let out = 0;
    for (let k = t.outOffsets[b] as number; k < (t.outOffsets[b + 1] as number); k++) {
      const i = t.outRows[k] as number;
      const time = t.time[i] as number;
      if (edge[i] === 1 && time >= from && time <= from + p.onwardDays * DAY_MS && !layerRows.has(i)) {
        out += row.usd(t, i);
        onwardRows.push(i);
      }
    }
    received += got;
    onward += Math.min(out, got);
  }
  return received > 0 && onward >= p.minOnwardShare * received ? onwardRows.sort((x, y) => x - y) : undefined;
}
