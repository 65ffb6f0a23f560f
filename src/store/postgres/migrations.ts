import type { Migration } from '../migration.js';
import { DATASETS_POSTGRES_SQL } from '../dataset-migrations.js';
import { RESOLUTION_POSTGRES_SQL } from '../resolution.js';
import { INDEX_CACHE_POSTGRES_SQL } from '../index-cache.js';

/**
 * The same tables, columns and indexes as `../sqlite/migrations.ts`, in PostgreSQL types:
 * REAL becomes DOUBLE PRECISION (SQLite's REAL is 8 bytes), timestamps, line numbers and
 * counts become BIGINT. The primary keys of the tables that are streamed in id order use the
 * "C" collation, so their index already holds SQLite's byte order and keyset pagination
 * (`ORDER BY id COLLATE "C"`) reads it without sorting, whatever the database's collation.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'foundation',
    sql: `
CREATE TABLE ingest_runs (
  id TEXT PRIMARY KEY,
  dataset TEXT NOT NULL,
  source_file TEXT NOT NULL,
  format TEXT NOT NULL,
  file_sha256 TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  read_count BIGINT NOT NULL DEFAULT 0,
  stored_count BIGINT NOT NULL DEFAULT 0,
  unchanged_count BIGINT NOT NULL DEFAULT 0,
  rejected_count BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE entities (
  id TEXT COLLATE "C" PRIMARY KEY,
  schema TEXT NOT NULL,
  schema_depth INTEGER NOT NULL,
  caption TEXT NOT NULL
);
CREATE INDEX entities_schema ON entities (schema);

CREATE TABLE statements (
  id TEXT PRIMARY KEY,
  entity_id TEXT NOT NULL,
  schema TEXT NOT NULL,
  prop TEXT NOT NULL,
  prop_type TEXT NOT NULL,
  value TEXT NOT NULL,
  dataset TEXT NOT NULL,
  source_file TEXT NOT NULL,
  source_line BIGINT NOT NULL,
  run_id TEXT NOT NULL
);
CREATE INDEX statements_entity ON statements (entity_id);
CREATE INDEX statements_entity_links ON statements (value) WHERE prop_type = 'entity';

CREATE TABLE shipments (
  id TEXT COLLATE "C" PRIMARY KEY,
  source_id TEXT,
  house_bill TEXT,
  master_bill TEXT,
  arrival_date TEXT,
  mode TEXT,
  entry_type TEXT,
  origin_country TEXT,
  export_country TEXT,
  transit_countries TEXT,
  port_of_lading TEXT,
  port_of_entry TEXT,
  shipper_name TEXT,
  shipper_address TEXT,
  shipper_country TEXT,
  shipper_phone TEXT,
  shipper_email TEXT,
  seller_name TEXT,
  consignee_name TEXT,
  consignee_address TEXT,
  consignee_country TEXT,
  final_recipient_name TEXT,
  final_recipient_address TEXT,
  final_recipient_country TEXT,
  description TEXT,
  hs_code TEXT,
  quantity DOUBLE PRECISION,
  quantity_unit TEXT,
  gross_weight_kg DOUBLE PRECISION,
  declared_value_usd DOUBLE PRECISION,
  carrier TEXT,
  marketplace TEXT,
  dea_transaction_id TEXT,
  shipper_entity_id TEXT,
  seller_entity_id TEXT,
  consignee_entity_id TEXT,
  final_recipient_entity_id TEXT,
  attributes TEXT,
  dataset TEXT NOT NULL,
  source_file TEXT NOT NULL,
  source_line BIGINT NOT NULL,
  run_id TEXT NOT NULL
);
CREATE INDEX shipments_arrival ON shipments (arrival_date);
CREATE INDEX shipments_shipper ON shipments (shipper_entity_id);
CREATE INDEX shipments_consignee ON shipments (consignee_entity_id);

CREATE TABLE transactions (
  id TEXT COLLATE "C" PRIMARY KEY,
  source_id TEXT,
  ts BIGINT NOT NULL,
  debtor_account TEXT NOT NULL,
  debtor_name TEXT,
  debtor_bank TEXT,
  debtor_country TEXT,
  creditor_account TEXT NOT NULL,
  creditor_name TEXT,
  creditor_bank TEXT,
  creditor_country TEXT,
  amount DOUBLE PRECISION NOT NULL,
  currency TEXT NOT NULL,
  amount_usd DOUBLE PRECISION,
  channel TEXT,
  purpose TEXT,
  debtor_account_entity_id TEXT NOT NULL,
  creditor_account_entity_id TEXT NOT NULL,
  truth_laundering INTEGER,
  truth_scheme TEXT,
  dataset TEXT NOT NULL,
  source_file TEXT NOT NULL,
  source_line BIGINT NOT NULL,
  run_id TEXT NOT NULL
);

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  detector_id TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  level TEXT NOT NULL,
  reasons TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX alerts_queue ON alerts (status, level, detector_id);
CREATE INDEX alerts_subject ON alerts (subject_kind, subject_id);
`,
  },
  { version: 2, name: 'datasets', sql: DATASETS_POSTGRES_SQL },
  { version: 3, name: 'resolution', sql: RESOLUTION_POSTGRES_SQL },
  { version: 4, name: 'screening-index', sql: INDEX_CACHE_POSTGRES_SQL },
];
