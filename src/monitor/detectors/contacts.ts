import type { EntityContext, Holder } from '../context.js';
import { foldName } from '../fold.js';

/**
 * Comparable keys for a holder's contact details: phone digits (the last ten, so "+1 (555) ..."
 * and "555..." meet), e-mail lowercased, address folded. Keys carry their kind, so a phone never
 * matches an address.
 */
export function contactKeys(h: Holder): string[] {
  const keys: string[] = [];
  for (const phone of h.phones) {
    const digits = phone.replace(/\D/g, '');
    if (digits.length >= 7) keys.push(`phone:${digits.slice(-10)}`);
  }
  for (const email of h.emails) {
    const e = email.trim().toLowerCase();
    if (e.includes('@')) keys.push(`email:${e}`);
  }
  for (const address of h.addresses) {
    const a = foldName(address);
    if (a.length >= 6) keys.push(`address:${a}`);
  }
  return keys;
}

/** The keys of every holder of an account, and the holders' ids (`holder:<id>`) too. */
export function accountLinkKeys(context: EntityContext, account: string): string[] {
  const keys: string[] = [];
  for (const h of context.holders(account)) {
    // The LegalEntity a payment row derives for its named party says nothing about who holds it.
    if (h.schema === 'LegalEntity') continue;
    keys.push(`holder:${h.id}`, ...contactKeys(h));
  }
  return keys;
}

/** Union-find over dense ids: groups accounts that share any key. */
export class Groups {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = new Int32Array(size).map((_, i) => i);
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    while (this.parent[x] !== r) {
      const next = this.parent[x] as number;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}
