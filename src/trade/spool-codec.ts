import type { AlertReason } from '../model/index.js';
import type { RowFacts } from './assess.js';
import type { SplitKeyKind } from './policy.js';
import type { ContactKind, ShipperFacts } from './shipper-clusters.js';
import type { Spool, SpoolRecord } from './spool.js';
import type { SplitFacts } from './split/split-detector.js';

/**
 * How a row's facts are spooled: one binary record per row. First the part the later passes
 * always read (numbers, hashes, the row's id), then the texts (key labels, shipper name and
 * contacts, reasons as JSON) that only rows with reasons need: `decodeCompact` stops before
 * them and `decodeTexts` reads them. Binary, because the replays read every row twice and JSON
 * text cost more than the detectors themselves.
 */
const KEY_KINDS: readonly SplitKeyKind[] = ['consignee', 'consigneeAddress', 'finalRecipient', 'shipperCluster'];
const CONTACT_KINDS: readonly ContactKind[] = ['address', 'phone', 'email'];

const HAS_REASONS = 1;
const PARCEL = 2;
const LOW_VALUE = 4;
const CHEMICAL = 8;
const OWN_SUBJECT = 16;
const HAS_DATE = 32;
const HAS_DAY = 64;
const HAS_NAME = 128;
// Second flag byte.
const HAS_KEY = 1;
const HAS_STEM = 2;
const HAS_LINE = 4;

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
  /** Where the texts start in the record. */
  readonly textsAt: number;
}

const strBound = (s: string): number => 4 + 3 * s.length;

export function encodeRow(f: RowFacts, spool: Spool): void {
  const s = f.split;
  const sh = f.shipper;
  const reasons = f.reasons.length > 0 ? JSON.stringify(f.reasons) : '';
  let bound = 64 + 9 * (s.keys.length + sh.contacts.length) + strBound(f.id) + strBound(f.subject) + strBound(reasons) + 14;
  for (const k of s.keys) bound += strBound(k.label);
  for (const c of sh.contacts) bound += strBound(c.value);
  if (sh.name !== null) bound += strBound(sh.name);
  spool.begin(bound);
  spool.u8(
    (f.reasons.length > 0 ? HAS_REASONS : 0) |
      (s.parcel ? PARCEL : 0) |
      (s.lowValue ? LOW_VALUE : 0) |
      (s.chemical ? CHEMICAL : 0) |
      (f.subject !== f.id ? OWN_SUBJECT : 0) |
      (f.date !== null ? HAS_DATE : 0) |
      (s.day !== null ? HAS_DAY : 0) |
      (sh.name !== null ? HAS_NAME : 0),
  );
  spool.u8((sh.key !== null ? HAS_KEY : 0) | (sh.stem !== null ? HAS_STEM : 0) | (f.line !== null ? HAS_LINE : 0));
  spool.u32(f.row);
  spool.i32(f.line ?? 0);
  spool.i32(s.day ?? 0);
  spool.f64(s.thresholdUsd);
  spool.f64(s.usd);
  spool.f64(s.kg);
  spool.f64(s.description);
  spool.f64(sh.key ?? 0);
  spool.f64(sh.stem ?? 0);
  spool.u8(s.keys.length);
  for (const k of s.keys) {
    spool.u8(KEY_KINDS.indexOf(k.kind));
    spool.f64(k.hash);
  }
  spool.u8(sh.contacts.length);
  for (const c of sh.contacts) {
    spool.u8(CONTACT_KINDS.indexOf(c.kind));
    spool.f64(c.hash);
  }
  spool.str(f.id);
  if (f.subject !== f.id) spool.str(f.subject);
  if (f.date !== null) spool.str(f.date);
  // Texts.
  for (const k of s.keys) spool.str(k.label);
  if (sh.name !== null) spool.str(sh.name);
  for (const c of sh.contacts) spool.str(c.value);
  if (f.reasons.length > 0) spool.str(reasons);
  spool.end();
}

/** Whether the row is a small parcel (the split detector's members), read from the flags alone. */
export function isParcel(r: SpoolRecord): boolean {
  return ((r.buf[r.start] as number) & PARCEL) !== 0;
}

/** Reads a record front to back. */
class Cursor {
  constructor(
    readonly buf: Buffer,
    public pos: number,
  ) {}
  u8(): number {
    return this.buf[this.pos++] as number;
  }
  u32(): number {
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
  i32(): number {
    const v = this.buf.readInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
  f64(): number {
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }
  str(): string {
    const n = this.u32();
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
}

/** The compact part; labels, names and contact values are left empty until `decodeTexts`. */
export function decodeCompact(r: SpoolRecord): CompactRow {
  const c = new Cursor(r.buf, r.start);
  const flags = c.u8();
  const flags2 = c.u8();
  const row = c.u32();
  const line = c.i32();
  const day = c.i32();
  const thresholdUsd = c.f64();
  const usd = c.f64();
  const kg = c.f64();
  const description = c.f64();
  const key = c.f64();
  const stem = c.f64();
  const keys: { kind: SplitKeyKind; hash: number; label: string }[] = [];
  for (let i = c.u8(); i > 0; i--) {
    const kind = KEY_KINDS[c.u8()] as SplitKeyKind;
    keys.push({ kind, hash: c.f64(), label: '' });
  }
  const contacts: { kind: ContactKind; hash: number; value: string }[] = [];
  for (let i = c.u8(); i > 0; i--) {
    const kind = CONTACT_KINDS[c.u8()] as ContactKind;
    contacts.push({ kind, hash: c.f64(), value: '' });
  }
  const id = c.str();
  const subject = flags & OWN_SUBJECT ? c.str() : id;
  const date = flags & HAS_DATE ? c.str() : null;
  return {
    row,
    line: flags2 & HAS_LINE ? line : null,
    id,
    subject,
    date,
    hasReasons: (flags & HAS_REASONS) !== 0,
    split: {
      day: flags & HAS_DAY ? day : null,
      parcel: (flags & PARCEL) !== 0,
      lowValue: (flags & LOW_VALUE) !== 0,
      chemical: (flags & CHEMICAL) !== 0,
      thresholdUsd,
      usd,
      kg,
      description,
      keys,
    },
    // The name is a text: present or not is known now, its value only after decodeTexts.
    shipper: {
      name: flags & HAS_NAME ? '' : null,
      key: flags2 & HAS_KEY ? key : null,
      stem: flags2 & HAS_STEM ? stem : null,
      contacts,
    },
    textsAt: c.pos,
  };
}

/** The full row: the compact part with its texts filled in. */
export function decodeTexts(
  r: SpoolRecord,
  compact: CompactRow,
): { reasons: readonly AlertReason[]; split: SplitFacts; shipper: ShipperFacts } {
  const c = new Cursor(r.buf, compact.textsAt);
  const keys = compact.split.keys.map((k) => ({ ...k, label: c.str() }));
  const name = compact.shipper.name !== null ? c.str() : null;
  const contacts = compact.shipper.contacts.map((k) => ({ ...k, value: c.str() }));
  const reasons = compact.hasReasons ? (JSON.parse(c.str()) as AlertReason[]) : [];
  return {
    reasons,
    split: { ...compact.split, keys },
    shipper: { ...compact.shipper, name, contacts },
  };
}
