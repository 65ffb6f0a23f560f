import pg from 'pg';
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
  PROVENANCE_COLUMNS,
  SHIPMENT_TABLE,
  TRANSACTION_TABLE,
  alertConditions,
  upsertSql,
  decodeRow,
  encodeRow,
  writeCounts,
} from '../tables.js';
import type { DatasetChange, DatasetLoad, DatasetVersion } from '../datasets.js';
import { PostgresDatasets } from './datasets.js';
import type { ClusterMember, ResolutionDecision, ResolutionRun, ResolutionWrite } from '../resolution.js';
import { PostgresResolution } from './resolution.js';
import { decodeScreeningIndexRow, type ScreeningIndexRecord, type ScreeningIndexRow } from '../index-cache.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';

/** Rows per page when streaming a table. */
const PAGE = 1000;
/** Rows per INSERT statement; a batch larger than this is written in several statements. */
const CHUNK = 5000;
/** Advisory lock key held while migrating ("chkp"), so processes starting together take turns. */
const MIGRATION_LOCK = 0x63686b70;

/** SQLite compares text bytewise; PostgreSQL does when told to use the "C" collation. */
const C = 'COLLATE "C"';

type FactSpec = (typeof SHIPMENT_TABLE)[number] | (typeof TRANSACTION_TABLE)[number];
type Row = readonly unknown[];

/** The array type each column is sent as: one array parameter per column, unpacked by `unnest`. */
function factTypes(spec: readonly FactSpec[]): string[] {
  const own = spec.map((c) => (c.kind === 'real' ? 'float8' : c.kind === 'integer' ? 'int8' : 'text'));
  return [...own, ...PROVENANCE_COLUMNS.map((c) => (c === 'source_line' ? 'int8' : 'text'))];
}

function unnest(types: readonly string[], offset = 0): string {
  return `unnest(${types.map((t, i) => `$${offset + i + 1}::${t}[]`).join(', ')})`;
}

const SHIPMENT_TYPES = factTypes(SHIPMENT_TABLE);
const TRANSACTION_TYPES = factTypes(TRANSACTION_TABLE);
const SHIPMENT_UPSERT = upsertSql('shipments', SHIPMENT_TABLE, {
  values: `SELECT * FROM ${unnest(SHIPMENT_TYPES)}`,
  distinct: 'IS DISTINCT FROM',
});
const TRANSACTION_UPSERT = upsertSql('transactions', TRANSACTION_TABLE, {
  values: `SELECT * FROM ${unnest(TRANSACTION_TYPES)}`,
  distinct: 'IS DISTINCT FROM',
});

const ENTITY_TYPES = ['text', 'text', 'int4', 'text'];
const STATEMENT_TYPES = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int8', 'text'];
/**
 * Entities and their statements in one statement. Returns how many entity ids had their row or
 * any statement written: the ids of one round are distinct, so that is the count of stored records.
 */
const ENTITY_UPSERT = `
WITH e AS (
  INSERT INTO entities AS t (id, schema, schema_depth, caption)
  SELECT * FROM ${unnest(ENTITY_TYPES)}
  ON CONFLICT (id) DO UPDATE SET schema = excluded.schema, schema_depth = excluded.schema_depth,
    caption = excluded.caption
  WHERE excluded.schema_depth > t.schema_depth
  RETURNING id
), s AS (
  INSERT INTO statements (id, entity_id, schema, prop, prop_type, value, dataset, source_file, source_line, run_id)
  SELECT * FROM ${unnest(STATEMENT_TYPES, ENTITY_TYPES.length)}
  ON CONFLICT (id) DO NOTHING
  RETURNING entity_id
)
SELECT count(*) AS n FROM (SELECT id ${C} AS id FROM e UNION SELECT entity_id ${C} FROM s) AS changed`;

const ALERT_TYPES = ['text', 'text', 'text', 'text', 'float8', 'text', 'text', 'text', 'text'];
const ALERT_INSERT =
  `INSERT INTO alerts (id, detector_id, subject_kind, subject_id, score, level, reasons, status, created_at) ` +
  `SELECT * FROM ${unnest(ALERT_TYPES)} ON CONFLICT (id) DO NOTHING`;

/** Rows to the column arrays `unnest` takes. */
function columnsOf(rows: readonly Row[], width: number): unknown[][] {
  const columns: unknown[][] = Array.from({ length: width }, () => new Array<unknown>(rows.length));
  rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) columns[c]![r] = row[c] ?? null;
  });
  return columns;
}

