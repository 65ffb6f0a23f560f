import type { AlertReason, Shipment } from '../model/index.js';
import { equipmentForHsCode, type KnowledgeBase } from '../knowledge/index.js';
import { fold, foldEmail, foldPhone, hash53, nameStem } from './fold.js';
import type { GoodsCache } from './goods.js';
import type { TradePolicy } from './policy.js';
import { chemicalRules } from './rules/chemicals.js';
import { hsChapter, reason, type RowContext, type RowRule, type WatchlistHook } from './rules/context.js';
import { dataQualityRules } from './rules/data-quality.js';
import { hsDescriptionRules } from './rules/hs-description.js';
import { pressRules } from './rules/press.js';
import { residentialRules } from './rules/residential.js';
import { routeRules } from './rules/route.js';
import { valueWeightRules } from './rules/value-weight.js';
import { watchlistRules } from './rules/watchlist.js';
import type { ContactKind, ShipperFacts } from './shipper-clusters.js';
import type { SplitFacts, SplitKey } from './split/split-detector.js';
import { dayNumber } from './split/windows.js';

/** The rules that need one shipment only, in the order their reasons are listed. */
export const ROW_RULES: readonly RowRule[] = [
  chemicalRules,
  pressRules,
  hsDescriptionRules,
  valueWeightRules,
  routeRules,
  residentialRules,
  watchlistRules,
  dataQualityRules,
];

/** One screened row before the stream-wide signals: compact enough to spool to disk and replay. */
export interface RowFacts {
  /** Position in the input (0-based): output keeps input order. */
  readonly row: number;
  readonly line: number | null;
  /** The id evidence names (the source's shipment id in files, the store id in the store). */
  readonly id: string;
  /** The alert subject (the store id in the store; the source id in files). */
  readonly subject: string;
  readonly date: string | null;
  readonly reasons: readonly AlertReason[];
  readonly split: SplitFacts;
  readonly shipper: ShipperFacts;
}

export interface AssessOptions {
  readonly policy: TradePolicy;
  readonly knowledge: KnowledgeBase;
  readonly goods: GoodsCache;
  readonly lowValue: (origin: string | null, date: string) => number;
  /** Controls are evaluated at the arrival date; rows without one at this date (YYYY-MM-DD). */
  readonly asOf: string;
  readonly watchlist?: WatchlistHook;
  /** Shared shipper facts (one per distinct shipper); without it they are computed per row. */
  readonly shippers?: ShipperMemo;
}

/** The consignee-side keys of a row: its own parties, rarely repeated, so computed per row. */
function consigneeKeys(s: Shipment): SplitKey[] {
  const keys: SplitKey[] = [];
  const consignee = fold(s.consigneeName);
  const address = fold(s.consigneeAddress);
  // Person names repeat across a country ("Daniel Lee"): a consignee is its name at its address.
  if (consignee !== null)
    keys.push({
      kind: 'consignee',
      hash: hash53(`c|${consignee}|${address ?? ''}|${s.consigneeCountry ?? ''}`),
      label: s.consigneeName ?? '',
    });
  if (address !== null) keys.push({ kind: 'consigneeAddress', hash: hash53(`a|${address}`), label: s.consigneeAddress ?? '' });
  const recipient = fold(s.finalRecipientName);
  if (recipient !== null)
    keys.push({
      kind: 'finalRecipient',
      hash: hash53(`f|${recipient}|${s.finalRecipientCountry ?? ''}`),
      label: s.finalRecipientName ?? '',
    });
  return keys;
}

/** The shipper-cluster key: a cluster of shippers is reached through what its members share (phone, e-mail, address, name). */
function clusterKey(s: Shipment): SplitKey | null {
  const cluster = foldPhone(s.shipperPhone) ?? foldEmail(s.shipperEmail) ?? fold(s.shipperAddress) ?? fold(s.shipperName);
  return cluster === null
    ? null
    : {
        kind: 'shipperCluster',
        hash: hash53(`s|${cluster}`),
        label: s.shipperPhone ?? s.shipperEmail ?? s.shipperAddress ?? s.shipperName ?? '',
      };
}

function shipperFacts(s: Shipment, policy: TradePolicy): ShipperFacts {
  const name = fold(s.shipperName);
  const contacts: { kind: ContactKind; hash: number; value: string }[] = [];
  const add = (kind: ContactKind, folded: string | null, value: string | null): void => {
    if (folded !== null && value !== null && policy.data.shipperCluster.contacts.includes(kind))
      contacts.push({ kind, hash: hash53(`${kind}|${folded}`), value });
  };
  add('address', fold(s.shipperAddress), s.shipperAddress);
  add('phone', foldPhone(s.shipperPhone), s.shipperPhone);
  add('email', foldEmail(s.shipperEmail), s.shipperEmail);
  const stem = nameStem(s.shipperName);
  return {
    name: s.shipperName,
    key: name === null ? null : hash53(`${name}|${s.shipperCountry ?? ''}`),
    stem: stem === null ? null : hash53(stem),
    contacts,
  };
}

/** What a row's shipper contributes, with the raw values it was computed from. */
interface ShipperSide {
  readonly name: string | null;
  readonly country: string | null;
  readonly address: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly facts: ShipperFacts;
  readonly cluster: SplitKey | null;
}

// Bounds on the memo: a forgotten shipper is only folded and hashed again.
const SHIPPER_MEMO_LIMIT = 100_000;
const SIDES_PER_NAME = 32;

