import type { KnowledgeBase } from './knowledge-base.js';
import { loadKnowledge } from './knowledge-base.js';
import type { Control, ControlStatusName, Jurisdiction } from './schema.js';

export type ControlStatus =
  | {
      controlled: true;
      status: ControlStatusName;
      listing: Control['listing'];
      /** null: in force before any date we screen, day not recorded. */
      since: string | null;
      dateConfidence: Control['dateConfidence'];
      basis: string;
      sources: string[];
    }
  | {
      controlled: false;
      reason: 'unknown-chemical' | 'not-listed' | 'not-yet-in-force' | 'pending' | 'expired';
      /** The next listing that will apply, when one is recorded (so "not yet" can say when). */
      upcoming?: { status: ControlStatusName; from: string; sources: string[] };
    };

// A named listing is the strongest answer; a derivative listing (carbamate of...) or class next.
const LISTING_RANK: Record<Control['listing'], number> = { named: 3, class: 2, derivative: 1 };

/**
 * Whether `chemicalId` is controlled in `jurisdiction` on `date` (YYYY-MM-DD, e.g. the shipment's date).
 * Pending listings never count; with several listings in force, the named one wins.
 */
export function controlStatus(
  chemicalId: string,
  jurisdiction: Jurisdiction,
  date: string,
  knowledge: KnowledgeBase = loadKnowledge(),
): ControlStatus {
  const chemical = knowledge.chemical(chemicalId);
  if (chemical === undefined) return { controlled: false, reason: 'unknown-chemical' };
  const entries = chemical.controls.filter((c) => c.jurisdiction === jurisdiction);
  if (entries.length === 0) return { controlled: false, reason: 'not-listed' };
  const inForce = entries.filter(
    (c) => c.status !== 'pending' && (c.from === null || c.from <= date) && (c.until === undefined || date < c.until),
  );
  const best = inForce.sort(
    (a, b) => LISTING_RANK[b.listing] - LISTING_RANK[a.listing] || (b.from ?? '').localeCompare(a.from ?? ''),
  )[0];
  if (best !== undefined) {
    return {
      controlled: true,
      status: best.status,
      listing: best.listing,
      since: best.from,
      dateConfidence: best.dateConfidence,
      basis: best.basis,
      sources: best.sources,
    };
  }
  const next = entries
    .filter((c): c is Control & { from: string } => c.status !== 'pending' && c.from !== null && c.from > date)
    .sort((a, b) => a.from.localeCompare(b.from))[0];
  if (next !== undefined)
    return {
      controlled: false,
      reason: 'not-yet-in-force',
      upcoming: { status: next.status, from: next.from, sources: next.sources },
    };
  if (entries.some((c) => c.status === 'pending')) return { controlled: false, reason: 'pending' };
  return { controlled: false, reason: 'expired' };
}
