import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CandidateIndex, type IndexData } from './candidate-index.js';
import type { Identifier, IdentifierScheme } from './identifiers.js';
import type { Matcher } from './matcher.js';
import type { LegalFormFeature } from './prepare.js';
import { Screener, type ListedEntity } from './screener.js';

/**
 * A built screener as one Buffer, so a store can keep it and the next run skips preparing and
 * indexing the lists. Layout: an 8-byte magic, the format version, then sections in a fixed
 * order, each a 4-byte tag/kind word, a count and its bytes padded to 4. Typed arrays are stored
 * as their raw little-endian bytes; string lists as UTF-8 joined by NUL. JSON only for the few
 * legal-form objects and identifiers, never for the big arrays.
 */
const MAGIC = Buffer.from('CHKPSCR\0', 'latin1');
export const INDEX_FORMAT_VERSION = 1;

const KIND = { u32: 1, u8: 2, strings: 3 } as const;
const OFFSETS_DENSE = 1;
const OFFSETS_SPARSE = 2;
const SEP = '\u0000';
const SCHEMES: readonly IdentifierScheme[] = ['uscc', 'imo', 'crypto', 'other'];

export class IndexCodecError extends Error {
  readonly code = 'CHOKEPOINT_ERR_INDEX_PAYLOAD';
  constructor(message: string) {
    super(message);
    this.name = 'IndexCodecError';
  }
}

/** Per-entity string lists stored beside the screener (programmes, captions ... of a store screener). */
export type ExtraColumns = ReadonlyMap<string, readonly (readonly string[])[]>;

export interface DecodedScreener {
  readonly screener: Screener;
  readonly extras: Map<string, string[][]>;
}

class Writer {
  private readonly chunks: Buffer[] = [];
  bytes = 0;

  private push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    const pad = (4 - (chunk.length % 4)) % 4;
    if (pad > 0) {
      this.chunks.push(Buffer.alloc(pad));
      this.bytes += pad;
    }
  }

  private head(kind: number, count: number, extra = 0): void {
    const h = Buffer.alloc(12);
    h.writeUInt32LE(kind, 0);
    h.writeUInt32LE(count, 4);
    h.writeUInt32LE(extra, 8);
    this.push(h);
  }

  raw(chunk: Buffer): void {
    this.push(chunk);
  }

  u32(a: Uint32Array): void {
    this.head(KIND.u32, a.length);
    this.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  }

  u8(a: Uint8Array): void {
    this.head(KIND.u8, a.length);
    this.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  }

  strings(list: readonly string[], what: string): void {
    for (const s of list) if (s.includes(SEP)) throw new IndexCodecError(`${what}: a value holds a NUL character`);
    const bytes = Buffer.from(list.join(SEP), 'utf8');
    this.head(KIND.strings, list.length, bytes.length);
    this.push(bytes);
  }

  /** A list of string lists: where each entry starts, then every value. */
  ragged(rows: readonly (readonly string[])[], what: string): void {
    const starts = new Uint32Array(rows.length + 1);
    rows.forEach((r, i) => (starts[i + 1] = (starts[i] ?? 0) + r.length));
    this.u32(starts);
    this.strings(rows.flat(), what);
  }

  finish(): Buffer {
    return Buffer.concat(this.chunks, this.bytes);
  }
}

class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}

  private take(n: number, what: string): Buffer {
    if (this.pos + n > this.buf.length) throw new IndexCodecError(`${what}: payload truncated at byte ${this.pos}`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n + ((4 - (n % 4)) % 4);
    return out;
  }

  private head(kind: number, what: string): { count: number; extra: number } {
    const h = this.take(12, what);
    const found = h.readUInt32LE(0);
    if (found !== kind)
      throw new IndexCodecError(`${what}: expected section kind ${kind} at byte ${this.pos - 12}, found ${found}`);
    return { count: h.readUInt32LE(4), extra: h.readUInt32LE(8) };
  }

  raw(n: number, what: string): Buffer {
    return this.take(n, what);
  }

  u32(what: string): Uint32Array {
    const { count } = this.head(KIND.u32, what);
    // Copied into a fresh, aligned array: the payload Buffer may sit at any byte offset.
    const out = new Uint32Array(count);
    new Uint8Array(out.buffer).set(this.take(count * 4, what));
    return out;
  }

  u8(what: string): Uint8Array {
    const { count } = this.head(KIND.u8, what);
    const out = new Uint8Array(count);
    out.set(this.take(count, what));
    return out;
  }

  strings(what: string): string[] {
    const { count, extra } = this.head(KIND.strings, what);
    const text = this.take(extra, what).toString('utf8');
    if (count === 0) return [];
    const list = text.split(SEP);
    if (list.length !== count) throw new IndexCodecError(`${what}: expected ${count} values, found ${list.length}`);
    return list;
  }

  ragged(what: string): string[][] {
    const starts = this.u32(`${what} (starts)`);
    const values = this.strings(what);
    const rows: string[][] = [];
    for (let i = 0; i + 1 < starts.length; i++) rows.push(values.slice(starts[i], starts[i + 1]));
    if ((starts[starts.length - 1] ?? 0) !== values.length)
      throw new IndexCodecError(`${what}: starts end at ${starts[starts.length - 1]}, ${values.length} values`);
    return rows;
  }

  get atEnd(): boolean {
    return this.pos >= this.buf.length;
  }
}

