import type { FastifyInstance } from 'fastify';
import { explainMatch } from '../../screening/index.js';
import type { ServerContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { JSON_TYPE } from '../schemas.js';
import { caption, matchWatchlists, subjectOfQuery, type MatchAnswer, type MatchedEntity } from '../matching.js';
import { subjectOf } from '../entity-index.js';

const DATASET_PARAMS = {
  type: 'object',
  required: ['dataset'],
  additionalProperties: false,
  properties: { dataset: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' } },
} as const;

const SCHEMA = {
  type: 'string',
  enum: ['Thing', 'LegalEntity', 'Person', 'Company', 'Organization', 'Vessel', 'Airplane'],
} as const;

/** An entity in yente's response shape. */
function yenteEntity(m: MatchedEntity) {
  return {
    id: m.entity.id,
    caption: caption(m.entity),
    schema: m.entity.schema,
    properties: m.entity.properties,
    datasets: [m.dataset],
    referents: [],
    target: true,
  };
}

/** One query's entry of a `/match` response, in yente's shape. */
function matchResponse(query: unknown, found: MatchAnswer, threshold: number) {
  return {
    status: 200,
    total: { value: found.total, relation: 'eq' },
    query,
    results: found.results.map((m) => ({
      ...yenteEntity(m),
      score: m.hit.result.score,
      match: m.hit.result.score >= threshold,
      features: { name: m.hit.result.name.score },
      explanation: explainMatch(m.hit.result),
    })),
  };
}

/**
 * The part of yente's API that screening clients call (`/match/{dataset}`, `/search/{dataset}`),
 * answered by Chokepoint's own matcher over the loaded watchlists: same paths, parameters and
 * response fields, so a client written for yente works unchanged. Scores are ours, with our
 * explanation in `explanation` and the policy stamp in `matcher`.
 */
export function yenteRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{
    Params: { dataset: string };
    Querystring: { limit: number; threshold: number };
    Body: { queries: Record<string, { schema: string; properties: Record<string, string[]> }> };
  }>(
    '/match/:dataset',
    {
      schema: {
        tags: ['matching'],
        summary: 'yente-compatible batch matching of entities against a watchlist dataset ("default" = all)',
        params: DATASET_PARAMS,
        querystring: {
          type: 'object',
          additionalProperties: true,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 5 },
            threshold: { type: 'number', minimum: 0, maximum: 1 },
          },
        },
        body: {
          type: 'object',
          required: ['queries'],
          additionalProperties: false,
          properties: {
            queries: {
              type: 'object',
              maxProperties: 100,
              additionalProperties: {
                type: 'object',
                required: ['schema', 'properties'],
                additionalProperties: true,
                properties: {
                  schema: SCHEMA,
                  properties: {
                    type: 'object',
                    maxProperties: 50,
                    additionalProperties: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 1000 } },
                  },
                },
              },
            },
          },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request, reply) => {
      const { limit } = request.query;
      const threshold = request.query.threshold ?? ctx.entityIndex.policy.data.threshold;
      const responses: string[] = [];
      for (const [key, query] of Object.entries(request.body.queries)) {
        if ((query.properties['name'] ?? []).length === 0)
          throw new ApiError(400, 'VALIDATION', `query "${key}" has no name property`, {
            field: `body/queries/${key}/properties/name`,
          });
        const response = await ctx.entityIndex.watchlistResponse(
          JSON.stringify(['match', request.params.dataset, query, threshold, limit]),
          async (screener) => {
            // Candidates scoring down to half the threshold come back too (match: false), as yente's do.
            const found = await matchWatchlists(ctx.entityIndex, screener, request.params.dataset, subjectOfQuery(query), {
              threshold: threshold / 2,
              limit,
            });
            return found === undefined ? undefined : JSON.stringify(matchResponse(query, found, threshold));
          },
        );
        if (response === undefined) throw notFound(`dataset ${request.params.dataset}`);
        responses.push(`${JSON.stringify(key)}:${response}`);
      }
      // Assembled from the serialized (and possibly cached) per-query responses.
      const matcher = JSON.stringify({ name: ctx.entityIndex.policy.stamp, threshold });
      return reply.type(JSON_TYPE).send(`{"responses":{${responses.join(',')}},"limit":${limit},"matcher":${matcher}}`);
    },
  );

  app.get<{
    Params: { dataset: string };
    Querystring: { q: string; schema?: string; countries?: string; limit: number; offset: number };
  }>(
    '/search/:dataset',
    {
      schema: {
        tags: ['matching'],
        summary: 'yente-compatible name search in a watchlist dataset ("default" = all)',
        params: DATASET_PARAMS,
        querystring: {
          type: 'object',
          required: ['q'],
          additionalProperties: true,
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 300 },
            schema: SCHEMA,
            countries: { type: 'string', pattern: '^[A-Za-z]{2}$' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 10 },
            offset: { type: 'integer', minimum: 0, maximum: 10_000, default: 0 },
          },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request, reply) => {
      const q = request.query;
      const response = await ctx.entityIndex.watchlistResponse(
        JSON.stringify(['search', request.params.dataset, q.q, q.schema, q.countries, q.limit, q.offset]),
        async (screener) => {
          const subject = subjectOf({
            name: q.q,
            ...(q.schema === undefined ? {} : { schema: q.schema }),
            ...(q.countries === undefined ? {} : { countries: [q.countries] }),
          });
          const found = await matchWatchlists(ctx.entityIndex, screener, request.params.dataset, subject, {
            threshold: 0.6,
            limit: q.offset + q.limit,
          });
          return found === undefined
            ? undefined
            : JSON.stringify({
                limit: q.limit,
                offset: q.offset,
                total: { value: found.total, relation: 'eq' },
                results: found.results.slice(q.offset).map((m) => ({ ...yenteEntity(m), score: m.hit.result.score })),
                facets: {},
              });
        },
      );
      if (response === undefined) throw notFound(`dataset ${request.params.dataset}`);
      return reply.type(JSON_TYPE).send(response);
    },
  );
}
