import type { Migration } from '../migration.js';
import { DATASETS_SQLITE_SQL } from '../dataset-migrations.js';
import { RESOLUTION_SQLITE_SQL } from '../resolution.js';
import { INDEX_CACHE_SQLITE_SQL } from '../index-cache.js';

export const SQLITE_MIGRATIONS: readonly Migration[] = [
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
  read_count INTEGER NOT NULL DEFAULT 0,
  stored_count INTEGER NOT NULL DEFAULT 0,
  unchanged_count INTEGER NOT NULL DEFAULT 0,
  rejected_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  schema TEXT NOT NULL,
  schema_depth INTEGER NOT NULL,
  caption TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX entities_schema ON entities (schema);

-- Clustered by entity: one B-tree serves both uniqueness and "all statements of an entity",
-- where a hashed statement id would need two more, each written at random places.
CREATE TABLE statements (
  entity_id TEXT NOT NULL,
  prop TEXT NOT NULL,
  value TEXT NOT NULL,
  dataset TEXT NOT NULL,
  schema TEXT NOT NULL,
  prop_type TEXT NOT NULL,
  source_file TEXT NOT NULL,
  source_line INTEGER NOT NULL,
  run_id TEXT NOT NULL,
  PRIMARY KEY (entity_id, prop, value, dataset)
) WITHOUT ROWID;
CREATE INDEX statements_entity_links ON statements (value) WHERE prop_type = 'entity';

CREATE TABLE shipments (
  id TEXT PRIMARY KEY,
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
  quantity REAL,
  quantity_unit TEXT,
  gross_weight_kg REAL,
  declared_value_usd REAL,
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
  source_line INTEGER NOT NULL,
  run_id TEXT NOT NULL
);
CREATE INDEX shipments_arrival ON shipments (arrival_date);
CREATE INDEX shipments_shipper ON shipments (shipper_entity_id);
CREATE INDEX shipments_consignee ON shipments (consignee_entity_id);

CREATE TABLE transactions (
  id TEXT PRIMARY KEY,
  source_id TEXT,
  ts INTEGER NOT NULL,
  debtor_account TEXT NOT NULL,
  debtor_name TEXT,
  debtor_bank TEXT,
  debtor_country TEXT,
  creditor_account TEXT NOT NULL,
  creditor_name TEXT,
  creditor_bank TEXT,
  creditor_country TEXT,
  amount REAL NOT NULL,
  currency TEXT NOT NULL,
  amount_usd REAL,
  channel TEXT,
  purpose TEXT,
  debtor_account_entity_id TEXT NOT NULL,
  creditor_account_entity_id TEXT NOT NULL,
  truth_laundering INTEGER,
  truth_scheme TEXT,
  dataset TEXT NOT NULL,
  source_file TEXT NOT NULL,
  source_line INTEGER NOT NULL,
  run_id TEXT NOT NULL
);

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  detector_id TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  score REAL NOT NULL,
  level TEXT NOT NULL,
  reasons TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX alerts_queue ON alerts (status, level, detector_id);
CREATE INDEX alerts_subject ON alerts (subject_kind, subject_id);
`,
  },
  { version: 2, name: 'datasets', sql: DATASETS_SQLITE_SQL },
  { version: 3, name: 'resolution', sql: RESOLUTION_SQLITE_SQL },
  { version: 4, name: 'screening-index', sql: INDEX_CACHE_SQLITE_SQL },
];