/**
 * Bucket offsets: 2^bucketBits + 1 of them (16 MB at 22 bits) whatever the list's size. A small
 * list fills few buckets, so it stores only the non-empty ones (bucket number, postings count);
 * a large one stores the offsets as they are.
 */
function writeOffsets(w: Writer, offsets: Uint32Array): void {
  let filled = 0;
  for (let b = 0; b + 1 < offsets.length; b++) if (offsets[b + 1] !== offsets[b]) filled++;
  if (filled * 2 >= offsets.length) {
    w.u32(Uint32Array.of(OFFSETS_DENSE));
    w.u32(offsets);
    return;
  }
  const buckets = new Uint32Array(filled);
  const counts = new Uint32Array(filled);
  let i = 0;
  for (let b = 0; b + 1 < offsets.length; b++) {
    const n = (offsets[b + 1] ?? 0) - (offsets[b] ?? 0);
    if (n === 0) continue;
    buckets[i] = b;
    counts[i++] = n;
  }
  w.u32(Uint32Array.of(OFFSETS_SPARSE, offsets.length));
  w.u32(buckets);
  w.u32(counts);
}

function readOffsets(r: Reader): Uint32Array {
  const [mode, length] = r.u32('bucket offsets (mode)');
  if (mode === OFFSETS_DENSE) return r.u32('bucket offsets');
  if (mode !== OFFSETS_SPARSE || length === undefined) throw new IndexCodecError(`bucket offsets: unknown mode ${mode}`);
  const buckets = r.u32('bucket numbers');
  const counts = r.u32('bucket counts');
  if (counts.length !== buckets.length) throw new IndexCodecError('bucket offsets: numbers and counts differ in length');
  const offsets = new Uint32Array(length);
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i] ?? 0;
    if (b + 1 >= length) throw new IndexCodecError(`bucket offsets: bucket ${b} out of range`);
    offsets[b + 1] = counts[i] ?? 0;
  }
  for (let b = 1; b < length; b++) offsets[b] = (offsets[b] ?? 0) + (offsets[b - 1] ?? 0);
  return offsets;
}

function requireLittleEndian(): void {
  // Typed arrays are written as the machine holds them; every platform we run on is little-endian.
  if (endianness() !== 'LE') throw new IndexCodecError('screening index payloads need a little-endian machine');
}

/** The screener (its index, listed subjects) and per-entity extra columns, as one payload. */
export function encodeScreener(screener: Screener, extras: ExtraColumns = new Map()): Buffer {
  requireLittleEndian();
  const w = new Writer();
  const head = Buffer.alloc(12);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(INDEX_FORMAT_VERSION, 8);
  w.raw(head);
  w.strings([screener.matcher.policy.stamp], 'policy stamp');
  const d = screener.index.data();
  w.strings(d.tokens.words, 'words');
  w.strings(d.tokens.skeletons, 'skeletons');
  w.u8(d.tokens.kinds);
  w.u32(d.tokens.phonetic);
  w.u32(d.tokenStart);
  w.u32(d.nameTokens);
  w.u32(d.nameEntity);
  w.u8(d.nameClass);
  w.u32(d.nameLegalForm);
  w.u8(d.nameSurnameStart);
  w.strings(d.originals, 'names');
  w.strings(
    d.legalForms.map((f) => JSON.stringify([f.type, f.label, f.text])),
    'legal forms',
  );
  w.u32(d.entityNameStart);
  writeOffsets(w, d.offsets);
  w.u32(d.postings);
  const listed = screener.listedEntities;
  w.strings(
    listed.map((l) => l.subject.id),
    'entity ids',
  );
  w.strings(
    listed.map((l) => l.subject.schema),
    'schemata',
  );
  w.strings(
    listed.map((l) => l.dataset),
    'datasets',
  );
  w.ragged(
    listed.map((l) => l.subject.names),
    'subject names',
  );
  w.ragged(
    listed.map((l) => l.subject.countries),
    'countries',
  );
  w.ragged(
    listed.map((l) => l.subject.nationalities),
    'nationalities',
  );
  w.ragged(
    listed.map((l) => l.subject.birthDates),
    'birth dates',
  );
  w.ragged(
    listed.map((l) => l.subject.identifiers.map((i) => `${i.scheme}:${i.value}`)),
    'identifiers',
  );
  w.strings([...extras.keys()], 'extra column names');
  for (const [name, rows] of extras) {
    if (rows.length !== listed.length)
      throw new IndexCodecError(`extra column ${name}: ${rows.length} rows for ${listed.length} listed entities`);
    w.ragged(rows, `extra column ${name}`);
  }
  return w.finish();
}

