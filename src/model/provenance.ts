/** Where a stored fact came from: every row and statement in the store carries one. */
export interface Provenance {
  /** Logical dataset name chosen at ingest (e.g. "cbp-manifests-2026-q3"). */
  readonly dataset: string;
  /** The source file as given on the command line (or "-" for stdin). */
  readonly sourceFile: string;
  /** 1-based line (CSV, JSON lines) or record number of the fact in its source. */
  readonly sourceLine: number;
  /** The ingest run that stored it (see IngestRun). */
  readonly runId: string;
}
