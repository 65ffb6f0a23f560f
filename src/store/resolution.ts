/**
 * Entity resolution in the store (migration 3): the latest clustering of the stored entities and
 * the analyst decisions every clustering must respect. Only entities in clusters of two or more
 * are stored; an entity without a row is its own cluster.
 */
export interface ResolutionRun {
  readonly id: string;
  /** Resolution policy stamp (`id@version#hash`). */
  readonly policy: string;
  readonly threshold: number;
  readonly records: number;
  readonly clusters: number;
  readonly links: number;
  /** The trained model (m, u, prior) and run statistics as JSON. */
  readonly model: string;
  readonly createdAt: string;
}

export interface ClusterMember {
  readonly entityId: string;
  readonly clusterId: string;
}

/** A link that joined two records of a cluster, with its evidence (field, level, weight) as JSON. */
export interface ClusterLink {
  readonly clusterId: string;
  readonly leftId: string;
  readonly rightId: string;
  readonly weight: number;
  readonly evidence: string;
}

export type DecisionKind = 'merge' | 'split';

/** An analyst's ruling on a pair of entities: together always (merge) or never (split). */
export interface ResolutionDecision {
  readonly id: string;
  readonly kind: DecisionKind;
  readonly leftId: string;
  readonly rightId: string;
  readonly reason: string;
  readonly decidedAt: string;
}

export interface ResolutionWrite {
  readonly run: ResolutionRun;
  readonly members: readonly ClusterMember[];
  readonly links: readonly ClusterLink[];
}

export const RESOLUTION_SQLITE_SQL = `
CREATE TABLE resolution_runs (
  id TEXT PRIMARY KEY,
  policy TEXT NOT NULL,
  threshold REAL NOT NULL,
  records INTEGER NOT NULL,
  clusters INTEGER NOT NULL,
  links INTEGER NOT NULL,
  model TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE entity_clusters (
  entity_id TEXT PRIMARY KEY,
  cluster_id TEXT NOT NULL,
  run_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX entity_clusters_cluster ON entity_clusters (cluster_id);
CREATE TABLE cluster_links (
  left_id TEXT NOT NULL,
  right_id TEXT NOT NULL,
  cluster_id TEXT NOT NULL,
  weight REAL NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (left_id, right_id)
) WITHOUT ROWID;
CREATE INDEX cluster_links_cluster ON cluster_links (cluster_id);
CREATE TABLE resolution_decisions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  left_id TEXT NOT NULL,
  right_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
`;

export const RESOLUTION_POSTGRES_SQL = `
CREATE TABLE resolution_runs (
  id TEXT PRIMARY KEY,
  policy TEXT NOT NULL,
  threshold DOUBLE PRECISION NOT NULL,
  records BIGINT NOT NULL,
  clusters BIGINT NOT NULL,
  links BIGINT NOT NULL,
  model TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE entity_clusters (
  entity_id TEXT COLLATE "C" PRIMARY KEY,
  cluster_id TEXT NOT NULL,
  run_id TEXT NOT NULL
);
CREATE INDEX entity_clusters_cluster ON entity_clusters (cluster_id);
CREATE TABLE cluster_links (
  left_id TEXT NOT NULL,
  right_id TEXT NOT NULL,
  cluster_id TEXT NOT NULL,
  weight DOUBLE PRECISION NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (left_id, right_id)
);
CREATE INDEX cluster_links_cluster ON cluster_links (cluster_id);
CREATE TABLE resolution_decisions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  left_id TEXT NOT NULL,
  right_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
`;
