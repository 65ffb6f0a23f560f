import type { Principal, Role, LockoutPolicy } from '../auth/index.js';
import type { Store } from '../store/index.js';
import type { Sql } from './db/index.js';
import type { EntityIndex } from './entity-index.js';
import type { JobRunner } from './jobs.js';

export interface ServerOptions {
  readonly store: Store;
  /** The server's own tables (users, cases, audit) in the same database as the store. */
  readonly sql: Sql;
  /** pino options, or false for no logs (tests). */
  readonly logger?: boolean | Record<string, unknown>;
  /** Signs the CSRF cookie; several processes behind one address must share it. */
  readonly cookieSecret?: string;
  /** Sets the Secure flag on cookies (behind HTTPS). */
  readonly secureCookies?: boolean;
  readonly lockout?: LockoutPolicy;
  /** Login attempts per client address per minute. */
  readonly loginRateLimit?: number;
  readonly sessionHours?: number;
  /** Where the policy files live (default: the shipped policies/). */
  readonly policiesDir?: string;
  /** Lets /match, /search and /reconcile answer without credentials (for OpenRefine on a trusted network). */
  readonly publicMatching?: boolean;
  /**
   * Answers of `/match`, `/search` and the entity search kept for repeated queries (default
   * 10,000; 0: off). They are dropped when the watchlists or the entity index change.
   */
  readonly answerCacheSize?: number;
  /** Rebuild the entity name index when it is older than this many seconds. */
  readonly indexTtlSeconds?: number;
  /** A simulated world's truth.csv: enables `GET /api/evaluation` (caught versus planted). */
  readonly truthFile?: string;
  /** The database location with credentials, for background jobs; without it jobs are off. */
  readonly dbLocation?: string;
  /** Where uploaded files wait for their ingest job (default: the system's temporary folder). */
  readonly uploadDir?: string;
  /** The largest upload accepted, in bytes (default 2 GiB). */
  readonly uploadLimitBytes?: number;
  /** Requests let on per event-loop turn (default 4; 0: all at once), see fair-turns.ts. */
  readonly requestsPerTurn?: number;
}

export interface ServerContext extends ServerOptions {
  readonly entityIndex: EntityIndex;
  readonly jobs: JobRunner | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** How often the answer caches of the name indexes answered (see entity-index.ts). */
    answerCacheStats: () => ReturnType<EntityIndex['cacheStats']>;
  }
  interface FastifyContextConfig {
    /** The least role a route needs; "public" needs no sign-in. */
    minRole?: Role | 'public';
  }
}
