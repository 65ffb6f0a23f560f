import type Database from 'better-sqlite3';
import type { ClusterMember, ResolutionDecision, ResolutionRun, ResolutionWrite } from '../resolution.js';

const PAGE = 10_000;

interface RunRow {
  id: string;
  policy: string;
  threshold: number;
  records: number;
  clusters: number;
  links: number;
  model: string;
  created_at: string;
}

export const decodeRun = (r: RunRow): ResolutionRun => ({
  id: r.id,
  policy: r.policy,
  threshold: Number(r.threshold),
  records: Number(r.records),
  clusters: Number(r.clusters),
  links: Number(r.links),
  model: r.model,
  createdAt: r.created_at,
});

interface DecisionRow {
  id: string;
  kind: 'merge' | 'split';
  left_id: string;
  right_id: string;
  reason: string;
  decided_at: string;
}

export const decodeDecision = (r: DecisionRow): ResolutionDecision => ({
  id: r.id,
  kind: r.kind,
  leftId: r.left_id,
  rightId: r.right_id,
  reason: r.reason,
  decidedAt: r.decided_at,
});

/** Entity resolution tables on SQLite (see ../resolution.ts). */
export class SqliteResolution {
  constructor(private readonly db: Database.Database) {}

  /** The new clustering replaces the previous one in one transaction; decisions are kept. */
  replace(write: ResolutionWrite): void {
    const db = this.db;
    const member = db.prepare('INSERT INTO entity_clusters (entity_id, cluster_id, run_id) VALUES (?, ?, ?)');
    const link = db.prepare(
      'INSERT OR REPLACE INTO cluster_links (left_id, right_id, cluster_id, weight, evidence) VALUES (?, ?, ?, ?, ?)',
    );
    const r = write.run;
    db.transaction(() => {
      db.exec('DELETE FROM entity_clusters; DELETE FROM cluster_links; DELETE FROM resolution_runs;');
      db.prepare(
        'INSERT INTO resolution_runs (id, policy, threshold, records, clusters, links, model, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(r.id, r.policy, r.threshold, r.records, r.clusters, r.links, r.model, r.createdAt);
      for (const m of write.members) member.run(m.entityId, m.clusterId, r.id);
      for (const l of write.links) link.run(l.leftId, l.rightId, l.clusterId, l.weight, l.evidence);
    })();
  }

  run(): ResolutionRun | undefined {
    const row = this.db.prepare('SELECT * FROM resolution_runs ORDER BY created_at DESC LIMIT 1').get() as RunRow | undefined;
    return row === undefined ? undefined : decodeRun(row);
  }

  *members(): Iterable<ClusterMember> {
    const page = this.db.prepare(
      'SELECT entity_id, cluster_id FROM entity_clusters WHERE entity_id > ? ORDER BY entity_id LIMIT ?',
    );
    let after = '';
    for (;;) {
      const rows = page.all(after, PAGE) as { entity_id: string; cluster_id: string }[];
      for (const row of rows) yield { entityId: row.entity_id, clusterId: row.cluster_id };
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < PAGE) return;
      after = last.entity_id;
    }
  }

  addDecision(d: ResolutionDecision): void {
    this.db
      .prepare('INSERT INTO resolution_decisions (id, kind, left_id, right_id, reason, decided_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(d.id, d.kind, d.leftId, d.rightId, d.reason, d.decidedAt);
  }

  decisions(): ResolutionDecision[] {
    const rows = this.db.prepare('SELECT * FROM resolution_decisions ORDER BY decided_at, id').all() as DecisionRow[];
    return rows.map(decodeDecision);
  }
}
