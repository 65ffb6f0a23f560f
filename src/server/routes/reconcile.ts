import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import {
  escapeHtml,
  manifest02,
  manifest10,
  queryBatch02,
  queryBatch10,
  readBatch02,
  readBatch10,
  reconcile,
} from '../reconcile.js';
import { ID } from '../schemas.js';

/** The service's own address as the client reached it, for the manifest's URL templates. */
function base(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'VALIDATION', `${field} is not valid JSON`, { field });
  }
}

async function answer02(ctx: ServerContext, raw: unknown) {
  const parsed = queryBatch02.safeParse(raw);
  if (!parsed.success)
    throw new ApiError(
      400,
      'VALIDATION',
      `invalid reconciliation queries: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      { problems: parsed.error.issues },
    );
  const out: Record<string, { result: unknown[] }> = {};
  for (const [key, q] of readBatch02(parsed.data)) out[key] = { result: await reconcile(ctx.entityIndex, q) };
  return out;
}

const QUERIES_FIELD = {
  type: 'object',
  additionalProperties: false,
  properties: { queries: { type: 'string', maxLength: 200_000 } },
} as const;

/**
 * `/reconcile` speaks version 0.2 (OpenRefine): GET without parameters is the manifest, GET or
 * POST (form-encoded) with `queries` a batch. A POST with a JSON body `{queries: [...]}` is a
 * 1.0-draft batch; `/reconcile?version=1.0` gives the 1.0 manifest.
 */
export function reconcileRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 262_144 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.get<{ Querystring: { queries?: string; version?: string } }>(
    '/reconcile',
    {
      schema: {
        tags: ['matching'],
        summary: 'W3C Reconciliation API: the service manifest, or a 0.2 query batch in `queries`',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            queries: { type: 'string', maxLength: 200_000 },
            version: { type: 'string', enum: ['0.2', '1.0', '1.0-draft'] },
          },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      if (request.query.queries !== undefined) return answer02(ctx, parseJson(request.query.queries, 'queries'));
      return request.query.version?.startsWith('1.0') ? manifest10(base(request)) : manifest02(base(request));
    },
  );

  app.post<{ Body: { queries?: unknown } }>(
    '/reconcile',
    {
      schema: {
        tags: ['matching'],
        summary: 'W3C Reconciliation API query batch: form-encoded `queries` (0.2) or a JSON body {queries:[...]} (1.0 draft)',
        body: {
          anyOf: [
            QUERIES_FIELD,
            { type: 'object', required: ['queries'], properties: { queries: { type: 'array', maxItems: 100 } } },
          ],
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      const queries = request.body.queries;
      if (typeof queries === 'string') return answer02(ctx, parseJson(queries, 'queries'));
      const parsed = queryBatch10.safeParse(request.body);
      if (!parsed.success)
        throw new ApiError(
          400,
          'VALIDATION',
          `invalid reconciliation queries: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
          { problems: parsed.error.issues },
        );
      const results = [];
      for (const q of readBatch10(parsed.data)) results.push({ candidates: await reconcile(ctx.entityIndex, q) });
      return { results };
    },
  );

  app.get<{ Querystring: { prefix: string; cursor: number } }>(
    '/reconcile/suggest/entity',
    {
      schema: {
        tags: ['matching'],
        summary: 'Reconciliation suggest: entities whose names resemble a prefix',
        querystring: {
          type: 'object',
          required: ['prefix'],
          additionalProperties: true,
          properties: {
            prefix: { type: 'string', minLength: 1, maxLength: 300 },
            cursor: { type: 'integer', minimum: 0, maximum: 1000, default: 0 },
          },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      const hits = await reconcile(ctx.entityIndex, {
        name: request.query.prefix,
        schema: 'LegalEntity',
        limit: request.query.cursor + 10,
        countries: [],
        birthDates: [],
      });
      return {
        result: hits
          .slice(request.query.cursor)
          .map((c) => ({ id: c.id, name: c.name, description: c.description, notable: c.type })),
      };
    },
  );

  app.get<{ Querystring: { id: string } }>(
    '/reconcile/preview',
    {
      schema: {
        tags: ['matching'],
        summary: 'Reconciliation preview: a small HTML card for an entity',
        querystring: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: ID } },
      },
      config: { minRole: 'viewer' },
    },
    async (request, reply) => {
      const stored = await ctx.store.getEntity(request.query.id);
      if (stored === undefined) throw notFound(`entity ${request.query.id}`);
      const p = stored.entity.properties;
      const rows = ['name', 'alias', 'country', 'nationality', 'birthDate', 'program']
        .filter((k) => (p[k] ?? []).length > 0)
        .map((k) => `<tr><th>${k}</th><td>${escapeHtml((p[k] ?? []).join('; '))}</td></tr>`);
      const datasets = [...new Set(stored.statements.map((s) => s.provenance.dataset))].join(', ');
      return reply
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><html><body><h3>${escapeHtml(p['name']?.[0] ?? stored.entity.id)}</h3><p>${escapeHtml(stored.entity.schema)} · ${escapeHtml(datasets)}</p><table>${rows.join('')}</table></body></html>`,
        );
    },
  );
}
