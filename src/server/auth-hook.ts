import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveApiToken, resolveSession, roleAtLeast, type Principal } from '../auth/index.js';
import type { Sql } from './db/index.js';
import { AnswerCache } from './answer-cache.js';
import { ApiError } from './errors.js';

export const SESSION_COOKIE = 'chokepoint_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who signed a request in, as the database said at most this long ago. Reading the token or
 * session, the user and its teams was a fifth of the CPU of a cached `/match` answer. A change
 * made through this process (a token revoked, a user disabled, a role or team changed, a sign-out)
 * clears the cache at once; one made by another process or the CLI shows within this time.
 */
export const PRINCIPAL_TTL_MS = 1000;

/** Principals found, per generation: a change starts a new one, and a lookup begun before it is not kept. */
class KnownPrincipals {
  private readonly cache = new AnswerCache<Principal>({ capacity: 10_000, ttlMs: PRINCIPAL_TTL_MS });
  generation = {};
  get(key: string): Principal | undefined {
    return this.cache.get(this.generation, key);
  }
  set(generation: object, key: string, principal: Principal): void {
    this.cache.set(generation, key, principal);
  }
  forget(): void {
    this.generation = {};
  }
}

async function principalOf(sql: Sql, request: FastifyRequest, known: KnownPrincipals): Promise<Principal | null> {
  const generation = known.generation;
  const header = request.headers.authorization;
  const bearer = header === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer === null) throw new ApiError(401, 'UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
  const cookie = bearer === undefined ? request.cookies[SESSION_COOKIE] : undefined;
  if (bearer === undefined && cookie === undefined) return null;
  const key = bearer === undefined ? `session ${cookie!}` : `token ${bearer[1]!}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached; // not set again: the TTL runs from the database read
  const principal = bearer === undefined ? await resolveSession(sql, cookie!) : await resolveApiToken(sql, bearer[1]!);
  if (principal === undefined) {
    if (bearer !== undefined) throw new ApiError(401, 'UNAUTHENTICATED', 'unknown or revoked API token');
    return null;
  }
  known.set(generation, key, principal);
  return principal;
}

/** The plugin's check is synchronous: it calls `next` or sends its 403 (through our error handler). */
function csrfPasses(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): boolean {
  let passed = false;
  app.csrfProtection(request, reply, () => {
    passed = true;
  });
  return passed;
}

/**
 * Every route declares the least role it needs (`config.minRole`); routes that forget are
 * treated as admin-only, so a new endpoint fails closed. Cookie-authenticated writes also need
 * a CSRF token; bearer tokens are not sent by browsers on their own, so they do not.
 */
export function installAuth(app: FastifyInstance, sql: Sql, options: { publicMatching: boolean }): void {
  app.decorateRequest('principal', null);
  // Only principals found are kept: an unknown token costs a lookup every time, and cannot fill the cache.
  const known = new KnownPrincipals();
  app.addHook('onResponse', async (request) => {
    const url = request.routeOptions.url ?? '';
    if (!SAFE_METHODS.has(request.method) && (url.startsWith('/api/users') || url.startsWith('/api/auth'))) known.forget();
  });
  // onRequest, before the body is parsed or validated: an anonymous caller learns nothing about
  // a route's payload rules, and never gets a large body parsed.
  app.addHook('onRequest', async (request, reply) => {
    // An unknown path is 404 for everyone: the route list is public in /openapi.json anyway.
    if (request.is404) return undefined;
    const minRole = request.routeOptions.config.minRole ?? 'admin';
    request.principal = await principalOf(sql, request, known);
    const matching = request.routeOptions.config.minRole === 'viewer' && isMatchingRoute(request.routeOptions.url ?? '');
    if (minRole === 'public' || (matching && options.publicMatching)) return;
    if (request.principal === null)
      throw new ApiError(401, 'UNAUTHENTICATED', 'sign in (POST /api/auth/login) or send an API token');
    if (!roleAtLeast(request.principal.role, minRole))
      throw new ApiError(403, 'FORBIDDEN', `this needs the ${minRole} role (you are ${request.principal.role})`);
    if (request.principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
      if (!csrfPasses(app, request, reply)) return reply;
    }
    return undefined;
  });
}

function isMatchingRoute(url: string): boolean {
  return url.startsWith('/match/') || url.startsWith('/search/') || url.startsWith('/reconcile');
}
