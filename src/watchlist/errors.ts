import { SourceError } from '../ingest/index.js';

/** A list file that cannot be read as its format says: names the file, line and field at fault. */
export class WatchlistFormatError extends SourceError {
  readonly code = 'CHOKEPOINT_ERR_WATCHLIST_FORMAT';
  constructor(
    file: string,
    line: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(file, line, `${field}: ${reason}`);
    this.name = 'WatchlistFormatError';
  }
}
