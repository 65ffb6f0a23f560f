/** Counts reported by every ingest, per run and per file. */
export interface IngestCounts {
  /** Records read from the source (good and bad). */
  read: number;
  /** Records written: new, or changed since they were last stored. */
  stored: number;
  /** Records already in the store with the same content. */
  unchanged: number;
  /** Records refused, each listed with file, line, field and reason. */
  rejected: number;
}

export const RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * An ingest run. Its id is derived from the dataset, the format and the sha256 of the file's
 * content, so a run killed half-way and started again resumes under the same id: the store
 * then holds exactly what one clean run leaves.
 */
export interface IngestRun {
  readonly id: string;
  readonly dataset: string;
  readonly sourceFile: string;
  readonly format: string;
  readonly fileSha256: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: RunStatus;
  readonly counts: IngestCounts;
}
