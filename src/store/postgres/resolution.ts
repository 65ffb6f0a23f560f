import type pg from 'pg';
import type { ClusterMember, ResolutionDecision, ResolutionRun, ResolutionWrite } from '../resolution.js';
import { decodeDecision, decodeRun } from '../sqlite/resolution.js';

const PAGE = 10_000;
/** Rows written per round trip. */
const CHUNK = 5000;
const C = 'COLLATE "C"';

/** Entity resolution tables on PostgreSQL (see ../resolution.ts). */
export class PostgresResolution {
  constructor(private readonly pool: pg.Pool) {}

  /** The new clustering replaces the previous one in one transaction; decisions are kept. */
  async replace(write: ResolutionWrite): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM entity_clusters');
      await client.query('DELETE FROM cluster_links');
      await client.query('DELETE FROM resolution_runs');
      const r = write.run;
      await client.query(
        'INSERT INTO resolution_runs (id, policy, threshold, records, clusters, links, model, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [r.id, r.policy, r.threshold, r.records, r.clusters, r.links, r.model, r.createdAt],
      );
      for (let i = 0; i < write.members.length; i += CHUNK) {
        const chunk = write.members.slice(i, i + CHUNK);
        await client.query(
          'INSERT INTO entity_clusters (entity_id, cluster_id, run_id) SELECT e, c, $3 FROM unnest($1::text[], $2::text[]) AS t(e, c)',
          [chunk.map((m) => m.entityId), chunk.map((m) => m.clusterId), r.id],
        );
      }
      for (let i = 0; i < write.links.length; i += CHUNK) {
        const chunk = write.links.slice(i, i + CHUNK);
        await client.query(
          `INSERT INTO cluster_links (left_id, right_id, cluster_id, weight, evidence)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::text[])
           ON CONFLICT (left_id, right_id) DO UPDATE SET cluster_id = excluded.cluster_id, weight = excluded.weight, evidence = excluded.evidence`,
          [
            chunk.map((l) => l.leftId),
            chunk.map((l) => l.rightId),
            chunk.map((l) => l.clusterId),
            chunk.map((l) => l.weight),
            chunk.map((l) => l.evidence),
          ],
        );
      }
      await client.query('COMMIT');
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

  async run(): Promise<ResolutionRun | undefined> {
    const { rows } = await this.pool.query<Parameters<typeof decodeRun>[0]>(
      'SELECT * FROM resolution_runs ORDER BY created_at DESC LIMIT 1',
    );
    const row = rows[0];
    return row === undefined ? undefined : decodeRun(row);
  }

  async *members(): AsyncIterable<ClusterMember> {
    let after = '';
    for (;;) {
      const { rows } = await this.pool.query<{ entity_id: string; cluster_id: string }>(
        `SELECT entity_id, cluster_id FROM entity_clusters WHERE entity_id > $1 ${C} ORDER BY entity_id ${C} LIMIT $2`,
        [after, PAGE],
      );
      for (const row of rows) yield { entityId: row.entity_id, clusterId: row.cluster_id };
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < PAGE) return;
      after = last.entity_id;
    }
  }

  async addDecision(d: ResolutionDecision): Promise<void> {
    await this.pool.query(
      'INSERT INTO resolution_decisions (id, kind, left_id, right_id, reason, decided_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [d.id, d.kind, d.leftId, d.rightId, d.reason, d.decidedAt],
    );
  }

  async decisions(): Promise<ResolutionDecision[]> {
    const { rows } = await this.pool.query<Parameters<typeof decodeDecision>[0]>(
      `SELECT * FROM resolution_decisions ORDER BY decided_at ${C}, id ${C}`,
    );
    return rows.map(decodeDecision);
  }
}
