import { contentId, type Entity, type Shipment, type Transaction } from '../model/index.js';
import type { Store } from '../store/index.js';
import { EDGE_TYPE_CODE, NO_REF, type Graph } from './graph.js';
import type { Subgraph } from './export-xml.js';

/** What the FtM export reads from the store (the `Store` interface has it). */
export type FtmSource = Pick<Store, 'getEntity' | 'getShipment' | 'getTransaction'>;

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A payment as the FtM Payment schema: between the two accounts, in its currency and in dollars. */
export function paymentEntity(t: Transaction): Entity {
  const properties: Record<string, string[]> = {
    payerAccount: [t.debtorAccountEntityId],
    beneficiaryAccount: [t.creditorAccountEntityId],
    amount: [String(t.amount)],
    currency: [t.currency],
    date: [isoDate(t.timestamp)],
    recordId: [t.sourceId ?? t.id],
  };
  if (t.amountUsd !== null) properties['amountUsd'] = [String(t.amountUsd)];
  if (t.purpose !== null) properties['purpose'] = [t.purpose];
  return { id: t.id, schema: 'Payment', properties };
}

/**
 * One leg of a shipment (seller → shipper → consignee → final recipient) as an FtM UnknownLink:
 * FtM has no trade schema, and a link keeps Aleph and followthemoney-compatible tools able to draw
 * it. The id is derived from the shipment and the two ends, so an export is reproducible.
 */
export function shipmentLeg(s: Shipment, from: string, to: string): Entity {
  const value = s.declaredValueUsd === null ? '' : `, $${s.declaredValueUsd}`;
  const properties: Record<string, string[]> = {
    subject: [from],
    object: [to],
    role: ['ships to'],
    summary: [`shipment ${s.sourceId ?? s.id}: ${s.description ?? 'goods'}${value}`],
    recordId: [s.sourceId ?? s.id],
  };
  if (s.arrivalDate !== null) properties['date'] = [s.arrivalDate.slice(0, 10)];
  return { id: contentId('ftm-leg', s.id, from, to), schema: 'UnknownLink', properties };
}

/**
 * A subgraph as an FtM entity stream: every stored entity merged into its nodes, the link
 * entities behind its ownership, directorship, family and sanction edges, its payments as Payment
 * entities and its shipment legs as UnknownLinks between the nodes' stored entities. Contact
 * points (addresses, phones) are properties of the parties, not entities, and come with them.
 * Each entity once; ids as in the store, so the stream merges back into any FtM tool.
 */
export async function* subgraphToFtm(
  graph: Graph,
  sub: Subgraph,
  members: (node: number) => readonly string[],
  source: FtmSource,
): AsyncGenerator<Entity> {
  const emitted = new Set<string>();
  // The stored entity that stands for each node in a shipment leg: its first member the store has.
  const standIn = new Map<number, string>();
  for (const n of sub.nodes)
    for (const id of members(n)) {
      if (emitted.has(id)) continue;
      const stored = await source.getEntity(id);
      if (stored === undefined) continue;
      emitted.add(id);
      if (!standIn.has(n)) standIn.set(n, id);
      yield stored.entity;
    }
  const inside = new Set(sub.nodes);
  for (const e of sub.edges) {
    const a = graph.source[e] as number;
    const b = graph.target[e] as number;
    const r = graph.ref[e] as number;
    if (!inside.has(a) || !inside.has(b) || r === NO_REF) continue;
    const record = graph.refs[r] as string;
    const type = graph.type[e] as number;
    if (type === EDGE_TYPE_CODE['ships-to']) {
      const from = standIn.get(a);
      const to = standIn.get(b);
      const s = from === undefined || to === undefined ? undefined : await source.getShipment(record);
      if (s === undefined || from === undefined || to === undefined) continue;
      const leg = shipmentLeg(s, from, to);
      if (emitted.has(leg.id)) continue;
      emitted.add(leg.id);
      yield leg;
      continue;
    }
    if (emitted.has(record)) continue;
    if (type === EDGE_TYPE_CODE.pays) {
      const t = await source.getTransaction(record);
      if (t !== undefined) {
        emitted.add(record);
        yield paymentEntity(t);
        continue;
      }
    }
    // Link entities (Ownership, Directorship, Sanction, FtM Payment...) are stored as entities.
    const stored = await source.getEntity(record);
    if (stored === undefined) continue;
    emitted.add(record);
    yield stored.entity;
  }
}
