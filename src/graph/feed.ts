import type { Alert, Entity, Shipment, Transaction } from '../model/index.js';
import { GraphBuilder } from './builder.js';
import { FLAG, NO_REF, type EdgeType, type Graph, type NodeKind } from './graph.js';
import { contactKeys, identityResolver, type PartyResolution, type Resolver } from './resolver.js';

/** Edge flag bits (`FeedResult.edgeFlags`). */
export const EDGE_FLAG = { flagged: 1 } as const;

const PARTY_KIND: Readonly<Record<string, NodeKind>> = {
  Person: 'person',
  Company: 'company',
  Organization: 'company',
  PublicBody: 'company',
  LegalEntity: 'company',
};

/** Link schemata: [from property, to property, edge type]. */
const LINKS: Readonly<Record<string, readonly [string, string, EdgeType]>> = {
  Ownership: ['owner', 'asset', 'owns'],
  Directorship: ['director', 'organization', 'directs'],
  Family: ['person', 'relative', 'family'],
  Associate: ['person', 'associate', 'linked'],
  UnknownLink: ['subject', 'object', 'linked'],
  Membership: ['member', 'organization', 'linked'],
  Employment: ['employee', 'employer', 'linked'],
  Representation: ['agent', 'client', 'linked'],
  Occupancy: ['holder', 'post', 'official-of'],
  Payment: ['payer', 'beneficiary', 'pays'],
};

function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@.+]+/gu, ' ')
    .trim();
}

/** FtM percentages are in percent ("51", "51.5%"); the graph keeps shares as fractions. */
export function parseShare(values: readonly string[] | undefined): number {
  const raw = values?.[0];
  if (raw === undefined) return Number.NaN;
  const n = Number.parseFloat(raw.replace('%', '').replace(',', '.'));
  if (!Number.isFinite(n) || n < 0 || n > 100) return Number.NaN;
  return n / 100;
}

function dayMs(date: string | null | undefined): number {
  if (date === null || date === undefined) return Number.NaN;
  return Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
}

export interface FeedOptions {
  readonly resolve?: Resolver;
  /** Row-level party resolution and namesake marks (ExactKeyResolver gives both). */
  readonly resolveParty?: PartyResolution['resolveParty'];
  readonly ambiguous?: PartyResolution['ambiguous'];
  /** Continue from a graph built before (incremental rebuild): its records are not added twice. */
  readonly base?: Graph;
  /** Account numbers that stand for no real account (cash, unknown), flagged pseudo (default CASH, UNKNOWN). */
  readonly pseudoAccounts?: readonly string[];
}

export interface FeedResult {
  readonly graph: Graph;
  /** Per edge: EDGE_FLAG bits (e.g. the record was alerted). */
  readonly edgeFlags: Uint8Array;
  /** Alerts whose subject the graph does not hold (counted, never dropped silently). */
  readonly unmatchedAlerts: number;
  /** BankAccount entity ids by account number (as the sources name accounts). */
  readonly accountsByNumber: ReadonlyMap<string, string>;
}

/**
 * Turns typed records into graph nodes and edges: parties, accounts, contact points and lists as
 * nodes; shipments (seller → shipper → consignee → final recipient), payments and FtM link
 * entities as edges; Sanction entities and alerts as node and edge flags. Pure: the store shell
 * (`buildGraphFromStore`) streams the records in.
 */
export class GraphFeed {
  private readonly builder: GraphBuilder;
  private readonly accountByNumber = new Map<string, string>();
  private readonly flaggedRecords = new Set<string>();
  private unmatched = 0;
  private readonly pendingAlerts: Alert[] = [];
  private readonly pseudoAccounts: ReadonlySet<string>;
  private readonly resolveParty: PartyResolution['resolveParty'];
  private readonly ambiguous: PartyResolution['ambiguous'];

  constructor(options: FeedOptions = {}) {
    this.resolveParty = options.resolveParty;
    this.ambiguous = options.ambiguous;
    const resolve = options.resolve ?? identityResolver;
    this.pseudoAccounts = new Set((options.pseudoAccounts ?? ['CASH', 'UNKNOWN']).map((a) => a.toUpperCase()));
    this.builder = options.base === undefined ? new GraphBuilder(resolve) : GraphBuilder.from(options.base, resolve);
  }

