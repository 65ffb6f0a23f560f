import type { FastifyInstance } from 'fastify';
import {
  attemptLogin,
  createApiToken,
  createSession,
  deleteSession,
  DEFAULT_LOCKOUT,
  getUser,
  listApiTokens,
  revokeApiToken,
  SESSION_HOURS,
} from '../../auth/index.js';
import { SESSION_COOKIE } from '../auth-hook.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ID_PARAMS } from '../schemas.js';

const LOGIN_BODY = {
  type: 'object',
  required: ['name', 'password'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const;

export function authRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const sessionHours = ctx.sessionHours ?? SESSION_HOURS;
  const cookie = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: ctx.secureCookies === true };

  app.post<{ Body: { name: string; password: string } }>(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Sign in with a name and password; sets the session cookie', body: LOGIN_BODY },
      config: { minRole: 'public', rateLimit: { max: ctx.loginRateLimit ?? 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const outcome = await attemptLogin(ctx.sql, request.body.name, request.body.password, ctx.lockout ?? DEFAULT_LOCKOUT);
      if (!outcome.ok) {
        // One message for unknown names and wrong passwords: the answer must not reveal which names exist.
        if (outcome.reason === 'locked')
          throw new ApiError(423, 'LOCKED', 'too many failed sign-ins: this account is locked for a while');
        throw new ApiError(401, 'UNAUTHENTICATED', 'wrong name or password');
      }
      const secret = await createSession(ctx.sql, outcome.userId, sessionHours);
      void reply.setCookie(SESSION_COOKIE, secret, { ...cookie, maxAge: sessionHours * 3600 });
      const user = await getUser(ctx.sql, outcome.userId);
      return { user, csrfToken: reply.generateCsrf() };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out (ends the session)' }, config: { minRole: 'viewer' } },
    async (request, reply) => {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret !== undefined) await deleteSession(ctx.sql, secret);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/session',
    { schema: { tags: ['auth'], summary: 'Who is signed in' }, config: { minRole: 'viewer' } },
    async (request) => {
      return { user: await getUser(ctx.sql, request.principal!.userId), via: request.principal!.via };
    },
  );

  app.get(
    '/api/auth/csrf',
    {
      schema: { tags: ['auth'], summary: 'A CSRF token for the x-csrf-token header of cookie-authenticated writes' },
      config: { minRole: 'viewer' },
    },
    async (_request, reply) => {
      return { csrfToken: reply.generateCsrf() };
    },
  );

  app.get(
    '/api/auth/tokens',
    { schema: { tags: ['auth'], summary: 'Your API tokens (without their secrets)' }, config: { minRole: 'viewer' } },
    async (request) => {
      return { items: await listApiTokens(ctx.sql, request.principal!.userId) };
    },
  );

  app.post<{ Body: { name: string } }>(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API token acting as you; the secret is shown once',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request, reply) => {
      const { token, secret } = await createApiToken(
        ctx.sql,
        request.principal!.userId,
        request.body.name,
        request.principal!.userId,
      );
      return reply.status(201).send({ token, secret });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/auth/tokens/:id',
    { schema: { tags: ['auth'], summary: 'Revoke one of your API tokens', params: ID_PARAMS }, config: { minRole: 'viewer' } },
    async (request) => {
      await revokeApiToken(ctx.sql, request.params.id, request.principal!.userId, request.principal!.userId);
      return { ok: true };
    },
  );
}