/**
 * Splits items into rounds: the first occurrence of every key, then the second, and so on.
 * SQLite writes a batch record by record; a multi-row upsert cannot touch one row twice, so a
 * key repeated within a batch is written in a later statement, after its earlier occurrence,
 * which gives the same rows and counts as writing one by one. Within a round items are sorted
 * by key, so concurrent writers lock rows in the same order.
 */
function rounds<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const seen = new Map<string, number>();
  const out: T[][] = [];
  for (const item of items) {
    const k = key(item);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    (out[n] ??= []).push(item);
  }
  for (const round of out) round.sort((a, b) => compare(key(a), key(b)));
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The URL with any password (in the user info or a `password` parameter) removed. */
export function withoutPassword(url: string): string {
  let out = url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(out);
  if (scheme) {
    const start = scheme[0].length;
    const rest = out.slice(start);
    const end = rest.search(/[/?#]/);
    const authority = end === -1 ? rest : rest.slice(0, end);
    const at = authority.lastIndexOf('@');
    if (at !== -1) {
      const user = authority.slice(0, at).split(':')[0] ?? '';
      const host = authority.slice(at + 1);
      out = out.slice(0, start) + (user ? `${user}@` : '') + host + rest.slice(authority.length);
    }
  }
  const q = out.indexOf('?');
  if (q !== -1) {
    const hash = out.indexOf('#', q);
    const query = out.slice(q + 1, hash === -1 ? undefined : hash);
    const kept = query.split('&').filter((p) => {
      const name = p.split('=')[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // keep the raw name
      }
      return decoded.toLowerCase() !== 'password';
    });
    out = out.slice(0, q) + (kept.length ? `?${kept.join('&')}` : '') + (hash === -1 ? '' : out.slice(hash));
  }
  return out;
}

/** Runs `work` in one transaction on one pooled connection; rolls back when it throws. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The connection is unusable: drop it from the pool rather than hand it out again.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

async function migrate(pool: pg.Pool): Promise<void> {
  assertMigrationOrder(POSTGRES_MIGRATIONS);
  await inTransaction(pool, async (client) => {
    // Held until commit: a second process starting at the same moment waits here, then finds
    // every migration applied.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => Number(r.version)));
    for (const m of POSTGRES_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    }
  });
}

/** The server store: PostgreSQL through a `pg` connection pool. */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly location: string;
  private readonly pool: pg.Pool;
  private readonly datasets: PostgresDatasets;
  private readonly resolution: PostgresResolution;
  private closed = false;

  private constructor(pool: pg.Pool, location: string) {
    this.pool = pool;
    this.location = location;
    this.datasets = new PostgresDatasets(pool);
    this.resolution = new PostgresResolution(pool);
  }

  /** Connects, applies pending migrations and returns the store. */
  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url });
    // An idle pooled connection that dies (server restart, terminated backend) is discarded by
    // the pool, and the next query opens a new one; without a listener the event would crash
    // the process.
    pool.on('error', () => undefined);
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool, withoutPassword(url));
  }

  async schemaVersion(): Promise<number> {
    const { rows } = await this.pool.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    return Number(rows[0]?.v ?? 0);
  }

  async startRun(run: StartRun): Promise<IngestRun> {
    await this.pool.query(
      `INSERT INTO ingest_runs (id, dataset, source_file, format, file_sha256, started_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'running')
       ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, finished_at = NULL, status = 'running'`,
      [run.id, run.dataset, run.sourceFile, run.format, run.fileSha256, new Date().toISOString()],
    );
    const started = await this.getRun(run.id);
    if (started === undefined) throw new Error(`ingest run ${run.id} vanished after it was written`);
    return started;
  }

  async finishRun(id: string, status: RunStatus, counts: IngestCounts): Promise<void> {
    await this.pool.query(
      `UPDATE ingest_runs SET status = $1, finished_at = $2, read_count = $3, stored_count = $4,
         unchanged_count = $5, rejected_count = $6 WHERE id = $7`,
      [status, new Date().toISOString(), counts.read, counts.stored, counts.unchanged, counts.rejected, id],
    );
  }

  async getRun(id: string): Promise<IngestRun | undefined> {
    const { rows } = await this.pool.query<RunRow>('SELECT * FROM ingest_runs WHERE id = $1', [id]);
    return rows[0] && decodeRun(rows[0]);
  }

  async listRuns(): Promise<IngestRun[]> {
    const { rows } = await this.pool.query<RunRow>(`SELECT * FROM ingest_runs ORDER BY started_at ${C}, id ${C}`);
    return rows.map(decodeRun);
  }

  async writeBatch(batch: RecordBatch): Promise<BatchOutcome> {
    return inTransaction(this.pool, async (client) => {
      const entities = await this.writeEntities(client, batch);
      const shipments = await this.upsertFacts(
        client,
        SHIPMENT_UPSERT,
        SHIPMENT_TYPES.length,
        batch.shipments.map((r) => encodeRow(SHIPMENT_TABLE, r.shipment, r.provenance)),
      );
      const transactions = await this.upsertFacts(
        client,
        TRANSACTION_UPSERT,
        TRANSACTION_TYPES.length,
        batch.transactions.map((r) => encodeRow(TRANSACTION_TABLE, r.transaction, r.provenance)),
      );
      return {
        entities: writeCounts(entities, batch.entities.length),
        shipments: writeCounts(shipments, batch.shipments.length),
        transactions: writeCounts(transactions, batch.transactions.length),
      };
    });
  }

  private async writeEntities(client: pg.PoolClient, batch: RecordBatch): Promise<number> {
    const records = batch.entities.map((r) => ({ id: r.entity.id, row: entityRow(r.entity), statements: statementRows(r) }));
    let stored = 0;
    for (const round of rounds(records, (r) => r.id)) {
      for (const chunk of chunks(round)) {
        // A record may list one value twice; its statements are identical, so keep one.
        const byId = new Map<string, Row>();
        for (const r of chunk) for (const s of r.statements) byId.set(String(s[0]), s);
        const statements = [...byId.entries()].sort(([a], [b]) => compare(a, b)).map(([, s]) => s);
        const { rows } = await client.query<{ n: string }>(ENTITY_UPSERT, [
          ...columnsOf(
            chunk.map((r) => r.row),
            ENTITY_TYPES.length,
          ),
          ...columnsOf(statements, STATEMENT_TYPES.length),
        ]);
        stored += Number(rows[0]?.n ?? 0);
      }
    }
    return stored;
  }

  private async upsertFacts(client: pg.PoolClient, sql: string, width: number, rows: readonly Row[]): Promise<number> {
    let stored = 0;
    for (const round of rounds(rows, (r) => String(r[0]))) {
      for (const chunk of chunks(round)) {
        const result = await client.query(sql, columnsOf(chunk, width));
        stored += result.rowCount ?? 0;
      }
    }
    return stored;
  }

  async getEntity(id: string): Promise<StoredEntity | undefined> {
    const head = await this.pool.query<{ schema: string }>('SELECT schema FROM entities WHERE id = $1', [id]);
    const schema = head.rows[0]?.schema;
    if (schema === undefined) return undefined;
    const { rows } = await this.pool.query<StatementRow>(
      `SELECT * FROM statements WHERE entity_id = $1 ORDER BY prop ${C}, value ${C}, dataset ${C}`,
      [id],
    );
    const statements = rows.map(decodeStatement);
    return { entity: assembleEntity(id, schema, statements), statements };
  }

  async getShipment(id: string): Promise<Shipment | undefined> {
    const { rows } = await this.pool.query<Record<string, unknown>>('SELECT * FROM shipments WHERE id = $1', [id]);
    return rows[0] && decodeRow(SHIPMENT_TABLE, rows[0]);
  }

  async getTransaction(id: string): Promise<Transaction | undefined> {
    const { rows } = await this.pool.query<Record<string, unknown>>('SELECT * FROM transactions WHERE id = $1', [id]);
    return rows[0] && decodeRow(TRANSACTION_TABLE, rows[0]);
  }

  async links(entityId: string): Promise<EntityLink[]> {
    // GROUP BY rather than DISTINCT: PostgreSQL only sorts a DISTINCT result by its own columns,
    // not by those columns under another collation.
    const { rows } = await this.pool.query<{ entity_id: string; schema: string; prop: string; value: string }>(
      `SELECT entity_id, schema, prop, value FROM statements
       WHERE prop_type = 'entity' AND (entity_id = $1 OR value = $1)
       GROUP BY entity_id, schema, prop, value
       ORDER BY entity_id ${C}, prop ${C}, value ${C}`,
      [entityId],
    );
    return rows.map((r) => ({ fromId: r.entity_id, fromSchema: r.schema, prop: r.prop, toId: r.value }));
  }

  async *iterateEntities(): AsyncIterable<Entity> {
    let after = '';
    for (;;) {
      const { rows: heads } = await this.pool.query<{ id: string; schema: string }>(
        `SELECT id, schema FROM entities WHERE id > $1 ${C} ORDER BY id ${C} LIMIT ${PAGE}`,
        [after],
      );
      if (heads.length === 0) return;
      const { rows: all } = await this.pool.query<{ entity_id: string; prop: string; value: string }>(
        `SELECT entity_id, prop, value FROM statements WHERE entity_id = ANY($1::text[])
         ORDER BY entity_id ${C}, prop ${C}, value ${C}`,
        [heads.map((h) => h.id)],
      );
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

  private async *iterateTable<T>(table: string, decode: (row: Record<string, unknown>) => T): AsyncIterable<T> {
    const sql = `SELECT * FROM ${table} WHERE id > $1 ${C} ORDER BY id ${C} LIMIT ${PAGE}`;
    let after = '';
    for (;;) {
      const { rows } = await this.pool.query<Record<string, unknown>>(sql, [after]);
      if (rows.length === 0) return;
      for (const row of rows) yield decode(row);
      after = String(rows[rows.length - 1]!['id']);
    }
  }

  async writeAlerts(alerts: readonly Alert[]): Promise<number> {
    if (alerts.length === 0) return 0;
    return inTransaction(this.pool, async (client) => {
      let inserted = 0;
      for (const chunk of chunks(alerts.map(alertRow))) {
        inserted += (await client.query(ALERT_INSERT, columnsOf(chunk, ALERT_TYPES.length))).rowCount ?? 0;
      }
      return inserted;
    });
  }

  async listAlerts(filter: AlertFilter = {}): Promise<Alert[]> {
    const conditions = alertConditions(filter);
    const where = conditions.map(([column], i) => `${column} = $${i + 1}`);
    const params: unknown[] = conditions.map(([, value]) => value);
    const limit = filter.limit ?? 100;
    // SQLite reads a negative limit as "no limit"; PostgreSQL's spelling of that is NULL.
    params.push(limit < 0 ? null : limit);
    const sql =
      `SELECT * FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` +
      `ORDER BY score DESC, created_at ${C} DESC, id ${C} LIMIT $${params.length}`;
    const { rows } = await this.pool.query<AlertRow>(sql, params);
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
    await this.resolution.replace(write);
  }

  async getResolutionRun(): Promise<ResolutionRun | undefined> {
    return this.resolution.run();
  }

  async *iterateClusterMembers(): AsyncIterable<ClusterMember> {
    yield* this.resolution.members();
  }

  async addResolutionDecision(decision: ResolutionDecision): Promise<void> {
    await this.resolution.addDecision(decision);
  }

  async listResolutionDecisions(): Promise<ResolutionDecision[]> {
    return this.resolution.decisions();
  }

  async getScreeningIndex(key: string): Promise<ScreeningIndexRecord | undefined> {
    const { rows } = await this.pool.query<ScreeningIndexRow>('SELECT * FROM screening_index WHERE key = $1', [key]);
    const row = rows[0];
    return row === undefined ? undefined : decodeScreeningIndexRow(row);
  }

  async putScreeningIndex(r: ScreeningIndexRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO screening_index (key, dataset_versions, policy_hash, created_at, payload) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key) DO UPDATE SET dataset_versions = excluded.dataset_versions, policy_hash = excluded.policy_hash,
         created_at = excluded.created_at, payload = excluded.payload`,
      [r.key, r.datasetVersions, r.policyHash, r.createdAt, r.payload],
    );
  }

  async stats(): Promise<StoreStats> {
    const [counts, bySchema, datasets] = await Promise.all([
      this.pool.query<Record<string, string>>(
        `SELECT (SELECT COUNT(*) FROM entities) AS entities, (SELECT COUNT(*) FROM statements) AS statements,
           (SELECT COUNT(*) FROM shipments) AS shipments, (SELECT COUNT(*) FROM transactions) AS transactions,
           (SELECT COUNT(*) FROM alerts) AS alerts, (SELECT COUNT(*) FROM ingest_runs) AS runs`,
      ),
      this.pool.query<{ schema: string; n: string }>(
        `SELECT schema, COUNT(*) AS n FROM entities GROUP BY schema ORDER BY schema ${C}`,
      ),
      this.pool.query<{ dataset: string }>(`SELECT dataset FROM ingest_runs GROUP BY dataset ORDER BY dataset ${C}`),
    ]);
    const n = (name: string): number => Number(counts.rows[0]?.[name] ?? 0);
    return {
      entities: n('entities'),
      entitiesBySchema: Object.fromEntries(bySchema.rows.map((r) => [r.schema, Number(r.n)])),
      statements: n('statements'),
      shipments: n('shipments'),
      transactions: n('transactions'),
      alerts: n('alerts'),
      runs: n('runs'),
      datasets: datasets.rows.map((d) => d.dataset),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
