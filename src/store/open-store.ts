import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export const DEFAULT_DB = './chokepoint.db';

/** Where the store lives: `--db`, then `CHOKEPOINT_DB`, then ./chokepoint.db. */
export function resolveDbLocation(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env['CHOKEPOINT_DB'] ?? DEFAULT_DB;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** Opens (and migrates) the store a location names: a postgres:// URL or a SQLite file path. */
export async function openStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) {
    // Loaded on demand: the embedded default never pays for the PostgreSQL driver.
    const { PostgresStore } = await import('./postgres/postgres-store.js');
    return PostgresStore.open(location);
  }
  return new SqliteStore(location);
}
