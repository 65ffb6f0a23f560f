import type {
  Alert,
  AlertLevel,
  AlertStatus,
  Entity,
  EntityRecord,
  IngestCounts,
  IngestRun,
  Provenance,
  RunStatus,
  Shipment,
  ShipmentRecord,
  Statement,
  Transaction,
  TransactionRecord,
} from '../model/index.js';
import type { DatasetChange, DatasetLoad, DatasetVersion } from './datasets.js';
import type { ClusterMember, ResolutionDecision, ResolutionRun, ResolutionWrite } from './resolution.js';
import type { ScreeningIndexRecord } from './index-cache.js';

/** A batch of records written atomically: all of it lands, or none of it does. */
export interface RecordBatch {
  readonly entities: readonly EntityRecord[];
  readonly shipments: readonly ShipmentRecord[];
  readonly transactions: readonly TransactionRecord[];
}

export interface WriteCounts {
  /** Records inserted or changed. */
  readonly stored: number;
  /** Records already present with identical content. */
  readonly unchanged: number;
}

/** Counts per kind of record, so an ingest can report its own kind apart from derived entities. */
export interface BatchOutcome {
  readonly entities: WriteCounts;
  readonly shipments: WriteCounts;
  readonly transactions: WriteCounts;
}

export interface StartRun {
  readonly id: string;
  readonly dataset: string;
  readonly sourceFile: string;
  readonly format: string;
  readonly fileSha256: string | null;
}

export interface StoreStats {
  readonly entities: number;
  readonly entitiesBySchema: Readonly<Record<string, number>>;
  readonly statements: number;
  readonly shipments: number;
  readonly transactions: number;
  readonly alerts: number;
  readonly runs: number;
  readonly datasets: readonly string[];
}

/** An entity with every statement that makes it up and where each came from. */
export interface StoredEntity {
  readonly entity: Entity;
  readonly statements: readonly (Statement & { readonly provenance: Provenance })[];
}

/** An edge between two entities, read from an entity-typed property. */
export interface EntityLink {
  /** The entity holding the property (e.g. the Ownership). */
  readonly fromId: string;
  readonly fromSchema: string;
  readonly prop: string;
  /** The entity pointed at. */
  readonly toId: string;
}

export interface AlertFilter {
  readonly detectorId?: string;
  readonly level?: AlertLevel;
  readonly status?: AlertStatus;
  readonly limit?: number;
}

export interface Page {
  readonly limit?: number;
  readonly afterId?: string;
}

/**
 * The one storage interface. Two adapters implement it (SQLite, PostgreSQL) and pass the same
 * contract suite (`contract.suite.ts`). Writes are idempotent: records are keyed by content-
 * derived ids, so writing a batch twice changes nothing the second time.
 */
export interface Store {
  /** "sqlite" or "postgres", for messages. */
  readonly kind: string;
  /** A description of where the data lives, without credentials. */
  readonly location: string;

  /** Schema version after migrations (the highest applied migration). */
  schemaVersion(): Promise<number>;

  /** Creates the run, or resumes it when a run with this id exists (a rerun after a crash). */
  startRun(run: StartRun): Promise<IngestRun>;
  finishRun(id: string, status: RunStatus, counts: IngestCounts): Promise<void>;
  getRun(id: string): Promise<IngestRun | undefined>;
  listRuns(): Promise<IngestRun[]>;

  /** Writes one batch in one transaction. */
  writeBatch(batch: RecordBatch): Promise<BatchOutcome>;

  getEntity(id: string): Promise<StoredEntity | undefined>;
  getShipment(id: string): Promise<Shipment | undefined>;
  getTransaction(id: string): Promise<Transaction | undefined>;
  /** Edges touching an entity, in both directions. */
  links(entityId: string): Promise<EntityLink[]>;

  /** Streams every record in id order, for export; pages internally to bound memory. */
  iterateEntities(): AsyncIterable<Entity>;
  iterateShipments(): AsyncIterable<Shipment>;
  iterateTransactions(): AsyncIterable<Transaction>;

  /** Inserts alerts; an alert with an existing id is left as it is. */
  writeAlerts(alerts: readonly Alert[]): Promise<number>;
  listAlerts(filter?: AlertFilter): Promise<Alert[]>;

  /**
   * Named datasets (watchlists, see datasets.ts): replaces dataset `name` with the load's
   * entities in one transaction (a failed load leaves the previous version) and reports the
   * difference; lists every version; streams a dataset's entities without scanning the others.
   */
  replaceDataset(load: DatasetLoad): Promise<DatasetChange>;
  listDatasets(): Promise<DatasetVersion[]>;
  iterateDataset(name: string): AsyncIterable<Entity>;

  /**
   * Entity resolution (see resolution.ts): the latest clustering replaces the previous one in one
   * transaction; members are streamed in entity id order; analyst decisions are appended and
   * never replaced.
   */
  replaceResolution(write: ResolutionWrite): Promise<void>;
  getResolutionRun(): Promise<ResolutionRun | undefined>;
  iterateClusterMembers(): AsyncIterable<ClusterMember>;
  addResolutionDecision(decision: ResolutionDecision): Promise<void>;
  listResolutionDecisions(): Promise<ResolutionDecision[]>;

  /**
   * Persisted screening indexes (see index-cache.ts): one payload per key; putting a key again
   * replaces its payload.
   */
  getScreeningIndex(key: string): Promise<ScreeningIndexRecord | undefined>;
  putScreeningIndex(record: ScreeningIndexRecord): Promise<void>;

  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
