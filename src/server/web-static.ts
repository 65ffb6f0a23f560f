import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The built workbench (`npm run build:web`); the same relative place from src/server and dist/server. */
export const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * Serves the analyst's workbench (web/, issue 9): `/` redirects to `/app/`, every `/app/*` path
 * answers index.html (the app routes in the browser), and `/assets/*` the hashed bundles. The
 * pages are public, like any login page; the data behind them still needs a session. Nothing is
 * registered when the app was not built, so API-only deployments and tests are unchanged; API
 * paths keep their JSON 404s because only these three prefixes are claimed.
 */
export async function registerWebApp(app: FastifyInstance, root: string = WEB_DIST): Promise<void> {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return;
  const indexHtml = readFileSync(indexFile, 'utf8');
  await app.register(async (scope) => {
    // Routes in this scope only: public, and kept out of the OpenAPI document.
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, minRole: 'public' };
      route.schema = { ...route.schema, hide: true };
    });
    await scope.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      // Vite names bundles by content hash, so a cached copy is never stale.
      immutable: true,
      maxAge: '365d',
    });
    const sendIndex = async (_request: unknown, reply: FastifyReply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
    scope.get('/', async (_request, reply) => reply.redirect('/app/'));
    scope.get('/app', sendIndex);
    scope.get('/app/*', sendIndex);
  });
}