/**
 * A screener back from `encodeScreener`'s payload. The matcher must carry the policy the payload
 * was built with (its stamp is checked): blocking keys and prepared names depend on it.
 */
export function decodeScreener(payload: Buffer, matcher: Matcher): DecodedScreener {
  requireLittleEndian();
  const r = new Reader(payload);
  const head = r.raw(12, 'header');
  if (!head.subarray(0, 8).equals(MAGIC)) throw new IndexCodecError('not a screening index payload (bad magic)');
  const version = head.readUInt32LE(8);
  if (version !== INDEX_FORMAT_VERSION)
    throw new IndexCodecError(`screening index format ${version}, this build reads ${INDEX_FORMAT_VERSION}`);
  const [stamp] = r.strings('policy stamp');
  if (stamp !== matcher.policy.stamp)
    throw new IndexCodecError(`payload built with policy ${stamp}, the matcher has ${matcher.policy.stamp}`);
  const words = r.strings('words');
  const skeletons = r.strings('skeletons');
  const kinds = r.u8('kinds');
  const phonetic = r.u32('phonetic keys');
  const data: IndexData = {
    tokens: { words, skeletons, kinds, phonetic },
    tokenStart: r.u32('token starts'),
    nameTokens: r.u32('name tokens'),
    nameEntity: r.u32('name entities'),
    nameClass: r.u8('name classes'),
    nameLegalForm: r.u32('name legal forms'),
    nameSurnameStart: r.u8('surname starts'),
    originals: r.strings('names'),
    legalForms: r.strings('legal forms').map((s): LegalFormFeature => {
      const [type, label, text] = JSON.parse(s) as [string, string, string];
      return { type, label, text };
    }),
    entityNameStart: r.u32('entity name starts'),
    offsets: readOffsets(r),
    postings: r.u32('postings'),
  };
  if (skeletons.length !== words.length || kinds.length !== words.length || phonetic.length !== words.length)
    throw new IndexCodecError('word columns differ in length');
  const ids = r.strings('entity ids');
  const schemata = r.strings('schemata');
  const datasets = r.strings('datasets');
  const names = r.ragged('subject names');
  const countries = r.ragged('countries');
  const nationalities = r.ragged('nationalities');
  const birthDates = r.ragged('birth dates');
  const identifiers = r.ragged('identifiers');
  const listed: ListedEntity[] = ids.map((id, i) => ({
    dataset: datasets[i] ?? '',
    subject: {
      id,
      schema: schemata[i] ?? '',
      names: names[i] ?? [],
      countries: countries[i] ?? [],
      nationalities: nationalities[i] ?? [],
      birthDates: birthDates[i] ?? [],
      identifiers: (identifiers[i] ?? []).map((s): Identifier => {
        const colon = s.indexOf(':');
        const scheme = SCHEMES.find((k) => k === s.slice(0, colon));
        if (scheme === undefined) throw new IndexCodecError(`identifiers: unknown scheme in "${s}"`);
        return { scheme, value: s.slice(colon + 1) };
      }),
    },
  }));
  const index = CandidateIndex.fromData(data, matcher.policy.data, matcher.context.phonetic);
  if (index.entityCount !== listed.length)
    throw new IndexCodecError(`index holds ${index.entityCount} entities, payload lists ${listed.length}`);
  const extras = new Map<string, string[][]>();
  for (const name of r.strings('extra column names')) extras.set(name, r.ragged(`extra column ${name}`));
  if (!r.atEnd) throw new IndexCodecError('trailing bytes after the last section');
  return { screener: new Screener(matcher, index, listed), extras };
}

let fingerprint: string | undefined;

/**
 * A hash of the screening code itself: prepared names and blocking keys come from this folder's
 * code, so a payload built by another build must not be reused even under the same policy.
 */
export function screeningCodeFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const dir = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256').update(String(INDEX_FORMAT_VERSION));
  const files = readdirSync(dir)
    .filter((f) => /\.(js|ts)$/.test(f) && !/\.(test|d)\.ts$|\.test\.js$/.test(f))
    .sort();
  for (const f of files) hash.update(f).update(readFileSync(`${dir}/${f}`));
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}
