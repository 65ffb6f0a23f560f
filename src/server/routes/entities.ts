import type { FastifyInstance } from 'fastify';
import { casesOfEntity, listAlertQueue } from '../../cases/index.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../errors.js';
import { ID_PARAMS, JSON_TYPE } from '../schemas.js';
import { subjectOf } from '../entity-index.js';

const SEARCH_QUERY = {
  type: 'object',
  required: ['q'],
  additionalProperties: false,
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 300, description: 'a name, in any script' },
    schema: { type: 'string', enum: ['Person', 'Company', 'Organization', 'Vessel', 'LegalEntity'] },
    country: { type: 'string', pattern: '^[A-Za-z]{2}$' },
    threshold: { type: 'number', minimum: 0, maximum: 1, default: 0.7 },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  },
} as const;

export function entityRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { q: string; schema?: string; country?: string; threshold: number; limit: number } }>(
    '/api/entities/search',
    {
      schema: {
        tags: ['entities'],
        summary: 'Fuzzy name search over stored entities, each hit with its explanation',
        querystring: SEARCH_QUERY,
      },
      config: { minRole: 'viewer' },
    },
    async (request, reply) => {
      const q = request.query;
      const response = await ctx.entityIndex.searchResponse(
        JSON.stringify([q.q, q.schema, q.country, q.threshold, q.limit]),
        (screener) => {
          const subject = subjectOf({
            name: q.q,
            ...(q.schema === undefined ? {} : { schema: q.schema }),
            ...(q.country === undefined ? {} : { countries: [q.country] }),
          });
          const hits = screener.screen(subject, q.threshold);
          return JSON.stringify({
            items: hits.slice(0, q.limit).map((h) => ({
              id: h.entityId,
              schema: h.schema,
              score: h.result.score,
              name: h.result.name.candidateName,
              explanation: { name: h.result.name, facts: h.result.facts, schema: h.result.schema, policy: h.result.policy },
            })),
            total: hits.length,
          });
        },
      );
      return reply.type(JSON_TYPE).send(response);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/entities/:id',
    {
      schema: {
        tags: ['entities'],
        summary: 'An entity with every statement and its provenance, links, alerts and cases',
        params: ID_PARAMS,
      },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      const stored = await ctx.store.getEntity(request.params.id);
      if (stored === undefined) throw notFound(`entity ${request.params.id}`);
      const [links, alerts, cases] = await Promise.all([
        ctx.store.links(request.params.id),
        listAlertQueue(ctx.sql, request.principal!, {
          subjectKind: 'entity',
          subjectId: request.params.id,
          sort: '-score',
          limit: 100,
          offset: 0,
        }),
        casesOfEntity(ctx.sql, request.principal!, request.params.id),
      ]);
      return {
        entity: stored.entity,
        statements: stored.statements,
        datasets: [...new Set(stored.statements.map((s) => s.provenance.dataset))].sort(),
        links,
        alerts: alerts.items,
        cases,
      };
    },
  );
}
