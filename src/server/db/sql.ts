/**
 * The small SQL surface the server's own tables (users, sessions, cases, audit log) use. Queries
 * are written once with `?` placeholders; the PostgreSQL adapter numbers them. Both adapters run
 * a transaction as one unit of work: SQLite takes the write lock first (BEGIN IMMEDIATE), and
 * PostgreSQL runs it on one pooled client.
 */
export type SqlValue = string | number | bigint | boolean | null | Buffer;

export interface SqlRunner {
  readonly dialect: 'sqlite' | 'postgres';
  all<T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface Sql extends SqlRunner {
  /** Where the data lives, without credentials. */
  readonly location: string;
  /** Runs `work` in one transaction; a thrown error rolls it back. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?` placeholders to `$1, $2, ...` (none of our statements holds a literal question mark). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
