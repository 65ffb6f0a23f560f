import type Database from 'better-sqlite3';
import type { Entity } from '../../model/index.js';
import {
  checkDatasetName,
  DatasetDiff,
  DatasetError,
  datasetRunId,
  decodeVersion,
  type DatasetChange,
  type DatasetLoad,
  type DatasetVersion,
  type VersionRow,
} from '../datasets.js';
import { assemblePage, entityRow, statementRows } from '../rows.js';

const PAGE = 1000;

/** Named datasets on SQLite (see ../datasets.ts). */
export class SqliteDatasets {
  constructor(private readonly db: Database.Database) {}

  /**
   * One load in one transaction: the load is streamed in, entities whose content changed are
   * rewritten, members not seen again are removed, and the new version is recorded. If reading
   * fails half-way the transaction is rolled back and the previous version stays as it was.
   */
  async replace(load: DatasetLoad): Promise<DatasetChange> {
    checkDatasetName(load.name);
    const db = this.db;
    if (db.inTransaction) throw new DatasetError('a dataset load cannot run inside another transaction');
    const name = load.name;
    db.exec('BEGIN IMMEDIATE');
    try {
      const last = db.prepare('SELECT MAX(version) AS v FROM dataset_versions WHERE dataset = ?').get(name) as {
        v: number | null;
      };
      const version = (last.v ?? 0) + 1;
      const runId = datasetRunId(name, version);
      const startedAt = new Date().toISOString();
      const previous = new Map(
        db.prepare('SELECT entity_id, content_hash FROM dataset_members WHERE dataset = ?').raw().all(name) as [string, string][],
      );
      const diff = new DatasetDiff(previous);
      const deleteStatements = db.prepare('DELETE FROM statements WHERE entity_id = ? AND dataset = ?');
      const upsertEntity = db.prepare(
        `INSERT INTO entities (id, schema, schema_depth, caption) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET schema = excluded.schema, schema_depth = excluded.schema_depth, caption = excluded.caption
         WHERE excluded.schema_depth >= entities.schema_depth`,
      );
      const insertStatement = db.prepare(
        `INSERT INTO statements (entity_id, schema, prop, prop_type, value, dataset, source_file, source_line, run_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entity_id, prop, value, dataset) DO NOTHING`,
      );
      const upsertMember = db.prepare(
        `INSERT INTO dataset_members (dataset, entity_id, content_hash) VALUES (?, ?, ?)
         ON CONFLICT (dataset, entity_id) DO UPDATE SET content_hash = excluded.content_hash`,
      );
      for await (const r of load.records) {
        const seen = diff.see(r.entity);
        if (!seen.rewrite) continue;
        if (!seen.repeat) deleteStatements.run(r.entity.id, name);
        upsertEntity.run(entityRow(r.entity));
        const provenance = { dataset: name, sourceFile: r.file, sourceLine: r.line, runId };
        for (const row of statementRows({ entity: r.entity, provenance })) insertStatement.run(row.slice(1));
        upsertMember.run(name, r.entity.id, seen.hash);
      }
      const removed = diff.removed;
      const deleteMember = db.prepare('DELETE FROM dataset_members WHERE dataset = ? AND entity_id = ?');
      const deleteOrphan = db.prepare(
        'DELETE FROM entities WHERE id = ? AND NOT EXISTS (SELECT 1 FROM statements WHERE entity_id = ?)',
      );
      for (const id of removed) {
        deleteStatements.run(id, name);
        deleteMember.run(name, id);
        deleteOrphan.run(id, id);
      }
      const loadedAt = new Date().toISOString();
      db.prepare(
        `INSERT INTO dataset_versions (dataset, version, format, source, entities, added, removed, changed, loaded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(name, version, load.format, load.source, diff.size, diff.added.length, removed.length, diff.changed.length, loadedAt);
      db.prepare(
        `INSERT INTO ingest_runs (id, dataset, source_file, format, file_sha256, started_at, finished_at, status,
           read_count, stored_count, unchanged_count, rejected_count)
         VALUES (?, ?, ?, ?, NULL, ?, ?, 'completed', ?, ?, ?, 0)`,
      ).run(
        runId,
        name,
        load.source,
        load.format,
        startedAt,
        loadedAt,
        diff.size,
        diff.added.length + diff.changed.length,
        diff.unchanged,
      );
      db.exec('COMMIT');
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
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  list(): DatasetVersion[] {
    const rows = this.db
      .prepare(
        `SELECT v.*, v.version = (SELECT MAX(w.version) FROM dataset_versions w WHERE w.dataset = v.dataset) AS current
         FROM dataset_versions v ORDER BY v.dataset, v.version`,
      )
      .all() as VersionRow[];
    return rows.map(decodeVersion);
  }

  /** The dataset's entities in id order, with only the statements this dataset made. */
  *iterate(name: string): Iterable<Entity> {
    const page = this.db.prepare(
      `SELECT m.entity_id AS id, e.schema AS schema FROM dataset_members m JOIN entities e ON e.id = m.entity_id
       WHERE m.dataset = ? AND m.entity_id > ? ORDER BY m.entity_id LIMIT ?`,
    );
    const props = this.db.prepare(
      `SELECT entity_id, prop, value FROM statements
       WHERE entity_id IN (SELECT value FROM json_each(?)) AND dataset = ? ORDER BY entity_id, prop, value`,
    );
    let after = '';
    for (;;) {
      const heads = page.all(name, after, PAGE) as { id: string; schema: string }[];
      if (heads.length === 0) return;
      const all = props.all(JSON.stringify(heads.map((h) => h.id)), name) as { entity_id: string; prop: string; value: string }[];
      yield* assemblePage(heads, all);
      after = heads[heads.length - 1]?.id ?? after;
    }
  }
}