/**
 * A parcel stream has far fewer shippers than rows: their folded, hashed facts are computed once
 * per distinct (name, country, address, phone, e-mail) and shared by the rows (they are never
 * mutated). Looked up by name, then compared value by value: cheaper than hashing the five
 * values joined, which costs as much as folding them.
 */
export class ShipperMemo {
  private readonly memo = new Map<string, ShipperSide[]>();

  constructor(private readonly policy: TradePolicy) {}

  side(s: Shipment): ShipperSide {
    const key = s.shipperName ?? s.shipperAddress ?? s.shipperPhone ?? s.shipperEmail ?? '';
    let sides = this.memo.get(key);
    if (sides !== undefined)
      for (const side of sides)
        if (
          // The values that tell a name's shippers apart first; the name (the key, mostly) last.
          side.phone === s.shipperPhone &&
          side.address === s.shipperAddress &&
          side.email === s.shipperEmail &&
          side.country === s.shipperCountry &&
          side.name === s.shipperName
        )
          return side;
    const side: ShipperSide = {
      name: s.shipperName,
      country: s.shipperCountry,
      address: s.shipperAddress,
      phone: s.shipperPhone,
      email: s.shipperEmail,
      facts: shipperFacts(s, this.policy),
      cluster: clusterKey(s),
    };
    if (sides === undefined) {
      if (this.memo.size >= SHIPPER_MEMO_LIMIT) this.memo.clear();
      this.memo.set(key, (sides = []));
    }
    if (sides.length >= SIDES_PER_NAME) sides.pop();
    sides.unshift(side);
    return side;
  }
}

const pressHeadings = new WeakMap<KnowledgeBase, Map<string, boolean>>();
/** Whether an HS code is a press heading or a known misdeclaration of one (memoised: codes repeat). */
function pressHeading(hs: string, knowledge: KnowledgeBase): boolean {
  let memo = pressHeadings.get(knowledge);
  if (memo === undefined) pressHeadings.set(knowledge, (memo = new Map()));
  let known = memo.get(hs);
  if (known === undefined) {
    known = equipmentForHsCode(hs, knowledge).length > 0;
    if (memo.size < 100_000) memo.set(hs, known);
  }
  return known;
}

/** Screens one shipment with the row rules and extracts what the stream-wide detectors need. */
export function assessShipment(
  s: Shipment,
  where: { row: number; line: number | null; id: string; subject: string },
  options: AssessOptions,
): RowFacts {
  const { policy } = options;
  const goods = options.goods.facts(s.description);
  const date = s.arrivalDate ?? options.asOf;
  const thresholdUsd = options.lowValue(s.originCountry ?? s.shipperCountry, date);
  const chapter = hsChapter(s.hsCode);
  const chemicalHeading = chapter !== null && policy.data.goods.chemicalHsChapters.includes(chapter);
  const press = goods.equipment.length > 0 || (s.hsCode !== null && pressHeading(s.hsCode, options.knowledge));
  const chemical = goods.hits.length > 0 || goods.chemicalWords || (chemicalHeading && !press);
  const ctx: RowContext = {
    shipment: s,
    goods,
    policy,
    knowledge: options.knowledge,
    date,
    thresholdUsd,
    chemical,
    press,
    ...(options.watchlist === undefined ? {} : { watchlist: options.watchlist }),
  };
  const reasons: AlertReason[] = [];
  for (const rule of ROW_RULES) {
    const found = rule(ctx);
    if (found.length > 0) reasons.push(...found);
  }
  const usd = s.declaredValueUsd ?? 0;
  const side = options.shippers?.side(s);
  const facts = side?.facts ?? shipperFacts(s, policy);
  const cluster = side === undefined ? clusterKey(s) : side.cluster;
  const keys = consigneeKeys(s);
  if (cluster !== null) keys.push(cluster);
  // Formal entries pay duty whatever their value: only parcels entered under the threshold can be split to dodge it.
  const lowValue = thresholdUsd > 0 && s.declaredValueUsd !== null && s.entryType !== 'formal' && usd <= thresholdUsd;
  const smallMode = s.mode === 'postal' || s.mode === 'express' || s.mode === null;
  return {
    row: where.row,
    line: where.line,
    id: where.id,
    subject: where.subject,
    date: s.arrivalDate,
    reasons,
    split: {
      day: dayNumber(s.arrivalDate),
      parcel: s.entryType !== 'formal' && (lowValue || smallMode),
      lowValue,
      thresholdUsd,
      usd,
      kg: s.grossWeightKg ?? 0,
      chemical,
      description: goods.hash,
      keys,
    },
    shipper: facts,
  };
}

/** A row that failed validation: it still gets an output row, with the reason as data. */
export function assessRejected(
  rejection: { file: string; line: number; field: string; reason: string },
  where: { row: number; id: string },
  policy: TradePolicy,
): RowFacts {
  return {
    row: where.row,
    line: rejection.line,
    id: where.id,
    subject: where.id,
    date: null,
    reasons: [
      reason(
        policy,
        'data-quality-rejected-row',
        `${rejection.file}:${rejection.line}: ${rejection.field}: ${rejection.reason}; the row could not be screened`,
        [`line:${rejection.line}`],
      ),
    ],
    split: {
      day: null,
      parcel: false,
      lowValue: false,
      thresholdUsd: 0,
      usd: 0,
      kg: 0,
      chemical: false,
      description: 0,
      keys: [],
    },
    shipper: { name: null, key: null, stem: null, contacts: [] },
  };
}
