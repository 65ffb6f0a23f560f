import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { installAuth } from './auth-hook.js';
import type { ServerContext, ServerOptions } from './context.js';
import { EntityIndex } from './entity-index.js';
import { DEFAULT_REQUESTS_PER_TURN, fairTurns } from './fair-turns.js';
import { JobRunner } from './jobs.js';
import { ApiError, ERROR_SCHEMA, errorHandler } from './errors.js';
import { adminRoutes } from './routes/admin.js';
import { alertRoutes } from './routes/alerts.js';
import { authRoutes } from './routes/auth.js';
import { caseRoutes } from './routes/cases.js';
import { entityRoutes } from './routes/entities.js';
import { jobRoutes } from './routes/jobs.js';
import { reconcileRoutes } from './routes/reconcile.js';
import { networkRoutes } from './routes/network.js';
import { evaluationRoutes } from './routes/evaluation.js';
import { recordRoutes } from './routes/records.js';
import { userRoutes } from './routes/users.js';
import { yenteRoutes } from './routes/yente.js';
import { installSecureHeaders } from './secure-headers.js';

/**
 * The investigation server as a Fastify instance, not yet listening: `chokepoint serve` calls
 * `listen`, tests call `inject`. The caller owns the store and the SQL connection and closes
 * them after the server.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false || options.logger === undefined
        ? false
        : {
            ...(options.logger === true ? {} : options.logger),
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          },
    // Unknown fields are refused rather than silently dropped: a typo in a request is an error.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
    bodyLimit: 1_048_576,
    trustProxy: false,
  });
  const entityIndex = new EntityIndex(options.store, (options.indexTtlSeconds ?? 300) * 1000, {
    ...(options.answerCacheSize === undefined ? {} : { answerCacheSize: options.answerCacheSize }),
  });
  // After an analyze the alerts changed; after an ingest the entities did: searches rebuild.
  const jobs =
    options.dbLocation === undefined ? undefined : new JobRunner(options.sql, options.dbLocation, () => entityIndex.invalidate());
  const ctx: ServerContext = { ...options, entityIndex, jobs };
  app.decorate('answerCacheStats', () => entityIndex.cacheStats());

  // Heartbeats stop with the server; a job still running is then marked lost by whoever looks next.
  app.addHook('onClose', async () => jobs?.close());
  // First of all hooks: short event-loop turns, so that new connections keep being accepted under load.
  const turn = fairTurns(options.requestsPerTurn ?? DEFAULT_REQUESTS_PER_TURN);
  app.addHook('onRequest', async () => turn());
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request) => {
    throw new ApiError(404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`);
  });
  app.addSchema(ERROR_SCHEMA);

  // The API documents are public; every other route must say who may call it (see auth-hook.ts).
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs') && route.config?.minRole === undefined)
      route.config = { ...route.config, minRole: 'public' };
    // Every documented route answers failures in the one error shape; say so in the OpenAPI document.
    if (route.schema !== undefined && route.schema.hide !== true && route.schema.response === undefined)
      route.schema = { ...route.schema, response: { '4XX': { $ref: 'Error#' }, '5XX': { $ref: 'Error#' } } };
  });

  installSecureHeaders(app);
  await app.register(fastifyCookie, { secret: options.cookieSecret ?? randomBytes(32).toString('hex') });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', signed: true, secure: options.secureCookies === true },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Chokepoint investigation API',
        version: '1.0.0',
        description: 'Alerts, cases, entities and matching. Errors are always {error:{code,message,details}}.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'chokepoint_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });

  installAuth(app, options.sql, { publicMatching: options.publicMatching === true });
  app.get('/openapi.json', { schema: { hide: true }, config: { minRole: 'public' } }, async () => app.swagger());

  authRoutes(app, ctx);
  userRoutes(app, ctx);
  entityRoutes(app, ctx);
  recordRoutes(app, ctx);
  alertRoutes(app, ctx);
  caseRoutes(app, ctx);
  adminRoutes(app, ctx);
  jobRoutes(app, ctx);
  yenteRoutes(app, ctx);
  reconcileRoutes(app, ctx);
  networkRoutes(app, ctx);
  evaluationRoutes(app, ctx);
  await (await import('./web-static.js')).registerWebApp(app); // the workbench (web/), when built
  await app.ready();
  return app;
}
