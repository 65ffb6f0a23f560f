import { isPostgresUrl } from '../../store/index.js';
import { withoutPasswordUrl } from './location.js';
import { MIGRATIONS_TABLE, WORKSPACE_MIGRATIONS } from './schema.js';
import type { Sql } from './sql.js';

/** Advisory lock key held while migrating ("chkw"), so server processes starting together take turns. */
const MIGRATION_LOCK = 0x63686b77;

/**
 * Opens the server's tables in the database a location names (the store's SQLite file or
 * PostgreSQL URL) and applies their migrations once, under a lock.
 */
export async function openWorkspaceDb(location: string): Promise<Sql> {
  if (isPostgresUrl(location)) {
    const { PostgresSql } = await import('./postgres-sql.js');
    const sql = PostgresSql.connect(location, withoutPasswordUrl(location));
    try {
      await sql.transaction(async (tx) => {
        await tx.run('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
        await tx.run(MIGRATIONS_TABLE);
        for (const m of WORKSPACE_MIGRATIONS) {
          if (await tx.get('SELECT version FROM workspace_migrations WHERE version = ?', [m.version])) continue;
          await tx.run(m.sql);
          await tx.run('INSERT INTO workspace_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
            m.version,
            m.name,
            new Date().toISOString(),
          ]);
        }
      });
    } catch (err) {
      await sql.close();
      throw err;
    }
    return sql;
  }
  const { SqliteSql } = await import('./sqlite-sql.js');
  const sql = new SqliteSql(location);
  sql.exec(MIGRATIONS_TABLE);
  for (const m of WORKSPACE_MIGRATIONS) {
    // IMMEDIATE takes the write lock before looking, so two processes cannot both apply it.
    await sql.transaction(async (tx) => {
      if (await tx.get('SELECT version FROM workspace_migrations WHERE version = ?', [m.version])) return;
      sql.exec(m.sql);
      await tx.run('INSERT INTO workspace_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    });
  }
  return sql;
}
