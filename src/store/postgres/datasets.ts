import type pg from 'pg';
import type { Entity } from '../../model/index.js';
import {
  checkDatasetName,
  DatasetDiff,
  datasetRunId,
  decodeVersion,
  type DatasetChange,
  type DatasetLoad,
  type DatasetRecord,
  type DatasetVersion,
  type VersionRow,
} from '../datasets.js';
import { assemblePage, entityRow, statementRows } from '../rows.js';

const PAGE = 1000;
/** Entities written per round trip. */
const CHUNK = 1000;
const C = 'COLLATE "C"';

const unnest = (types: readonly string[], offset = 0): string =>
  `unnest(${types.map((t, i) => `$${offset + i + 1}::${t}[]`).join(', ')})`;

function columns(rows: readonly (readonly unknown[])[], width: number): unknown[][] {
  const out: unknown[][] = Array.from({ length: width }, () => new Array<unknown>(rows.length));
  rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) (out[c] as unknown[])[r] = row[c] ?? null;
  });
  return out;
}

const ENTITY_TYPES = ['text', 'text', 'int4', 'text'];
const STATEMENT_TYPES = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int8', 'text'];
const UPSERT_ENTITIES = `INSERT INTO entities AS t (id, schema, schema_depth, caption) SELECT * FROM ${unnest(ENTITY_TYPES)}
  ON CONFLICT (id) DO UPDATE SET schema = excluded.schema, schema_depth = excluded.schema_depth, caption = excluded.caption
  WHERE excluded.schema_depth >= t.schema_depth`;
const INSERT_STATEMENTS = `INSERT INTO statements (id, entity_id, schema, prop, prop_type, value, dataset, source_file, source_line, run_id)
  SELECT * FROM ${unnest(STATEMENT_TYPES)} ON CONFLICT (id) DO NOTHING`;
const UPSERT_MEMBERS = `INSERT INTO dataset_members (dataset, entity_id, content_hash)
  SELECT $1, * FROM unnest($2::text[], $3::text[])
  ON CONFLICT (dataset, entity_id) DO UPDATE SET content_hash = excluded.content_hash`;

interface Pending {
  readonly record: DatasetRecord;
  readonly hash: string;
  readonly repeat: boolean;
}

/** Named datasets on PostgreSQL (see ../datasets.ts): the same behaviour as the SQLite adapter. */
export class PostgresDatasets {
  constructor(private readonly pool: pg.Pool) {}

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
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
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private async flush(client: pg.PoolClient, name: string, runId: string, pending: Pending[]): Promise<void> {
    if (pending.length === 0) return;
    const fresh = pending.filter((p) => !p.repeat).map((p) => p.record.entity.id);
    if (fresh.length > 0)
      await client.query('DELETE FROM statements WHERE dataset = $1 AND entity_id = ANY($2::text[])', [name, fresh]);
    // One row per id per statement: a multi-row upsert cannot touch a row twice.
    const entities = new Map<string, ReturnType<typeof entityRow>>();
    const statements = new Map<string, (string | number)[]>();
    const members = new Map<string, string>();
    for (const p of pending) {
      const row = entityRow(p.record.entity);
      const before = entities.get(row[0]);
      if (before === undefined || row[2] >= before[2]) entities.set(row[0], row);
      const provenance = { dataset: name, sourceFile: p.record.file, sourceLine: p.record.line, runId };
      for (const s of statementRows({ entity: p.record.entity, provenance })) statements.set(String(s[0]), s);
      members.set(p.record.entity.id, p.hash);
    }
    await client.query(UPSERT_ENTITIES, columns([...entities.values()], ENTITY_TYPES.length));
    if (statements.size > 0) await client.query(INSERT_STATEMENTS, columns([...statements.values()], STATEMENT_TYPES.length));
    await client.query(UPSERT_MEMBERS, [name, [...members.keys()], [...members.values()]]);
    pending.length = 0;
  }

