import { SqliteStore } from './sqlite/sqlite-store.js';
import { PostgresStore } from './postgres/postgres-store.js';
import type { Store } from './store.js';

export const DEFAULT_DB = './chokepoint.db';

/** Where the store lives: `--db`, then `CHOKEPOINT_DB`, then ./chokepoint.db. */
export function resolveDbLocation(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env['CHOKEPOINT_DB'] ?? DEFAULT_DB;
}

/** Opens (and migrates) the store a location names: a postgres:// URL or a SQLite file path. */
export async function openStore(location: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(location)) return PostgresStore.open(location);
  return new SqliteStore(location);
}
