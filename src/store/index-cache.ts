/**
 * Persisted screening indexes (migration 4): a built screener's payload (see
 * screening/index-codec.ts), kept under a key naming what it covers (e.g. the store's watchlist
 * datasets). A reader reuses a payload only when the dataset versions and policy hash it was built
 * from are the current ones; a new payload for the same key replaces the stale one.
 */
export interface ScreeningIndexRecord {
  readonly key: string;
  /** The datasets and versions the payload was built from, canonical (e.g. `sdn@3,un@1`). */
  readonly datasetVersions: string;
  /** Matching policy stamp plus the screening code fingerprint. */
  readonly policyHash: string;
  readonly createdAt: string;
  readonly payload: Buffer;
}

export const INDEX_CACHE_SQLITE_SQL = `
CREATE TABLE screening_index (
  key TEXT PRIMARY KEY,
  dataset_versions TEXT NOT NULL,
  policy_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  payload BLOB NOT NULL
);
`;

export const INDEX_CACHE_POSTGRES_SQL = `
CREATE TABLE screening_index (
  key TEXT COLLATE "C" PRIMARY KEY,
  dataset_versions TEXT NOT NULL,
  policy_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  payload BYTEA NOT NULL
);
`;

export interface ScreeningIndexRow {
  key: string;
  dataset_versions: string;
  policy_hash: string;
  created_at: string;
  payload: Buffer | Uint8Array;
}

export const decodeScreeningIndexRow = (r: ScreeningIndexRow): ScreeningIndexRecord => ({
  key: r.key,
  datasetVersions: r.dataset_versions,
  policyHash: r.policy_hash,
  createdAt: r.created_at,
  payload: Buffer.isBuffer(r.payload) ? r.payload : Buffer.from(r.payload.buffer, r.payload.byteOffset, r.payload.byteLength),
});
