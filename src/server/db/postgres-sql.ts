import pg from 'pg';
import { numberPlaceholders, type Sql, type SqlRunner, type SqlValue } from './sql.js';

// BIGINT and NUMERIC come back as strings by default; our counters and versions fit a double.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

function runner(client: pg.Pool | pg.PoolClient): SqlRunner {
  const query = async <T extends object>(
    sql: string,
    params: readonly SqlValue[],
  ): Promise<{ rows: T[]; rowCount: number | null }> => {
    const result = await client.query({ text: numberPlaceholders(sql), values: [...params], types });
    // Rows are shaped by our own SELECTs; the caller names the shape.
    return { rows: result.rows as T[], rowCount: result.rowCount };
  };
  return {
    dialect: 'postgres',
    async all<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      return (await query<T>(sql, params)).rows;
    },
    async get<T extends object>(sql: string, params: readonly SqlValue[] = []) {
      return (await query<T>(sql, params)).rows[0];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return (await query<object>(sql, params)).rowCount ?? 0;
    },
  };
}

/** A pool of connections to the store's PostgreSQL database, shared by the requests of one process. */
export class PostgresSql implements Sql {
  readonly dialect = 'postgres';
  private readonly plain: SqlRunner;

  constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
  ) {
    this.plain = runner(pool);
  }

  static connect(url: string, location: string, max = 10): PostgresSql {
    const pool = new pg.Pool({ connectionString: url, max });
    // An idle client dropped by the server (restart, DROP DATABASE ... FORCE) must not crash the
    // process; the next query checks out a fresh client and reports its own error.
    pool.on('error', () => undefined);
    return new PostgresSql(pool, location);
  }

  all<T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.plain.all<T>(sql, params);
  }
  get<T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.plain.get<T>(sql, params);
  }
  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.plain.run(sql, params);
  }

  async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await work(runner(client));
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Runs a script of several statements (migrations), on one client. */
  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
