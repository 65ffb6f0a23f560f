export type * from './store.js';
export { openStore, resolveDbLocation, isPostgresUrl, DEFAULT_DB } from './open-store.js';
export { SqliteStore } from './sqlite/sqlite-store.js';
