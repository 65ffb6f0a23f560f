import type { AlertReason } from '../model/index.js';
import type { RowFacts } from './assess.js';
import type { SplitKeyKind } from './policy.js';
import type { ContactKind, ShipperFacts } from './shipper-clusters.js';
import type { SplitFacts } from './split/split-detector.js';

/**
 * How a row's facts are spooled: one line per row, a JSON array of numbers and ids that the
 * later passes always read, a tab, then a JSON object with the texts (reasons, labels, names)
 * that only rows with reasons need. JSON never holds a raw tab, so the first tab splits the two.
 */
const KEY_KINDS: readonly SplitKeyKind[] = ['consignee', 'consigneeAddress', 'finalRecipient', 'shipperCluster'];
const CONTACT_KINDS: readonly ContactKind[] = ['address', 'phone', 'email'];

/** The always-read part of a row: everything the stream-wide detectors need, no texts. */
export interface CompactRow {
  readonly row: number;
  readonly line: number | null;
  readonly id: string;
  readonly subject: string;
  readonly date: string | null;
  readonly hasReasons: boolean;
  readonly split: SplitFacts;
  readonly shipper: ShipperFacts;
}

interface Texts {
  readonly r: readonly AlertReason[];
  readonly k: readonly string[];
  readonly n: string | null;
  readonly c: readonly string[];
}

export function encodeRow(f: RowFacts): string {
  const s = f.split;
  const keys: number[] = [];
  for (const k of s.keys) keys.push(KEY_KINDS.indexOf(k.kind), k.hash);
  const contacts: number[] = [];
  for (const c of f.shipper.contacts) contacts.push(CONTACT_KINDS.indexOf(c.kind), c.hash);
  const compact = [
    f.row,
    f.line,
    f.id,
    f.subject === f.id ? 0 : f.subject,
    f.date,
    f.reasons.length > 0 ? 1 : 0,
    s.day,
    (s.parcel ? 1 : 0) | (s.lowValue ? 2 : 0) | (s.chemical ? 4 : 0),
    s.thresholdUsd,
    s.usd,
    s.kg,
    s.description,
    keys,
    f.shipper.key,
    f.shipper.stem,
    contacts,
  ];
  const texts: Texts = {
    r: f.reasons,
    k: s.keys.map((k) => k.label),
    n: f.shipper.name,
    c: f.shipper.contacts.map((c) => c.value),
  };
  return `${JSON.stringify(compact)}\t${JSON.stringify(texts)}`;
}

type Compact = [
  number,
  number | null,
  string,
  0 | string,
  string | null,
  0 | 1,
  number | null,
  number,
  number,
  number,
  number,
  number,
  number[],
  number | null,
  number | null,
  number[],
];

/** The compact part; labels, names and contact values are left empty until `decodeTexts`. */
export function decodeCompact(line: string): CompactRow {
  const tab = line.indexOf('\t');
  const c = JSON.parse(tab < 0 ? line : line.slice(0, tab)) as Compact;
  const keys: { kind: SplitKeyKind; hash: number; label: string }[] = [];
  for (let i = 0; i < c[12].length; i += 2)
    keys.push({ kind: KEY_KINDS[c[12][i] as number] as SplitKeyKind, hash: c[12][i + 1] as number, label: '' });
  const contacts: { kind: ContactKind; hash: number; value: string }[] = [];
  for (let i = 0; i < c[15].length; i += 2)
    contacts.push({ kind: CONTACT_KINDS[c[15][i] as number] as ContactKind, hash: c[15][i + 1] as number, value: '' });
  return {
    row: c[0],
    line: c[1],
    id: c[2],
    subject: c[3] === 0 ? c[2] : c[3],
    date: c[4],
    hasReasons: c[5] === 1,
    split: {
      day: c[6],
      parcel: (c[7] & 1) !== 0,
      lowValue: (c[7] & 2) !== 0,
      chemical: (c[7] & 4) !== 0,
      thresholdUsd: c[8],
      usd: c[9],
      kg: c[10],
      description: c[11],
      keys,
    },
    shipper: { name: null, key: c[13], stem: c[14], contacts },
  };
}

/** The full row: the compact part with its texts filled in. */
export function decodeTexts(
  line: string,
  compact: CompactRow,
): { reasons: readonly AlertReason[]; split: SplitFacts; shipper: ShipperFacts } {
  const tab = line.indexOf('\t');
  const t = JSON.parse(line.slice(tab + 1)) as Texts;
  return {
    reasons: t.r,
    split: { ...compact.split, keys: compact.split.keys.map((k, i) => ({ ...k, label: t.k[i] ?? '' })) },
    shipper: { ...compact.shipper, name: t.n, contacts: compact.shipper.contacts.map((c, i) => ({ ...c, value: t.c[i] ?? '' })) },
  };
}
