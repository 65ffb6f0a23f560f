import { csvLine } from '../export/index.js';
import type { LineWriter } from './line-writer.js';
import type { Planted } from './records.js';
import type { Rng } from './rng.js';
import type { TruthRow } from './truth.js';

export function truthLine(t: TruthRow): string {
  return csvLine([t.recordKind, t.recordId, t.schemeId, t.typology, t.role, t.keyRecord ? 'true' : 'false', t.kg, t.usd]);
}

/**
 * Writes one day's records: `count` background rows with the day's planted rows slipped in at
 * random positions, each numbered in order of writing, and a truth row for every planted one.
 * Returns the number of planted rows written.
 */
export async function writeDay<R>(o: {
  readonly count: number;
  readonly planted: readonly Planted<R>[];
  readonly positions: Rng;
  readonly background: () => R;
  readonly write: (id: string, row: R) => Promise<void>;
  readonly nextId: () => string;
  readonly truth: LineWriter;
  readonly kind: 'shipment' | 'transaction';
}): Promise<number> {
  const slots = o.planted.map((p, k) => ({ p, at: o.positions.int(0, o.count), k })).sort((a, b) => a.at - b.at || a.k - b.k);
  let next = 0;
  for (let i = 0; i <= o.count; i++) {
    while (next < slots.length && (slots[next] as { at: number }).at === i) {
      const { p } = slots[next] as { p: Planted<R> };
      const id = o.nextId();
      await o.write(id, p.row);
      await o.truth.write(truthLine({ recordKind: o.kind, recordId: id, ...p.truth }));
      next++;
    }
    if (i < o.count) await o.write(o.nextId(), o.background());
  }
  return slots.length;
}
