import { createHash } from 'node:crypto';
import type { Entity } from '../model/index.js';

/**
 * Named datasets (watchlists): a dataset is a set of entities replaced as a whole by each load,
 * with a version history. The entities live in the ordinary `entities`/`statements` tables
 * (statements carry the dataset name); `dataset_members` remembers which entities a dataset
 * holds and a hash of each one's content, so a new version can say what was added, removed and
 * changed, and rewrite only those.
 */

/** An entity of a load with where it was read. */
export interface DatasetRecord {
  readonly entity: Entity;
  readonly file: string;
  readonly line: number;
}

export interface DatasetLoad {
  readonly name: string;
  /** "ofac-csv", "un-xml", "ftm", ... */
  readonly format: string;
  /** The path(s) read, for the version history. */
  readonly source: string;
  readonly records: AsyncIterable<DatasetRecord>;
}

export interface DatasetChange {
  readonly name: string;
  readonly version: number;
  readonly runId: string;
  readonly entities: number;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
  readonly unchanged: number;
  readonly loadedAt: string;
}

export interface DatasetVersion {
  readonly name: string;
  readonly version: number;
  readonly format: string;
  readonly source: string;
  readonly entities: number;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly loadedAt: string;
  /** The version the dataset holds now (the latest). */
  readonly current: boolean;
}

export class DatasetError extends Error {
  readonly code = 'CHOKEPOINT_ERR_DATASET';
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

/** Dataset names: short, safe in messages and file names. */
export function checkDatasetName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    throw new DatasetError(`dataset name "${name}": use 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit`);
}

/** A hash of an entity's content (schema and property values, in a canonical order). */
export function entityContentHash(entity: Entity): string {
  const props = Object.keys(entity.properties)
    .sort()
    .map((p) => [p, [...(entity.properties[p] ?? [])].sort()]);
  return createHash('sha1')
    .update(JSON.stringify([entity.schema, props]))
    .digest('hex');
}

/** The run id of a dataset version: statements written by it carry this id. */
export const datasetRunId = (name: string, version: number): string => `dataset:${name}:v${version}`;

export interface VersionRow {
  dataset: string;
  version: number | string;
  format: string;
  source: string;
  entities: number | string;
  added: number | string;
  removed: number | string;
  changed: number | string;
  loaded_at: string;
  current: number | string | boolean;
}

export function decodeVersion(row: VersionRow): DatasetVersion {
  return {
    name: row.dataset,
    version: Number(row.version),
    format: row.format,
    source: row.source,
    entities: Number(row.entities),
    added: Number(row.added),
    removed: Number(row.removed),
    changed: Number(row.changed),
    loadedAt: row.loaded_at,
    current: row.current === true || Number(row.current) === 1,
  };
}

/**
 * Classifies the entities of a load against the dataset's previous members. Pure bookkeeping
 * shared by both adapters: `see` is called per incoming entity and says whether it must be
 * written; `removed` lists the members not seen again.
 */
export class DatasetDiff {
  readonly added: string[] = [];
  readonly changed: string[] = [];
  unchanged = 0;
  private readonly seen = new Map<string, string>();

  constructor(private readonly previous: ReadonlyMap<string, string>) {}

  /** Returns the hash to store when the entity must be (re)written, undefined when unchanged. */
  see(entity: Entity): { hash: string; rewrite: boolean; repeat: boolean } {
    const own = entityContentHash(entity);
    const before = this.seen.get(entity.id);
    if (before !== undefined) {
      // The same id twice in one load (fragments of one entity): both parts are kept, and the
      // member hash covers both, so reloading the same file is still "unchanged".
      const hash = createHash('sha1').update(before).update(own).digest('hex');
      this.seen.set(entity.id, hash);
      return { hash, rewrite: true, repeat: true };
    }
    this.seen.set(entity.id, own);
    const old = this.previous.get(entity.id);
    if (old === undefined) this.added.push(entity.id);
    else if (old !== own) this.changed.push(entity.id);
    else this.unchanged++;
    return { hash: own, rewrite: old !== own, repeat: false };
  }

  /** Final member hashes of entities seen more than once (to fix up after the load). */
  finalHash(id: string): string | undefined {
    return this.seen.get(id);
  }

  get removed(): string[] {
    return [...this.previous.keys()].filter((id) => !this.seen.has(id)).sort();
  }

  get size(): number {
    return this.seen.size;
  }
}
