export type * from './store.js';
export { openStore, resolveDbLocation, DEFAULT_DB } from './open-store.js';
export { SqliteStore } from './sqlite/sqlite-store.js';
export { PostgresStore } from './postgres/postgres-store.js';
