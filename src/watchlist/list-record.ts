import type { Entity } from '../model/index.js';

/** An entity read from a list file, with the file and line it came from (its provenance). */
export interface ListRecord {
  readonly entity: Entity;
  readonly file: string;
  readonly line: number;
}