  private contact(owner: number, kind: NodeKind, key: string, label: string, type: EdgeType, ref: number): void {
    const node = this.builder.node(`${kind}:${key}`, kind, { label, specific: true });
    this.builder.edge(owner, node, { type }, ref);
  }

  addEntity(entity: Entity): void {
    const b = this.builder;
    const p = entity.properties;
    const partyKind = PARTY_KIND[entity.schema];
    if (partyKind !== undefined) {
      const topics = p['topics'] ?? [];
      let flags = 0;
      if (topics.includes('sanction')) flags |= FLAG.designated;
      if (topics.some((t) => t.startsWith('crime'))) flags |= FLAG.criminal;
      if (entity.schema === 'Person' && (p['position']?.length ?? 0) > 0) flags |= FLAG.official;
      if (this.ambiguous?.(entity.id) === true) flags |= FLAG.ambiguous;
      const n = b.node(entity.id, partyKind, { label: p['name']?.[0] ?? '', specific: entity.schema !== 'LegalEntity', flags });
      const ref = b.record(entity.id);
      if (ref === undefined) return;
      const addresses = p['address'] ?? [];
      for (const a of addresses) this.contact(n, 'address', fold(a), a, 'shares-address', ref);
      // An Address entity stands for the same place as the text; link it only when there is no text.
      if (addresses.length === 0)
        for (const id of p['addressEntity'] ?? []) b.edge(n, b.node(id, 'address'), { type: 'shares-address' }, ref);
      for (const phone of p['phone'] ?? []) this.contact(n, 'phone', phone.replace(/[^\d+]/g, ''), phone, 'shares-contact', ref);
      for (const email of p['email'] ?? []) this.contact(n, 'email', email.trim().toLowerCase(), email, 'shares-contact', ref);
      for (const position of p['position'] ?? []) this.contact(n, 'position', fold(position), position, 'official-of', ref);
      return;
    }
    switch (entity.schema) {
      case 'BankAccount': {
        const number = p['accountNumber']?.[0];
        if (number !== undefined) this.accountByNumber.set(number, entity.id);
        const flags = number !== undefined && this.pseudoAccounts.has(number.toUpperCase()) ? FLAG.pseudo : 0;
        b.node(entity.id, 'account', { label: [p['bankName']?.[0], number].filter(Boolean).join(' '), specific: true, flags });
        return;
      }
      case 'Vessel':
        b.node(entity.id, 'vessel', { label: p['name']?.[0] ?? '', specific: true });
        return;
      case 'Address': {
        const full = p['full']?.[0];
        b.node(entity.id, 'address', { label: full ?? '', specific: true });
        return;
      }
      case 'Sanction': {
        const list = p['program']?.[0] ?? p['authority']?.[0] ?? 'sanctions';
        const ref = b.record(entity.id);
        if (ref === undefined) return;
        const listNode = b.node(`list:${fold(list)}`, 'sanctions-list', { label: list, specific: true });
        for (const id of p['entity'] ?? [])
          b.edge(
            b.node(id, 'other', { flags: FLAG.designated }),
            listNode,
            { type: 'designated-by', time: dayMs(p['startDate']?.[0]) },
            ref,
          );
        return;
      }
    }
    const link = LINKS[entity.schema];
    if (link === undefined) return;
    const [fromProp, toProp, linkType] = link;
    const ref = b.record(entity.id);
    if (ref === undefined) return;
    let type = linkType;
    let weight = 1;
    if (entity.schema === 'Ownership') {
      const role = (p['role']?.[0] ?? '').toLowerCase();
      if (role.includes('account holder')) type = 'holds';
      else weight = parseShare(p['percentage']);
    }
    if (entity.schema === 'Payment') weight = Number.parseFloat(p['amountUsd']?.[0] ?? p['amount']?.[0] ?? 'NaN');
    const time = dayMs(p['date']?.[0] ?? p['startDate']?.[0]);
    for (const from of p[fromProp] ?? []) {
      const fromKind = type === 'official-of' ? 'person' : 'other';
      const fromNode = b.node(from, fromKind, type === 'official-of' ? { flags: FLAG.official } : {});
      for (const to of p[toProp] ?? [])
        b.edge(
          fromNode,
          b.node(to, type === 'holds' ? 'account' : type === 'official-of' ? 'position' : 'other'),
          { type, weight, time },
          ref,
        );
    }
  }

