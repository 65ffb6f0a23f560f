/** A source record refused at ingest, with everything needed to find and fix it. */
export interface Rejection {
  readonly file: string;
  /** 1-based line of the record in the file. */
  readonly line: number;
  /** The column or property at fault, or "(row)" when the record as a whole is. */
  readonly field: string;
  readonly reason: string;
}

export function formatRejection(r: Rejection): string {
  return `${r.file}:${r.line}: ${r.field}: ${r.reason}`;
}

/** Thrown by field parsers; the row mapper turns it into a Rejection. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'FieldError';
  }
}

/**
 * A problem with a whole source (unreadable header, unknown format), not with one record.
 * Carries the file and line so the CLI can name them.
 */
export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'SourceError';
  }
}
