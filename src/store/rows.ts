import { contentId, entityCaption, entityStatements, schemaDepth } from '../model/index.js';
import type { Alert, Entity, EntityRecord, IngestRun, Provenance, RunStatus, Statement } from '../model/index.js';

/** The values of one `entities` row: id, schema, schema_depth, caption. */
export function entityRow(entity: Entity): [string, string, number, string] {
  return [entity.id, entity.schema, schemaDepth(entity.schema), entityCaption(entity)];
}

/**
 * The values of each `statements` row of a record. A statement's id covers the dataset too:
 * the same value asserted by two datasets is two statements, each with its own provenance.
 */
export function statementRows(record: EntityRecord): (string | number)[][] {
  const p = record.provenance;
  return entityStatements(record.entity).map((s) => [
    contentId(s.entityId, s.prop, s.value, p.dataset),
    s.entityId,
    s.schema,
    s.prop,
    s.propType,
    s.value,
    p.dataset,
    p.sourceFile,
    p.sourceLine,
    p.runId,
  ]);
}

export interface StatementRow {
  entity_id: string;
  schema: string;
  prop: string;
  prop_type: string;
  value: string;
  dataset: string;
  source_file: string;
  source_line: number | string;
  run_id: string;
}

export function decodeStatement(row: StatementRow): Statement & { provenance: Provenance } {
  return {
    entityId: row.entity_id,
    schema: row.schema,
    prop: row.prop,
    propType: row.prop_type,
    value: row.value,
    provenance: {
      dataset: row.dataset,
      sourceFile: row.source_file,
      sourceLine: Number(row.source_line),
      runId: row.run_id,
    },
  };
}

/** Rebuilds an entity from its row's schema and its statements. */
export function assembleEntity(id: string, schema: string, statements: readonly { prop: string; value: string }[]): Entity {
  const properties: Record<string, string[]> = {};
  for (const s of statements) {
    const values = (properties[s.prop] ??= []);
    if (!values.includes(s.value)) values.push(s.value);
  }
  return { id, schema, properties };
}

/** Entities of one page of `entities` rows, from their statements (in any order). */
export function assemblePage(
  heads: readonly { id: string; schema: string }[],
  statements: readonly { entity_id: string; prop: string; value: string }[],
): Entity[] {
  const byEntity = new Map<string, { prop: string; value: string }[]>();
  for (const s of statements) {
    let list = byEntity.get(s.entity_id);
    if (list === undefined) byEntity.set(s.entity_id, (list = []));
    list.push(s);
  }
  return heads.map((h) => assembleEntity(h.id, h.schema, byEntity.get(h.id) ?? []));
}

export interface RunRow {
  id: string;
  dataset: string;
  source_file: string;
  format: string;
  file_sha256: string | null;
  started_at: string;
  finished_at: string | null;
  status: string;
  read_count: number | string;
  stored_count: number | string;
  unchanged_count: number | string;
  rejected_count: number | string;
}

export function decodeRun(row: RunRow): IngestRun {
  return {
    id: row.id,
    dataset: row.dataset,
    sourceFile: row.source_file,
    format: row.format,
    fileSha256: row.file_sha256,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status as RunStatus,
    counts: {
      read: Number(row.read_count),
      stored: Number(row.stored_count),
      unchanged: Number(row.unchanged_count),
      rejected: Number(row.rejected_count),
    },
  };
}

export interface AlertRow {
  id: string;
  detector_id: string;
  subject_kind: string;
  subject_id: string;
  score: number | string;
  level: string;
  reasons: string;
  status: string;
  created_at: string;
}

export function alertRow(alert: Alert): (string | number)[] {
  return [
    alert.id,
    alert.detectorId,
    alert.subjectKind,
    alert.subjectId,
    alert.score,
    alert.level,
    JSON.stringify(alert.reasons),
    alert.status,
    alert.createdAt,
  ];
}

export function decodeAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    detectorId: row.detector_id,
    subjectKind: row.subject_kind as Alert['subjectKind'],
    subjectId: row.subject_id,
    score: Number(row.score),
    level: row.level as Alert['level'],
    reasons: JSON.parse(row.reasons) as Alert['reasons'],
    status: row.status as Alert['status'],
    createdAt: row.created_at,
  };
}
