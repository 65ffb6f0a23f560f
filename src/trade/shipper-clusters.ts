import type { AlertReason } from '../model/index.js';
import type { TradePolicy } from './policy.js';
import { reason } from './rules/context.js';

export type ContactKind = 'address' | 'phone' | 'email';

/** What the cluster signals need of a shipment's shipper: hashes, and the name for explanations. */
export interface ShipperFacts {
  readonly name: string | null;
  /** hash53 of the folded name and country: one shipper. */
  readonly key: number | null;
  /** hash53 of the name's stem (first two words): sister companies share it, fronts rarely do. */
  readonly stem: number | null;
  readonly contacts: readonly { readonly kind: ContactKind; readonly hash: number; readonly value: string }[];
}

interface SharedContact {
  readonly kind: ContactKind;
  readonly value: string;
  readonly stems: Set<number>;
  readonly names: string[];
}

/**
 * Shipper cluster signals over the whole stream (FIN-2024-A002: front companies share addresses,
 * phones and e-mails): a contact used by shippers of different name stems, and shippers first
 * seen recently. State is per distinct contact and shipper (a hash and a small record), never per row.
 */
export class ShipperClusters {
  private readonly firstStem = new Map<number, { stem: number; name: string }>();
  private readonly shared = new Map<number, SharedContact>();
  private readonly firstSeen = new Map<number, number>();
  private streamStart = Infinity;
  private readonly observed = new WeakSet<ShipperFacts>();

  constructor(private readonly policy: TradePolicy) {}

  observe(f: ShipperFacts, day: number | null): void {
    if (f.key !== null && day !== null) {
      const seen = this.firstSeen.get(f.key);
      if (seen === undefined || day < seen) this.firstSeen.set(f.key, day);
      if (day < this.streamStart) this.streamStart = day;
    }
    if (f.stem === null || f.name === null) return;
    // Observing the same facts again changes no contact (its stem is in, or the cap was reached):
    // rows share their shipper's facts object (assess.ts), so most rows stop here.
    if (this.observed.has(f)) return;
    this.observed.add(f);
    const cap = this.policy.data.shipperCluster.evidenceCap + 1;
    for (const c of f.contacts) {
      const shared = this.shared.get(c.hash);
      if (shared !== undefined) {
        if (!shared.stems.has(f.stem) && shared.stems.size < 64) {
          shared.stems.add(f.stem);
          if (shared.names.length < cap) shared.names.push(f.name);
        }
        continue;
      }
      const first = this.firstStem.get(c.hash);
      if (first === undefined) this.firstStem.set(c.hash, { stem: f.stem, name: f.name });
      else if (first.stem !== f.stem)
        this.shared.set(c.hash, {
          kind: c.kind,
          value: c.value,
          stems: new Set([first.stem, f.stem]),
          names: [first.name, f.name],
        });
    }
  }

  /** Whether `reasons` would say anything (decided from hashes only, before the texts are read). */
  hasSignals(f: ShipperFacts, day: number | null): boolean {
    if (f.contacts.some((c) => this.shared.has(c.hash))) return true;
    return this.isNew(f, day);
  }

  private isNew(f: ShipperFacts, day: number | null): boolean {
    if (f.key === null || day === null) return false;
    const cfg = this.policy.data.shipperCluster;
    const first = this.firstSeen.get(f.key);
    return first !== undefined && first - this.streamStart >= cfg.newShipperWarmupDays && day - first <= cfg.newShipperDays;
  }

  reasons(f: ShipperFacts, day: number | null): AlertReason[] {
    const out: AlertReason[] = [];
    const cfg = this.policy.data.shipperCluster;
    const links: string[] = [];
    const others = new Set<string>();
    for (const c of f.contacts) {
      const shared = this.shared.get(c.hash);
      if (shared === undefined) continue;
      const names = shared.names.filter((n) => n !== f.name);
      if (names.length === 0) continue;
      links.push(`${c.kind} ${c.value}`);
      for (const n of names) if (others.size < cfg.evidenceCap) others.add(n);
    }
    if (links.length > 0)
      out.push(
        reason(
          this.policy,
          'shared-shipper-contact',
          `shipper "${f.name ?? '?'}" shares ${links.join(', ')} with ${[...others].map((n) => `"${n}"`).join(', ')}`,
          [...others].map((n) => `party:${n}`),
        ),
      );
    if (f.key !== null && day !== null && this.isNew(f, day)) {
      const first = this.firstSeen.get(f.key) ?? day;
      out.push(
        reason(
          this.policy,
          'new-shipper',
          `shipper "${f.name ?? '?'}" first seen ${first - this.streamStart} days into the data, ${day - first} days before this shipment`,
        ),
      );
    }
    return out;
  }
}
