import { contentId, type Entity } from '../model/index.js';

/**
 * The seam for entity resolution (issue 5): maps an entity id to the id of the cluster it was
 * resolved into. Every entity of a cluster becomes one node. Until resolution lands, the graph
 * uses `identityResolver` (each entity its own node) or `ExactKeyResolver` below.
 */
export type Resolver = (entityId: string) => string;

export const identityResolver: Resolver = (id) => id;

// The same folding as src/ingest/derived-entities.ts `nameKey`, kept here so that the graph does
// not import the ingest shell; a test checks that both give the same ids.
function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const PARTY_SCHEMATA = new Set(['Person', 'Company', 'Organization', 'LegalEntity', 'PublicBody']);

/** The contact points a party gives (addresses, phones, e-mails), folded as the resolver compares them. */
export function contactKeys(facts: {
  readonly address?: readonly (string | null)[];
  readonly phone?: readonly (string | null)[];
  readonly email?: readonly (string | null)[];
}): string[] {
  const out: string[] = [];
  for (const a of facts.address ?? []) if (a) out.push(`a:${nameKey(a)}`);
  for (const phone of facts.phone ?? []) if (phone) out.push(`p:${phone.replace(/[^\d+]/g, '')}`);
  for (const email of facts.email ?? []) if (email) out.push(`e:${email.trim().toLowerCase()}`);
  return out;
}

function contactPoints(entity: Entity): Set<string> {
  const p = entity.properties;
  return new Set(contactKeys({ address: p['address'] ?? [], phone: p['phone'] ?? [], email: p['email'] ?? [] }));
}

/** A resolver with the two extra answers exact-key resolution can give about namesakes. */
export interface PartyResolution {
  readonly resolve: Resolver;
  /**
   * The source entity that the party of one shipment or payment row stands for, given the
   * ingestion-derived party id and the contact points the row gives; undefined when the row does
   * not say (then the derived party stands for it).
   */
  readonly resolveParty?: (derivedId: string, contacts: readonly string[]) => string | undefined;
  /** Whether an id is a derived party that several source entities' name stands for. */
  readonly ambiguous?: (id: string) => boolean;
}

interface KeyGroup {
  /** Entities of the sources (FtM files) with this key, and their contact points. */
  readonly sourced: { id: string; contacts: Set<string> }[];
  /** Contact points of the entity ingestion derived for this key (its id is the key). */
  derived: Set<string> | undefined;
}

/**
 * Exact-key resolution, not fuzzy matching: applies ingestion's own identity rule (one party per
 * folded name and country, one account per bank and number; see derived-entities.ts) to the
 * entities of an FtM file, so that a Company in entities.ftm.json and the shipper of the same
 * name and country in shipments.csv become one node.
 *
 * A name is not an identity: when two or more entities of the sources share a key (fourteen
 * "Kevin Jones" in the US), they are different parties that their source keeps apart, so they
 * stay apart here too. The party ingestion derived from shipment and payment rows under that key
 * then joins the one of them it shares an address, phone or e-mail with, or, when that is not
 * exactly one, stays a node of its own, marked ambiguous (`ambiguous`). Each shipment row still
 * says whose it is: `resolveParty` sends a row's shipper or consignee to the one namesake that
 * shares the most of the row's address, phone and e-mail. Merging them all made one hub of every
 * common name, and tied officials to strangers' payments.
 *
 * Some rows name a party without a country (shipments.csv has no seller country): the party
 * ingestion derives for it has a key of the name alone, which no source entity shares. It joins
 * the one source entity of that name in any country; when two or more have the name, it stays
 * apart. Without this, a broker's company named as seller on its parcels was a stranger to the
 * company of the same name in the entity file, and its goods never met its money.
 * A placeholder until issue 5's resolver; pass `identityResolver` to see raw identities.
 */
export class ExactKeyResolver implements PartyResolution {
  private readonly groups = new Map<string, KeyGroup>();
  private clusters: Map<string, string> | undefined;
  private readonly namesakes = new Set<string>();
  /** Source party entities by folded name alone, for the derived parties that have no country. */
  private readonly byName = new Map<string, string[]>();
  /** Derived parties without a country: their key and folded name. */
  private readonly countryless = new Map<string, string>();

  /** Feeds one entity; call for every entity before the first `resolve`. */
  add(entity: Entity): void {
    const p = entity.properties;
    let key: string;
    if (PARTY_SCHEMATA.has(entity.schema)) {
      const name = p['name']?.[0];
      if (name === undefined) return;
      const country = p['country']?.[0];
      const folded = nameKey(name);
      // Ingestion keeps countries as ISO alpha-2 in capitals; FtM streams write them in lower case.
      key = contentId('party', folded, country === undefined ? null : country.toUpperCase());
      if (entity.id !== key) this.byName.set(folded, [...(this.byName.get(folded) ?? []), entity.id]);
      else if (country === undefined) this.countryless.set(key, folded);
    } else if (entity.schema === 'BankAccount') {
      const number = p['accountNumber']?.[0];
      const bank = p['bankName']?.[0];
      if (number === undefined || bank === undefined) return;
      key = contentId('account', bank, number);
    } else return;
    this.clusters = undefined;
    const group = this.groups.get(key) ?? { sourced: [], derived: undefined };
    this.groups.set(key, group);
    if (entity.id === key) group.derived = contactPoints(entity);
    else group.sourced.push({ id: entity.id, contacts: contactPoints(entity) });
  }

  private settle(): Map<string, string> {
    const clusters = new Map<string, string>();
    this.namesakes.clear();
    for (const [key, group] of this.groups) {
      if (group.sourced.length === 1) {
        clusters.set((group.sourced[0] as { id: string }).id, key);
        continue;
      }
      // Ambiguous: the derived party joins the one sourced entity it shares a contact point with.
      const derived = group.derived;
      if (derived === undefined) continue;
      const sharing = group.sourced.filter((s) => [...s.contacts].some((c) => derived.has(c)));
      if (sharing.length === 1) clusters.set((sharing[0] as { id: string }).id, key);
      else if (group.sourced.length > 1) this.namesakes.add(key);
    }
    // A derived party without a country joins the one source entity of its name, wherever it is.
    for (const [key, folded] of this.countryless) {
      if ((this.groups.get(key)?.sourced.length ?? 0) > 0) continue;
      const named = this.byName.get(folded) ?? [];
      if (named.length !== 1) continue;
      const only = named[0] as string;
      clusters.set(key, clusters.get(only) ?? only);
    }
    return clusters;
  }

  readonly resolveParty = (derivedId: string, contacts: readonly string[]): string | undefined => {
    const group = this.groups.get(derivedId);
    if (group === undefined || group.sourced.length < 2 || contacts.length === 0) return undefined;
    // The namesake that shares the most of the row's contact points, when one shares more than
    // any other: namesakes may share one (an e-mail made of the name, "sales@acme.example") while
    // only the party itself has the row's address and phone as well.
    let best: string | undefined;
    let bestShared = 0;
    let tie = false;
    for (const s of group.sourced) {
      const shared = contacts.filter((c) => s.contacts.has(c)).length;
      if (shared > bestShared) [best, bestShared, tie] = [s.id, shared, false];
      else if (shared === bestShared && shared > 0) tie = true;
    }
    return tie ? undefined : best;
  };

  readonly ambiguous = (id: string): boolean => {
    this.clusters ??= this.settle();
    return this.namesakes.has(id);
  };

  readonly resolve: Resolver = (id) => {
    this.clusters ??= this.settle();
    return this.clusters.get(id) ?? id;
  };
}