  async replace(load: DatasetLoad): Promise<DatasetChange> {
    checkDatasetName(load.name);
    const name = load.name;
    return this.inTransaction(async (client) => {
      // Two loads of one dataset at once take turns (the version number must not be shared).
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dataset:${name}`]);
      const last = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM dataset_versions WHERE dataset = $1', [
        name,
      ]);
      const version = Number(last.rows[0]?.v ?? 0) + 1;
      const runId = datasetRunId(name, version);
      const startedAt = new Date().toISOString();
      const { rows: members } = await client.query<{ entity_id: string; content_hash: string }>(
        'SELECT entity_id, content_hash FROM dataset_members WHERE dataset = $1',
        [name],
      );
      const diff = new DatasetDiff(new Map(members.map((m) => [m.entity_id, m.content_hash])));
      const pending: Pending[] = [];
      for await (const record of load.records) {
        const seen = diff.see(record.entity);
        if (!seen.rewrite) continue;
        // A repeated id waits for its first part to be written.
        if (seen.repeat) await this.flush(client, name, runId, pending);
        pending.push({ record, hash: seen.hash, repeat: seen.repeat });
        if (pending.length >= CHUNK) await this.flush(client, name, runId, pending);
      }
      await this.flush(client, name, runId, pending);
      const removed = diff.removed;
      if (removed.length > 0) {
        await client.query('DELETE FROM statements WHERE dataset = $1 AND entity_id = ANY($2::text[])', [name, removed]);
        await client.query('DELETE FROM dataset_members WHERE dataset = $1 AND entity_id = ANY($2::text[])', [name, removed]);
        await client.query(
          `DELETE FROM entities e WHERE e.id = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.entity_id = e.id)`,
          [removed],
        );
      }
      const loadedAt = new Date().toISOString();
      await client.query(
        `INSERT INTO dataset_versions (dataset, version, format, source, entities, added, removed, changed, loaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [name, version, load.format, load.source, diff.size, diff.added.length, removed.length, diff.changed.length, loadedAt],
      );
      await client.query(
        `INSERT INTO ingest_runs (id, dataset, source_file, format, file_sha256, started_at, finished_at, status,
           read_count, stored_count, unchanged_count, rejected_count)
         VALUES ($1, $2, $3, $4, NULL, $5, $6, 'completed', $7, $8, $9, 0)`,
        [
          runId,
          name,
          load.source,
          load.format,
          startedAt,
          loadedAt,
          diff.size,
          diff.added.length + diff.changed.length,
          diff.unchanged,
        ],
      );
      return {
        name,
        version,
        runId,
        entities: diff.size,
        added: diff.added,
        removed,
        changed: diff.changed,
        unchanged: diff.unchanged,
        loadedAt,
      };
    });
  }

  async list(): Promise<DatasetVersion[]> {
    const { rows } = await this.pool.query<VersionRow>(
      `SELECT v.*, v.version = (SELECT MAX(w.version) FROM dataset_versions w WHERE w.dataset = v.dataset) AS current
       FROM dataset_versions v ORDER BY v.dataset ${C}, v.version`,
    );
    return rows.map(decodeVersion);
  }

  async *iterate(name: string): AsyncIterable<Entity> {
    let after = '';
    for (;;) {
      const { rows: heads } = await this.pool.query<{ id: string; schema: string }>(
        `SELECT m.entity_id AS id, e.schema FROM dataset_members m JOIN entities e ON e.id = m.entity_id
         WHERE m.dataset = $1 AND m.entity_id > $2 ${C} ORDER BY m.entity_id ${C} LIMIT ${PAGE}`,
        [name, after],
      );
      if (heads.length === 0) return;
      const { rows: all } = await this.pool.query<{ entity_id: string; prop: string; value: string }>(
        `SELECT entity_id, prop, value FROM statements WHERE entity_id = ANY($1::text[]) AND dataset = $2
         ORDER BY entity_id ${C}, prop ${C}, value ${C}`,
        [heads.map((h) => h.id), name],
      );
      yield* assemblePage(heads, all);
      after = heads[heads.length - 1]?.id ?? after;
    }
  }
}
