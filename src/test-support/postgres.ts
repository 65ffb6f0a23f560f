import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the PostgreSQL tests use; a local server with trust authentication by default. */
export const TEST_PG_ADMIN_URL = process.env['CHOKEPOINT_TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The admin URL pointing at another database on the same server. */
function urlForDatabase(name: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new, empty database for one test, named `chokepoint_test_<pid>_<random>`; `drop` ends any
 * connection still open to it and removes it.
 */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `chokepoint_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  const quoted = pg.escapeIdentifier(name);
  await withAdmin((client) => client.query(`CREATE DATABASE ${quoted}`));
  return {
    url: urlForDatabase(name),
    async drop() {
      await withAdmin(async (client) => {
        const { rows } = await client.query<{ v: string }>('SHOW server_version_num');
        if (Number(rows[0]?.v) >= 130000) {
          await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
        } else {
          await client.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
            [name],
          );
          await client.query(`DROP DATABASE IF EXISTS ${quoted}`);
        }
      });
    },
  };
}
