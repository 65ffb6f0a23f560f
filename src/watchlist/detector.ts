import type { Detector } from '../detect/index.js';
import { contentId, levelForScore, type Alert, type AlertReason, type SubjectKind } from '../model/index.js';
import { explainMatch, type MatchingPolicy, type ScreenHit } from '../screening/index.js';
import type { Store } from '../store/index.js';
import { addressAgreement } from './address-agreement.js';
import { corroboration } from './corroboration.js';
import { screenParty, sharedStoreScreener, type StoreScreener } from './store-screener.js';

export const WATCHLIST_DETECTOR_ID = 'watchlist-screening';
export const WATCHLIST_DETECTOR_VERSION = '1.0.0';
export const WATCHLIST_RULE_ID = 'watchlist.match';
/** Records named as evidence per alert, beyond the listed entity (the rest are counted in the text). */
const MAX_EVIDENCE = 20;

export interface WatchlistDetectorOptions {
  /** Default: the bundled name-matching policy, loaded when the detector runs. */
  readonly policy?: MatchingPolicy;
  /** Default: the policy's threshold. */
  readonly threshold?: number;
}

/** The structured part of a watchlist reason: everything the text says, as data. */
export interface WatchlistMatchDetail {
  readonly role: string;
  readonly partyName: string;
  readonly dataset: string;
  readonly listedId: string;
  readonly listedName: string;
  readonly matchedName: string;
  readonly score: number;
  readonly programmes: readonly string[];
  readonly explanation: string;
  readonly policy: string;
  /** Whether anything beyond the name supports the hit, and why (corroboration.ts). */
  readonly corroborated: boolean;
  readonly support: string;
}

interface Party {
  readonly role: string;
  readonly name: string | null;
  readonly country: string | null;
  readonly entityId: string | null;
  readonly address?: string | null;
}

/** A hit before it becomes a reason: kept until namesakes are counted over all records. */
interface Found {
  readonly kind: SubjectKind;
  readonly subjectId: string;
  readonly party: Party;
  readonly hit: ScreenHit;
  readonly evidence: readonly string[];
  /** Extra text (payment counts). */
  readonly note: string;
}

/** Screens each distinct (name, country) once, however many records name it. */
class PartyScreening {
  private readonly memo = new Map<string, ScreenHit | null>();
  constructor(
    private readonly s: StoreScreener,
    private readonly threshold: number | undefined,
    private readonly nameOnlyFactor: number,
  ) {}

  best(name: string, country: string | null): ScreenHit | undefined {
    const key = `${name}\u0000${country ?? ''}`;
    let hit = this.memo.get(key);
    if (hit === undefined) {
      hit = screenParty(this.s, name, country, this.threshold)[0] ?? null;
      this.memo.set(key, hit);
    }
    return hit ?? undefined;
  }

  /** The listed entity's known addresses disagree with the party's: a namesake elsewhere. */
  elsewhere(party: Party, hit: ScreenHit): boolean {
    return addressAgreement(party.address, this.s.addresses.get(hit.entityId) ?? []) === 'differs';
  }

  reason(party: Party, hit: ScreenHit, evidence: readonly string[]): AlertReason {
    const r = hit.result;
    const programmes = this.s.programmes.get(hit.entityId) ?? [];
    const listedName = this.s.captions.get(hit.entityId) ?? r.name.candidateName;
    const support = corroboration(r);
    const match: WatchlistMatchDetail = {
      role: party.role,
      partyName: party.name ?? '',
      dataset: hit.dataset,
      listedId: hit.entityId,
      listedName,
      matchedName: r.name.candidateName,
      score: r.score,
      programmes,
      explanation: explainMatch(r),
      policy: r.policy,
      corroborated: support.corroborated,
      support: support.why,
    };
    const programme = programmes.length > 0 ? `, programme ${programmes.join(', ')}` : '';
    const text =
      `${party.role} "${party.name ?? ''}" matches "${r.name.candidateName}" (${hit.entityId}) on ${hit.dataset}` +
      ` (score ${r.score.toFixed(2)}${programme}): ${match.explanation}` +
      (support.nameOnlyPerson ? `; ${support.why}, alert weight x${this.nameOnlyFactor}` : '');
    // Common person names collide with ordinary parties: a name-only person hit is still
    // reported, at the policy's lower weight, so it sorts below corroborated hits.
    const factor = support.nameOnlyPerson ? this.nameOnlyFactor : 1;
    // The reason keeps the match as data beside the text (stored with the alert as JSON).
    const reason: AlertReason & { readonly match: WatchlistMatchDetail } = {
      ruleId: WATCHLIST_RULE_ID,
      weight: Math.round(r.score * 100 * factor),
      text,
      evidence: [hit.entityId, ...evidence],
      match,
    };
    return reason;
  }
}

function alert(kind: SubjectKind, subjectId: string, reasons: readonly AlertReason[], now: string): Alert {
  const score = Math.max(...reasons.map((r) => r.weight));
  return {
    id: contentId(WATCHLIST_DETECTOR_ID, kind, subjectId, ...reasons.map((r) => r.evidence[0] ?? '')),
    detectorId: WATCHLIST_DETECTOR_ID,
    subjectKind: kind,
    subjectId,
    score,
    level: levelForScore(score),
    reasons,
    status: 'open',
    createdAt: now,
  };
}

const sameName = (a: string | null, b: string | null): boolean =>
  a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Every hit on a party of a stored shipment (subject: the shipment). */