  addShipment(s: Shipment): void {
    const b = this.builder;
    const ref = b.record(s.id);
    if (ref === undefined) return;
    // A party named by several source entities is told apart by the contact points the row gives.
    const party = (id: string | null, name: string | null, contacts: readonly string[] = []): number | undefined =>
      id === null ? undefined : b.node(this.resolveParty?.(id, contacts) ?? id, 'company', { label: name ?? '' });
    const shipperContacts = contactKeys({ address: [s.shipperAddress], phone: [s.shipperPhone], email: [s.shipperEmail] });
    // The row gives the seller no contacts; when it is the shipper, the shipper's say who it is.
    const seller = party(s.sellerEntityId, s.sellerName, s.sellerEntityId === s.shipperEntityId ? shipperContacts : []);
    const shipper = party(s.shipperEntityId, s.shipperName, shipperContacts);
    const consignee = party(s.consigneeEntityId, s.consigneeName, contactKeys({ address: [s.consigneeAddress] }));
    const final = party(s.finalRecipientEntityId, s.finalRecipientName, contactKeys({ address: [s.finalRecipientAddress] }));
    const flow = { type: 'ships-to' as const, weight: s.declaredValueUsd ?? Number.NaN, time: dayMs(s.arrivalDate) };
    // The goods' path: seller → shipper (a transit forwarder re-shipping) → consignee → final recipient.
    const chain = [seller, shipper, consignee, final].filter((n): n is number => n !== undefined);
    for (let i = 1; i < chain.length; i++) {
      const from = chain[i - 1] as number;
      const to = chain[i] as number;
      if (from !== to) b.edge(from, to, flow, ref);
    }
  }

  addTransaction(t: Transaction): void {
    const b = this.builder;
    const ref = b.record(t.id);
    if (ref === undefined) return;
    const flags = (account: string): number => (this.pseudoAccounts.has(account.toUpperCase()) ? FLAG.pseudo : 0);
    if (!this.accountByNumber.has(t.debtorAccount)) this.accountByNumber.set(t.debtorAccount, t.debtorAccountEntityId);
    if (!this.accountByNumber.has(t.creditorAccount)) this.accountByNumber.set(t.creditorAccount, t.creditorAccountEntityId);
    const debtor = b.node(t.debtorAccountEntityId, 'account', { label: t.debtorAccount, flags: flags(t.debtorAccount) });
    const creditor = b.node(t.creditorAccountEntityId, 'account', { label: t.creditorAccount, flags: flags(t.creditorAccount) });
    const usd = t.amountUsd ?? (t.currency === 'USD' ? t.amount : Number.NaN);
    b.edge(debtor, creditor, { type: 'pays', weight: usd, time: t.timestamp }, ref);
  }

  /** Alerts are applied when the graph is built: their subjects may arrive after them. */
  addAlert(alert: Alert): void {
    if (alert.status === 'dismissed' || alert.status === 'closed') return;
    this.pendingAlerts.push(alert);
  }

  build(): FeedResult {
    const b = this.builder;
    for (const a of this.pendingAlerts) {
      if (a.subjectKind === 'shipment' || a.subjectKind === 'transaction') {
        if (b.hasRecord(a.subjectId)) this.flaggedRecords.add(a.subjectId);
        else this.unmatched++;
        continue;
      }
      const id = a.subjectKind === 'account' ? (this.accountByNumber.get(a.subjectId) ?? a.subjectId) : a.subjectId;
      if (!b.flag(id, FLAG.flagged)) this.unmatched++;
    }
    const graph = b.build();
    const edgeFlags = new Uint8Array(graph.edgeCount);
    if (this.flaggedRecords.size > 0) {
      for (let e = 0; e < graph.edgeCount; e++) {
        const r = graph.ref[e] as number;
        if (r !== NO_REF && this.flaggedRecords.has(graph.refs[r] as string)) edgeFlags[e] = EDGE_FLAG.flagged;
      }
    }
    return { graph, edgeFlags, unmatchedAlerts: this.unmatched, accountsByNumber: this.accountByNumber };
  }
}
