export { buildServer } from './build-server.js';
export type { ServerOptions } from './context.js';
export { openWorkspaceDb, type Sql } from './db/index.js';
export { toErrorBody, ApiError, type ErrorBody } from './errors.js';
