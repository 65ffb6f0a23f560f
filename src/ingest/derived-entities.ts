import { contentId } from '../model/index.js';
import type { EntityRecord, Provenance } from '../model/index.js';

/** Folds a name for identity: Unicode compatibility form, case, punctuation and spacing. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface PartyFacts {
  readonly name: string;
  readonly country: string | null;
  readonly address?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
}

export interface AccountFacts {
  readonly account: string;
  readonly bank: string | null;
  readonly country: string | null;
  /** Scopes an account number that has no bank (AMLSim ids are bare integers) to its dataset. */
  readonly namespace: string;
}

// Bound on the memo of emitted entities: enough for a few million distinct parties while
// keeping memory flat on files of any length (a forgotten key only costs a repeated upsert).
const MEMO_LIMIT = 500_000;

/**
 * Derives FtM entities from the parties and accounts named in shipment and payment rows:
 * a LegalEntity per (name, country), a BankAccount per (bank, account), and an Ownership
 * "account holder" link between them. Ids are content-derived, so the same party named on two
 * rows, or in two files, is one entity. Resolution across spellings is the screening issue's
 * job; this only keeps exact identities.
 */
export class EntityDeriver {
  private readonly memo = new Map<string, string>();

  private remember(key: string, id: string): void {
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, id);
  }

  /** The party's entity id; pushes the entity to `out` the first time these facts are seen. */
  party(facts: PartyFacts, provenance: Provenance, out: EntityRecord[]): string {
    const key = `p\u0001${facts.name}\u0001${facts.country}\u0001${facts.address}\u0001${facts.phone}\u0001${facts.email}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const id = contentId('party', nameKey(facts.name), facts.country);
    const properties: Record<string, string[]> = { name: [facts.name] };
    if (facts.country) properties['country'] = [facts.country.toLowerCase()];
    if (facts.address) properties['address'] = [facts.address];
    if (facts.phone) properties['phone'] = [facts.phone];
    if (facts.email) properties['email'] = [facts.email];
    out.push({ entity: { id, schema: 'LegalEntity', properties }, provenance });
    this.remember(key, id);
    return id;
  }

  account(facts: AccountFacts, provenance: Provenance, out: EntityRecord[]): string {
    const key = `a\u0001${facts.namespace}\u0001${facts.bank}\u0001${facts.account}\u0001${facts.country}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const id = contentId('account', facts.bank ?? `dataset:${facts.namespace}`, facts.account);
    const properties: Record<string, string[]> = { accountNumber: [facts.account] };
    if (facts.bank) properties['bankName'] = [facts.bank];
    if (facts.country) properties['country'] = [facts.country.toLowerCase()];
    out.push({ entity: { id, schema: 'BankAccount', properties }, provenance });
    this.remember(key, id);
    return id;
  }

  /** Links a holder to an account once. */
  holder(partyId: string, accountId: string, provenance: Provenance, out: EntityRecord[]): void {
    const key = `h\u0001${partyId}\u0001${accountId}`;
    if (this.memo.has(key)) return;
    const id = contentId('holds', partyId, accountId);
    out.push({
      entity: { id, schema: 'Ownership', properties: { owner: [partyId], asset: [accountId], role: ['account holder'] } },
      provenance,
    });
    this.remember(key, id);
  }
}
