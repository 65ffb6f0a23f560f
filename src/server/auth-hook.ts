import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveApiToken, resolveSession, roleAtLeast, type Principal } from '../auth/index.js';
import type { Sql } from './db/index.js';
import { ApiError } from './errors.js';

export const SESSION_COOKIE = 'chokepoint_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function principalOf(sql: Sql, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match === null) throw new ApiError(401, 'UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
    const principal = await resolveApiToken(sql, match[1]!);
    if (principal === undefined) throw new ApiError(401, 'UNAUTHENTICATED', 'unknown or revoked API token');
    return principal;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined) return null;
  return (await resolveSession(sql, cookie)) ?? null;
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
  // onRequest, before the body is parsed or validated: an anonymous caller learns nothing about
  // a route's payload rules, and never gets a large body parsed.
  app.addHook('onRequest', async (request, reply) => {
    // An unknown path is 404 for everyone: the route list is public in /openapi.json anyway.
    if (request.is404) return undefined;
    const minRole = request.routeOptions.config.minRole ?? 'admin';
    request.principal = await principalOf(sql, request);
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
