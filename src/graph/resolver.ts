import { contentId, type Entity } from '../model/index.js';

/**
 * The seam for entity resolution (issue 5): maps an entity id to the id of the cluster it was
 * resolved into. Every entity of a cluster becomes one node. Until resolution lands, the graph
 * uses `identityResolver` (each entity its own node).
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

/**
 * Exact-key resolution, not fuzzy matching: applies ingestion's own identity rule (one party per
 * folded name and country, one account per bank and number; see derived-entities.ts) to the
 * entities of an FtM file, so that a Company in entities.ftm.json and the shipper of the same
 * name and country in shipments.csv become one node. Entities with no such key stay themselves.
 * A placeholder until issue 5's resolver; pass `identityResolver` to see raw identities.
 */
export class ExactKeyResolver {
  private readonly clusters = new Map<string, string>();

  /** Feeds one entity; call for every entity before building. */
  add(entity: Entity): void {
    const p = entity.properties;
    if (PARTY_SCHEMATA.has(entity.schema)) {
      const name = p['name']?.[0];
      if (name === undefined) return;
      const country = p['country']?.[0];
      // Ingestion keeps countries as ISO alpha-2 in capitals; FtM streams write them in lower case.
      this.clusters.set(entity.id, contentId('party', nameKey(name), country === undefined ? null : country.toUpperCase()));
    } else if (entity.schema === 'BankAccount') {
      const number = p['accountNumber']?.[0];
      const bank = p['bankName']?.[0];
      if (number === undefined || bank === undefined) return;
      this.clusters.set(entity.id, contentId('account', bank, number));
    }
  }

  readonly resolve: Resolver = (id) => this.clusters.get(id) ?? id;
}
