import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Sql, SqlRunner, SqlValue } from './sql.js';

/** A chain of promises: one unit of work at a time on the single connection. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

const bind = (params: readonly SqlValue[]): unknown[] => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

function runner(db: Database.Database): SqlRunner {
  // Statements are compiled once per text: the server runs the same few hundred over and over.
  const compiled = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = compiled.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      if (compiled.size < 1000) compiled.set(sql, statement);
    }
    return statement;
  };
  return {
    dialect: 'sqlite',
    async all<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).all(...bind(params)) as T[];
    },
    async get<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).get(...bind(params)) as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).run(...bind(params)).changes;
    },
  };
}

/**
 * A second connection to the store's SQLite file (WAL lets it share the file with the store's
 * own). Statements are synchronous, but a transaction spans awaits, so transactions and plain
 * statements queue on one mutex: nothing else can slip into an open transaction.
 */
export class SqliteSql implements Sql {
  readonly dialect = 'sqlite';
  private readonly db: Database.Database;
  private readonly plain: SqlRunner;
  private readonly mutex = new Mutex();

  constructor(readonly location: string) {
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    this.db = new Database(location);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.plain = runner(this.db);
  }

  all<T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.mutex.run(() => this.plain.all<T>(sql, params));
  }
  get<T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.mutex.run(() => this.plain.get<T>(sql, params));
  }
  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.mutex.run(() => this.plain.run(sql, params));
  }

  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await work(this.plain);
        this.db.exec('COMMIT');
        return out;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  /** Runs a script of several statements (migrations). */
  exec(script: string): void {
    this.db.exec(script);
  }

  async close(): Promise<void> {
    await this.mutex.run(async () => this.db.close());
  }
}
