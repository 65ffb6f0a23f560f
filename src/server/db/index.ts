export type { Sql, SqlRunner, SqlValue } from './sql.js';
export { openWorkspaceDb } from './open.js';
export { WORKSPACE_MIGRATIONS } from './schema.js';
