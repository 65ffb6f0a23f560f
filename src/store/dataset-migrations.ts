/**
 * Migration 2 (named datasets), in both dialects. Kept apart from migrations.ts so the
 * dataset tables are defined in one place; released migrations never change.
 */
export const DATASETS_SQLITE_SQL = `
CREATE TABLE dataset_versions (
  dataset TEXT NOT NULL,
  version INTEGER NOT NULL,
  format TEXT NOT NULL,
  source TEXT NOT NULL,
  entities INTEGER NOT NULL,
  added INTEGER NOT NULL,
  removed INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  loaded_at TEXT NOT NULL,
  PRIMARY KEY (dataset, version)
);
CREATE TABLE dataset_members (
  dataset TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  PRIMARY KEY (dataset, entity_id)
) WITHOUT ROWID;
`;

export const DATASETS_POSTGRES_SQL = `
CREATE TABLE dataset_versions (
  dataset TEXT COLLATE "C" NOT NULL,
  version INTEGER NOT NULL,
  format TEXT NOT NULL,
  source TEXT NOT NULL,
  entities BIGINT NOT NULL,
  added BIGINT NOT NULL,
  removed BIGINT NOT NULL,
  changed BIGINT NOT NULL,
  loaded_at TEXT NOT NULL,
  PRIMARY KEY (dataset, version)
);
CREATE TABLE dataset_members (
  dataset TEXT COLLATE "C" NOT NULL,
  entity_id TEXT COLLATE "C" NOT NULL,
  content_hash TEXT NOT NULL,
  PRIMARY KEY (dataset, entity_id)
);
`;
