import type { Matcher, NameClass, PreparedName } from '../screening/index.js';
import { GrowableUint32 } from '../screening/index.js';

/** One record as read, every value already normalised (see values.ts). */
export interface RecordInput {
  readonly source: string;
  readonly id: string;
  readonly nameClass: NameClass;
  readonly names: readonly string[];
  /** Normalised addresses; the first is compared. */
  readonly addresses: readonly string[];
  /** yyyymmdd numbers; the first is compared. */
  readonly dates: readonly number[];
  readonly identifiers: readonly string[];
  readonly countries: readonly string[];
  /** Digits only. */
  readonly phones: readonly string[];
  readonly emails: readonly string[];
}

/**
 * Records in columns: one typed array per field holding an id into a table of distinct values
 * (0 = missing), multi-valued fields (names, identifiers) as offset/value runs. A million records
 * are a few dozen megabytes, and values repeated across records (a common name, a country) are
 * stored, prepared and compared once.
 */
export interface RecordTable {
  readonly size: number;
  readonly sources: readonly string[];
  readonly source: Uint16Array;
  readonly recordIds: readonly string[];
  /** Names of record r: nameIds[nameStart[r] .. nameStart[r+1]), ids into `names`. */
  readonly nameStart: Uint32Array;
  readonly nameIds: Uint32Array;
  readonly names: readonly PreparedName[];
  readonly address: Uint32Array;
  /** Distinct addresses as word lists; index 0 is the missing value. */
  readonly addresses: readonly (readonly string[])[];
  readonly date: Uint32Array;
  readonly identifierStart: Uint32Array;
  readonly identifierIds: Uint32Array;
  readonly identifiers: readonly string[];
  readonly country: Uint32Array;
  readonly countries: readonly string[];
  readonly phone: Uint32Array;
  readonly phones: readonly string[];
  readonly email: Uint32Array;
  readonly emails: readonly string[];
}

class Interner<T> {
  readonly ids = new Map<string, number>();
  /** Index 0 stands for "missing". */
  readonly values: T[];
  constructor(missing: T) {
    this.values = [missing];
  }
  intern(key: string, make: () => T): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(make());
      this.ids.set(key, id);
    }
    return id;
  }
}

export class RecordTableBuilder {
  private readonly sources = new Map<string, number>();
  private readonly sourceList: string[] = [];
  private readonly source = new GrowableUint32();
  private readonly recordIds: string[] = [];
  private readonly seen = new Set<string>();
  private readonly nameStart = new GrowableUint32();
  private readonly nameIds = new GrowableUint32();
  private readonly names: Interner<PreparedName>;
  private readonly address = new GrowableUint32();
  private readonly addresses = new Interner<readonly string[]>([]);
  private readonly date = new GrowableUint32();
  private readonly identifierStart = new GrowableUint32();
  private readonly identifierIds = new GrowableUint32();
  private readonly identifiers = new Interner<string>('');
  private readonly country = new GrowableUint32();
  private readonly countries = new Interner<string>('');
  private readonly phone = new GrowableUint32();
  private readonly phones = new Interner<string>('');
  private readonly email = new GrowableUint32();
  private readonly emails = new Interner<string>('');

  constructor(private readonly matcher: Matcher) {
    this.names = new Interner<PreparedName>(matcher.prepare('', 'unknown'));
  }

  get size(): number {
    return this.recordIds.length;
  }

  /** Whether a record with this source and id was added already. */
  has(source: string, id: string): boolean {
    return this.seen.has(`${source}\u0000${id}`);
  }

  add(r: RecordInput): number {
    const index = this.recordIds.length;
    let s = this.sources.get(r.source);
    if (s === undefined) {
      s = this.sourceList.length;
      if (s > 0xffff) throw new Error('more than 65,536 sources');
      this.sources.set(r.source, s);
      this.sourceList.push(r.source);
    }
    this.source.push(s);
    this.recordIds.push(r.id);
    this.seen.add(`${r.source}\u0000${r.id}`);
    this.nameStart.push(this.nameIds.length);
    for (const name of r.names) {
      const id = this.names.intern(`${r.nameClass}\u0000${name}`, () => this.matcher.prepare(name, r.nameClass));
      // A name that folds to nothing ("---") says nothing.
      if ((this.names.values[id]?.tokens.length ?? 0) > 0) this.nameIds.push(id);
    }
    const first = r.addresses[0];
    this.address.push(first === undefined || first.length === 0 ? 0 : this.addresses.intern(first, () => first.split(' ')));
    this.date.push(r.dates[0] ?? 0);
    this.identifierStart.push(this.identifierIds.length);
    for (const v of new Set(r.identifiers)) this.identifierIds.push(this.identifiers.intern(v, () => v));
    const single = (into: Interner<string>, v: string | undefined): number =>
      v === undefined || v.length === 0 ? 0 : into.intern(v, () => v);
    this.country.push(single(this.countries, r.countries[0]));
    this.phone.push(single(this.phones, r.phones[0]));
    this.email.push(single(this.emails, r.emails[0]));
    return index;
  }

  build(): RecordTable {
    this.nameStart.push(this.nameIds.length);
    this.identifierStart.push(this.identifierIds.length);
    const source = new Uint16Array(this.source.length);
    source.set(this.source.toArray());
    return {
      size: this.recordIds.length,
      sources: this.sourceList,
      source,
      recordIds: this.recordIds,
      nameStart: this.nameStart.toArray(),
      nameIds: this.nameIds.toArray(),
      names: this.names.values,
      address: this.address.toArray(),
      addresses: this.addresses.values,
      date: this.date.toArray(),
      identifierStart: this.identifierStart.toArray(),
      identifierIds: this.identifierIds.toArray(),
      identifiers: this.identifiers.values,
      country: this.country.toArray(),
      countries: this.countries.values,
      phone: this.phone.toArray(),
      phones: this.phones.values,
      email: this.email.toArray(),
      emails: this.emails.values,
    };
  }
}
