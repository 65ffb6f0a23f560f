import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Alert, Entity, IngestCounts, IngestRun, RunStatus, Shipment, Transaction } from '../../model/index.js';
import { assertMigrationOrder } from '../migration.js';
import {
  alertRow,
  assembleEntity,
  assemblePage,
  decodeAlert,
  decodeRun,
  decodeStatement,
  entityRow,
  statementRows,
  type AlertRow,
  type RunRow,
  type StatementRow,
} from '../rows.js';
import type { AlertFilter, BatchOutcome, EntityLink, RecordBatch, StartRun, Store, StoreStats, StoredEntity } from '../store.js';
import {
  SHIPMENT_TABLE,
  TRANSACTION_TABLE,
  alertConditions,
  columnNames,
  decodeRow,
  encodeRow,
  upsertSql,
  writeCounts,
} from '../tables.js';
import type { DatasetChange, DatasetLoad, DatasetVersion } from '../datasets.js';
import { SqliteDatasets } from './datasets.js';
import type { ClusterMember, ResolutionDecision, ResolutionRun, ResolutionWrite } from '../resolution.js';
import { SqliteResolution } from './resolution.js';
import { decodeScreeningIndexRow, type ScreeningIndexRecord, type ScreeningIndexRow } from '../index-cache.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

const PAGE = 1000;

/** A copy sorted by id; stable, so of two records with one id the later still wins. */
function byId<T>(records: readonly T[], id: (r: T) => string): T[] {
  return [...records].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}

/** The shared upsert with one `?` per column. */
function sqliteUpsert<T>(table: string, spec: Parameters<typeof upsertSql<T>>[1]): string {
  const placeholders = columnNames(spec).map(() => '?');
  return upsertSql(table, spec, { values: `VALUES (${placeholders.join(', ')})`, distinct: 'IS NOT' });
}