async function shipmentHits(store: Store, p: PartyScreening, out: Found[]): Promise<void> {
  for await (const s of store.iterateShipments()) {
    const parties: Party[] = [
      {
        role: 'shipper',
        name: s.shipperName,
        country: s.shipperCountry,
        entityId: s.shipperEntityId,
        address: s.shipperAddress,
      },
      // A seller named as the shipper is the shipper: screening it again without the shipper's
      // country would only repeat the hit with less evidence (a look-alike abroad scored higher).
      ...(sameName(s.sellerName, s.shipperName)
        ? []
        : [{ role: 'seller', name: s.sellerName, country: null, entityId: s.sellerEntityId }]),
      {
        role: 'consignee',
        name: s.consigneeName,
        country: s.consigneeCountry,
        entityId: s.consigneeEntityId,
        address: s.consigneeAddress,
      },
      {
        role: 'final recipient',
        name: s.finalRecipientName,
        country: s.finalRecipientCountry,
        entityId: s.finalRecipientEntityId,
        address: s.finalRecipientAddress,
      },
    ];
    for (const party of parties) {
      if (party.name === null || party.name.trim() === '') continue;
      const hit = p.best(party.name, party.country);
      if (hit === undefined || p.elsewhere(party, hit)) continue;
      out.push({
        kind: 'shipment',
        subjectId: s.id,
        party,
        hit,
        evidence: party.entityId === null ? [] : [party.entityId],
        note: '',
      });
    }
  }
}

/**
 * Every account whose holder is listed (subject: the account): the holder's own payments and
 * those of every counterparty paying or paid by it lead to the same account.
 */
async function accountHits(store: Store, p: PartyScreening, out: Found[]): Promise<void> {
  const hits = new Map<string, { party: Party; hit: ScreenHit; transactions: string[]; count: number }>();
  const see = (party: Party, tx: string): void => {
    if (party.entityId === null || party.name === null || party.name.trim() === '') return;
    const known = hits.get(party.entityId);
    if (known !== undefined) {
      known.count++;
      if (known.transactions.length < MAX_EVIDENCE) known.transactions.push(tx);
      return;
    }
    const hit = p.best(party.name, party.country);
    if (hit !== undefined) hits.set(party.entityId, { party, hit, transactions: [tx], count: 1 });
  };
  for await (const t of store.iterateTransactions()) {
    see(
      { role: 'debtor (account holder)', name: t.debtorName, country: t.debtorCountry, entityId: t.debtorAccountEntityId },
      t.id,
    );
    see(
      {
        role: 'creditor (account holder)',
        name: t.creditorName,
        country: t.creditorCountry,
        entityId: t.creditorAccountEntityId,
      },
      t.id,
    );
  }
  for (const [account, h] of hits) {
    const note = h.count > h.transactions.length ? ` (${h.count} payments, first ${h.transactions.length} named)` : '';
    out.push({ kind: 'account', subjectId: account, party: h.party, hit: h.hit, evidence: h.transactions, note });
  }
}

/**
 * Drops uncorroborated hits on listed entries that meet more than `maxNamesakes` distinct
 * parties: one designated "GARCIA, Robert" is not a thousand consignees called Robert Garcia at
 * a thousand addresses. Corroborated hits (identifier, date of birth, a company as listed) stay.
 */
export function withoutNamesakes<T extends { party: Party; hit: ScreenHit }>(found: readonly T[], maxNamesakes: number): T[] {
  const parties = new Map<string, Set<string>>();
  for (const f of found) {
    if (corroboration(f.hit.result).corroborated) continue;
    let set = parties.get(f.hit.entityId);
    if (set === undefined) parties.set(f.hit.entityId, (set = new Set()));
    set.add(f.party.entityId ?? `${f.party.name ?? ''}\u0000${f.party.address ?? ''}`);
  }
  return found.filter(
    (f) => corroboration(f.hit.result).corroborated || (parties.get(f.hit.entityId)?.size ?? 0) <= maxNamesakes,
  );
}

/** One alert per subject, its reasons the hits on its parties. */
function alertsOf(found: readonly Found[], p: PartyScreening, now: string): Alert[] {
  const bySubject = new Map<string, { kind: SubjectKind; reasons: AlertReason[] }>();
  for (const f of found) {
    const key = `${f.kind}\u0000${f.subjectId}`;
    let entry = bySubject.get(key);
    if (entry === undefined) bySubject.set(key, (entry = { kind: f.kind, reasons: [] }));
    const reason = p.reason(f.party, f.hit, f.evidence);
    entry.reasons.push(f.note === '' ? reason : { ...reason, text: reason.text + f.note });
  }
  return [...bySubject.entries()].map(([key, e]) => alert(e.kind, key.slice(key.indexOf('\u0000') + 1), e.reasons, now));
}

/**
 * Screening inside `analyze`: the parties of stored shipments and the holders of accounts in
 * stored payments, against every watchlist dataset in the store (`watchlist load`). Each hit
 * is a reason with rule id `watchlist.match` carrying the matched name, dataset, score,
 * programmes and the matcher's explanation. No datasets: no alerts (and nothing is read).
 */
export function watchlistDetector(options: WatchlistDetectorOptions = {}): Detector {
  return {
    id: WATCHLIST_DETECTOR_ID,
    version: WATCHLIST_DETECTOR_VERSION,
    description:
      'watchlist screening: shipment parties, account holders and payment counterparties against the stored sanctions lists',
    typologies: [],
    async detect(store: Store): Promise<readonly Alert[]> {
      const screener = await sharedStoreScreener(store, options.policy);
      if (screener === undefined) return [];
      const policy = screener.screener.matcher.policy;
      const p = new PartyScreening(screener, options.threshold, policy.data.nameOnly.personAlertFactor);
      const found: Found[] = [];
      await shipmentHits(store, p, found);
      await accountHits(store, p, found);
      return alertsOf(withoutNamesakes(found, policy.data.nameOnly.maxNamesakes), p, new Date().toISOString());
    },
  };
}
