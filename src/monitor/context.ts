import type { Entity, Shipment } from '../model/index.js';
import { foldName } from './fold.js';

/**
 * What the store knows about the parties behind accounts, reduced to the facts detectors use:
 * each account's holders (schema, name, public position, incorporation year, contacts), the
 * links between parties (directorships and ownerships other than account holding), and the
 * names of sellers that ship chemicals according to the trade data. Built from FtM entities and
 * shipments; empty when a file is screened without them, and every detector still runs.
 */
export interface Holder {
  readonly id: string;
  readonly schema: string;
  readonly name: string | null;
  readonly positions: readonly string[];
  /** Year of incorporation, when known. */
  readonly incorporationYear: number | null;
  readonly descriptions: readonly string[];
  readonly phones: readonly string[];
  readonly emails: readonly string[];
  /** Free-text addresses (FtM `address`), as written. */
  readonly addresses: readonly string[];
}

export interface EntityContext {
  /** Holders of an account number, most specific schema first (Person/Company before LegalEntity). */
  holders(account: string): readonly Holder[];
  /** Parties linked to this one by a directorship or an ownership (both directions). */
  related(entityId: string): readonly string[];
  holder(entityId: string): Holder | undefined;
  /** Folded names (`foldName`) of shippers and sellers of record of chemicals (HS chapters 28, 29, 38). */
  readonly chemicalShippers: ReadonlySet<string>;
}

const PARTY_SCHEMAS = new Set(['Person', 'Company', 'Organization', 'LegalEntity', 'PublicBody']);
/** FtM schemas from the most specific down: the derived LegalEntity of a payment row comes last. */
const SPECIFICITY: Readonly<Record<string, number>> = { Person: 0, Company: 0, PublicBody: 0, Organization: 1, LegalEntity: 2 };
const CHEMICAL_HS_CHAPTERS = new Set(['28', '29', '38']);

export class ContextBuilder {
  private readonly parties = new Map<string, Holder>();
  private readonly accountNumbers = new Map<string, string>();
  /** [owner, asset] of "account holder" links. */
  private readonly holdings: [string, string][] = [];
  private readonly links = new Map<string, string[]>();
  private readonly chemicalShippers = new Set<string>();

  addEntity(e: Entity): void {
    const p = e.properties;
    if (PARTY_SCHEMAS.has(e.schema)) {
      const year = Number((p['incorporationDate']?.[0] ?? '').slice(0, 4));
      this.parties.set(e.id, {
        id: e.id,
        schema: e.schema,
        name: p['name']?.[0] ?? null,
        positions: p['position'] ?? [],
        incorporationYear: Number.isInteger(year) && year > 1000 ? year : null,
        descriptions: p['description'] ?? [],
        phones: p['phone'] ?? [],
        emails: p['email'] ?? [],
        addresses: p['address'] ?? [],
      });
    } else if (e.schema === 'BankAccount') {
      const number = p['accountNumber']?.[0];
      if (number !== undefined) this.accountNumbers.set(e.id, number);
    } else if (e.schema === 'Ownership' || e.schema === 'Directorship') {
      const from = (e.schema === 'Ownership' ? p['owner'] : p['director'])?.[0];
      const to = (e.schema === 'Ownership' ? p['asset'] : p['organization'])?.[0];
      if (from === undefined || to === undefined) return;
      if (e.schema === 'Ownership' && (p['role'] ?? []).includes('account holder')) this.holdings.push([from, to]);
      else {
        this.link(from, to);
        this.link(to, from);
      }
    }
  }

  private link(a: string, b: string): void {
    const list = this.links.get(a);
    if (list === undefined) this.links.set(a, [b]);
    else if (!list.includes(b)) list.push(b);
  }

  /** The shipper and the seller of record of a chemical shipment both sell chemicals. */
  addShipment(s: Pick<Shipment, 'shipperName' | 'hsCode'> & Partial<Pick<Shipment, 'sellerName'>>): void {
    if (s.hsCode === null || !CHEMICAL_HS_CHAPTERS.has(s.hsCode.replace(/\D/g, '').slice(0, 2))) return;
    if (s.shipperName !== null) this.chemicalShippers.add(foldName(s.shipperName));
    if (s.sellerName !== null && s.sellerName !== undefined) this.chemicalShippers.add(foldName(s.sellerName));
  }

  build(): EntityContext {
    const byAccount = new Map<string, Holder[]>();
    for (const [owner, asset] of this.holdings) {
      const number = this.accountNumbers.get(asset);
      const holder = this.parties.get(owner);
      if (number === undefined || holder === undefined) continue;
      const list = byAccount.get(number);
      if (list === undefined) byAccount.set(number, [holder]);
      else if (!list.some((h) => h.id === holder.id)) list.push(holder);
    }
    for (const list of byAccount.values()) list.sort((a, b) => (SPECIFICITY[a.schema] ?? 3) - (SPECIFICITY[b.schema] ?? 3));
    const { parties, links, chemicalShippers } = this;
    return {
      holders: (account) => byAccount.get(account) ?? [],
      related: (id) => links.get(id) ?? [],
      holder: (id) => parties.get(id),
      chemicalShippers,
    };
  }
}

export const EMPTY_CONTEXT: EntityContext = new ContextBuilder().build();

/** The account's most specific holder, if the context knows one. */
export function primaryHolder(context: EntityContext, account: string): Holder | undefined {
  return context.holders(account)[0];
}

/** True when some holder of account `a` is linked to, or is, some holder of account `b`. */
export function holdersLinked(context: EntityContext, a: string, b: string): boolean {
  const hb = context.holders(b);
  if (hb.length === 0) return false;
  for (const x of context.holders(a)) {
    for (const y of hb) {
      if (x.id === y.id || context.related(x.id).includes(y.id)) return true;
      // Two-step links (a director of a company that owns the other) are common in CMLN fronts.
      for (const via of context.related(x.id)) if (context.related(via).includes(y.id)) return true;
    }
  }
  return false;
}