/** The embedded store: one SQLite file through better-sqlite3, in WAL mode. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly location: string;
  private readonly db: Database.Database;
  private readonly insertShipment: Database.Statement;
  private readonly insertTransaction: Database.Statement;
  private readonly upsertEntity: Database.Statement;
  private readonly insertStatement: Database.Statement;
  private readonly writeAll: (batch: RecordBatch) => BatchOutcome;
  private readonly datasets: SqliteDatasets;
  private readonly resolution: SqliteResolution;

  constructor(path: string) {
    this.location = path;
    // A new store may name a folder that does not exist yet (e.g. --db data/chokepoint.db).
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // WAL keeps readers off the writer's back; NORMAL sync is still safe against a killed
    // process (only a power loss can drop the last commits, never half of one).
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // Content-derived ids land at random places in the primary-key indexes: a large page cache
    // keeps those B-trees in memory during bulk loads (negative = KiB).
    this.db.pragma('cache_size = -262144');
    this.db.pragma('temp_store = MEMORY');
    // Checkpoint rarely (every ~400 MB of WAL): random-key bulk loads rewrite the same pages
    // many times over, and each checkpoint copies them back with an fsync. After a checkpoint
    // the WAL file is cut back to 64 MB so it does not keep its peak size on disk.
    this.db.pragma('wal_autocheckpoint = 100000');
    this.db.pragma('journal_size_limit = 67108864');
    this.migrate();
    this.insertShipment = this.db.prepare(sqliteUpsert('shipments', SHIPMENT_TABLE));
    this.insertTransaction = this.db.prepare(sqliteUpsert('transactions', TRANSACTION_TABLE));
    this.upsertEntity = this.db.prepare(
      `INSERT INTO entities (id, schema, schema_depth, caption) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET schema = excluded.schema, schema_depth = excluded.schema_depth,
         caption = excluded.caption
       WHERE excluded.schema_depth > entities.schema_depth`,
    );
    // The statement's hashed id (first value of a statement row) is PostgreSQL's key; here the
    // natural key (entity_id, prop, value, dataset) is the primary key, so the id is not stored.
    this.insertStatement = this.db.prepare(
      `INSERT INTO statements (entity_id, schema, prop, prop_type, value, dataset, source_file, source_line, run_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entity_id, prop, value, dataset) DO NOTHING`,
    );
    this.writeAll = this.db.transaction((batch: RecordBatch) => this.writeInTransaction(batch));
    this.datasets = new SqliteDatasets(this.db);
    this.resolution = new SqliteResolution(this.db);
  }

  private migrate(): void {
    assertMigrationOrder(SQLITE_MIGRATIONS);
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied = this.db.prepare('SELECT version FROM schema_migrations WHERE version = ?');
    const record = this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of SQLITE_MIGRATIONS) {
      // IMMEDIATE takes the write lock first, so two processes opening a new file at once
      // cannot both apply the same migration.
      this.db
        .transaction(() => {
          if (applied.get(m.version) !== undefined) return;
          this.db.exec(m.sql);
          record.run(m.version, m.name, new Date().toISOString());
        })
        .immediate();
    }
  }

  async schemaVersion(): Promise<number> {
    const row = this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number };
    return row.v;
  }

  async startRun(run: StartRun): Promise<IngestRun> {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO ingest_runs (id, dataset, source_file, format, file_sha256, started_at, status)
         VALUES (?, ?, ?, ?, ?, ?, 'running')
         ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, finished_at = NULL, status = 'running'`,
      )
      .run(run.id, run.dataset, run.sourceFile, run.format, run.fileSha256, now);
    const started = await this.getRun(run.id);
    if (started === undefined) throw new Error(`ingest run ${run.id} vanished after it was written`);
    return started;
  }

  async finishRun(id: string, status: RunStatus, counts: IngestCounts): Promise<void> {
    this.db
      .prepare(
        `UPDATE ingest_runs SET status = ?, finished_at = ?, read_count = ?, stored_count = ?,
           unchanged_count = ?, rejected_count = ? WHERE id = ?`,
      )
      .run(status, new Date().toISOString(), counts.read, counts.stored, counts.unchanged, counts.rejected, id);
  }

  async getRun(id: string): Promise<IngestRun | undefined> {
    const row = this.db.prepare('SELECT * FROM ingest_runs WHERE id = ?').get(id) as RunRow | undefined;
    return row && decodeRun(row);
  }

  async listRuns(): Promise<IngestRun[]> {
    const rows = this.db.prepare('SELECT * FROM ingest_runs ORDER BY started_at, id').all() as RunRow[];
    return rows.map(decodeRun);
  }

  async writeBatch(batch: RecordBatch): Promise<BatchOutcome> {
    return this.writeAll(batch);
  }

  private writeInTransaction(batch: RecordBatch): BatchOutcome {
    // Ids are content hashes, so rows land all over the primary-key B-trees; writing them in id
    // order visits each index page once per batch instead of once per row.
    const changed = new Uint8Array(batch.entities.length);
    const order = batch.entities.map((record, index) => ({ record, index }));
    for (const { record, index } of byId(order, (e) => e.record.entity.id)) {
      if (this.upsertEntity.run(entityRow(record.entity)).changes > 0) changed[index] = 1;
    }
    const statements = batch.entities.flatMap((record, index) => statementRows(record).map((row) => ({ row, index })));
    for (const { row, index } of byId(statements, (s) => String(s.row[1]))) {
      if (this.insertStatement.run(row.slice(1)).changes > 0) changed[index] = 1;
    }
    const entities = changed.reduce((n, c) => n + c, 0);
    let shipments = 0;
    for (const { shipment, provenance } of byId(batch.shipments, (r) => r.shipment.id)) {
      shipments += this.insertShipment.run(encodeRow(SHIPMENT_TABLE, shipment, provenance)).changes;
    }
    let transactions = 0;
    for (const { transaction, provenance } of byId(batch.transactions, (r) => r.transaction.id)) {
      transactions += this.insertTransaction.run(encodeRow(TRANSACTION_TABLE, transaction, provenance)).changes;
    }
    return {
      entities: writeCounts(entities, batch.entities.length),
      shipments: writeCounts(shipments, batch.shipments.length),
      transactions: writeCounts(transactions, batch.transactions.length),
    };
  }

  async getEntity(id: string): Promise<StoredEntity | undefined> {
    const head = this.db.prepare('SELECT schema FROM entities WHERE id = ?').get(id) as { schema: string } | undefined;
    if (head === undefined) return undefined;
    const rows = this.db
      .prepare('SELECT * FROM statements WHERE entity_id = ? ORDER BY prop, value, dataset')
      .all(id) as StatementRow[];
    const statements = rows.map(decodeStatement);
    return { entity: assembleEntity(id, head.schema, statements), statements };
  }

  async getShipment(id: string): Promise<Shipment | undefined> {
    const row = this.db.prepare('SELECT * FROM shipments WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row && decodeRow(SHIPMENT_TABLE, row);
  }

  async getTransaction(id: string): Promise<Transaction | undefined> {
    const row = this.db.prepare('SELECT * FROM transactions WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row && decodeRow(TRANSACTION_TABLE, row);
  }

  async links(entityId: string): Promise<EntityLink[]> {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT entity_id, schema, prop, value FROM statements
         WHERE prop_type = 'entity' AND (entity_id = ? OR value = ?)
         ORDER BY entity_id, prop, value`,
      )
      .all(entityId, entityId) as { entity_id: string; schema: string; prop: string; value: string }[];
    return rows.map((r) => ({ fromId: r.entity_id, fromSchema: r.schema, prop: r.prop, toId: r.value }));
  }

  async *iterateEntities(): AsyncIterable<Entity> {
    const page = this.db.prepare('SELECT id, schema FROM entities WHERE id > ? ORDER BY id LIMIT ?');
    const props = this.db.prepare(
      `SELECT entity_id, prop, value FROM statements WHERE entity_id IN (SELECT value FROM json_each(?))
       ORDER BY entity_id, prop, value`,
    );
    let after = '';
    for (;;) {
      const heads = page.all(after, PAGE) as { id: string; schema: string }[];
      if (heads.length === 0) return;
      const all = props.all(JSON.stringify(heads.map((h) => h.id))) as { entity_id: string; prop: string; value: string }[];
      yield* assemblePage(heads, all);
      after = heads[heads.length - 1]!.id;
    }
  }

  async *iterateShipments(): AsyncIterable<Shipment> {
    yield* this.iterateTable('shipments', (row) => decodeRow(SHIPMENT_TABLE, row));
  }

  async *iterateTransactions(): AsyncIterable<Transaction> {
    yield* this.iterateTable('transactions', (row) => decodeRow(TRANSACTION_TABLE, row));
  }

  private *iterateTable<T>(table: string, decode: (row: Record<string, unknown>) => T): Iterable<T> {
    const page = this.db.prepare(`SELECT * FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`);
    let after = '';
    for (;;) {
      const rows = page.all(after, PAGE) as Record<string, unknown>[];
      if (rows.length === 0) return;
      for (const row of rows) yield decode(row);
      after = String(rows[rows.length - 1]!['id']);
    }
  }

  async writeAlerts(alerts: readonly Alert[]): Promise<number> {
    const insert = this.db.prepare(
      `INSERT INTO alerts (id, detector_id, subject_kind, subject_id, score, level, reasons, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
    return this.db.transaction(() => alerts.reduce((n, a) => n + insert.run(alertRow(a)).changes, 0))();
  }

  async listAlerts(filter: AlertFilter = {}): Promise<Alert[]> {
    const conditions = alertConditions(filter);
    const where = conditions.map(([column]) => `${column} = ?`);
    const params = conditions.map(([, value]) => value);
    const sql =
      `SELECT * FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` +
      `ORDER BY score DESC, created_at DESC, id LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, filter.limit ?? 100) as AlertRow[];
    return rows.map(decodeAlert);
  }

  async replaceDataset(load: DatasetLoad): Promise<DatasetChange> {
    return this.datasets.replace(load);
  }

  async listDatasets(): Promise<DatasetVersion[]> {
    return this.datasets.list();
  }

  async *iterateDataset(name: string): AsyncIterable<Entity> {
    yield* this.datasets.iterate(name);
  }

  async replaceResolution(write: ResolutionWrite): Promise<void> {
    this.resolution.replace(write);
  }

  async getResolutionRun(): Promise<ResolutionRun | undefined> {
    return this.resolution.run();
  }

  async *iterateClusterMembers(): AsyncIterable<ClusterMember> {
    yield* this.resolution.members();
  }

  async addResolutionDecision(decision: ResolutionDecision): Promise<void> {
    this.resolution.addDecision(decision);
  }

  async listResolutionDecisions(): Promise<ResolutionDecision[]> {
    return this.resolution.decisions();
  }

  async getScreeningIndex(key: string): Promise<ScreeningIndexRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM screening_index WHERE key = ?').get(key) as ScreeningIndexRow | undefined;
    return row === undefined ? undefined : decodeScreeningIndexRow(row);
  }

  async putScreeningIndex(r: ScreeningIndexRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO screening_index (key, dataset_versions, policy_hash, created_at, payload) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET dataset_versions = excluded.dataset_versions, policy_hash = excluded.policy_hash,
           created_at = excluded.created_at, payload = excluded.payload`,
      )
      .run(r.key, r.datasetVersions, r.policyHash, r.createdAt, r.payload);
  }

  async stats(): Promise<StoreStats> {
    const count = (table: string): number => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const bySchema = this.db.prepare('SELECT schema, COUNT(*) AS n FROM entities GROUP BY schema ORDER BY schema').all() as {
      schema: string;
      n: number;
    }[];
    const datasets = this.db.prepare('SELECT DISTINCT dataset FROM ingest_runs ORDER BY dataset').all() as {
      dataset: string;
    }[];
    return {
      entities: count('entities'),
      entitiesBySchema: Object.fromEntries(bySchema.map((r) => [r.schema, r.n])),
      statements: count('statements'),
      shipments: count('shipments'),
      transactions: count('transactions'),
      alerts: count('alerts'),
      runs: count('ingest_runs'),
      datasets: datasets.map((d) => d.dataset),
    };
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
