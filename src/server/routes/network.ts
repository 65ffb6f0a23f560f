import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  chokepointsQuery,
  exposureQuery,
  findNode,
  loadNetwork,
  loadNetworkPolicy,
  networkQuery,
  NotFoundError,
  parseTypes,
  pathQuery,
  toGexf,
  toGraphml,
  type EdgeFilter,
  type LoadedNetwork,
} from '../../graph/index.js';
import type { ServerContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { DATE_OR_TIME, ID_PARAMS } from '../schemas.js';

/** Building the graph reads the whole store: it is kept and rebuilt when older than the index TTL. */
const DEFAULT_TTL_SECONDS = 300;

/** The network the routes answer from, built on first use and after it expires. */
class NetworkCache {
  private built: { at: number; network: Promise<LoadedNetwork> } | undefined;
  constructor(private readonly ctx: ServerContext) {}

  get(): Promise<LoadedNetwork> {
    const ttl = (this.ctx.indexTtlSeconds ?? DEFAULT_TTL_SECONDS) * 1000;
    if (this.built === undefined || Date.now() - this.built.at > ttl) {
      const network = loadNetwork(
        this.ctx.store,
        loadNetworkPolicy(this.ctx.policiesDir === undefined ? undefined : join(this.ctx.policiesDir, 'network.json')),
      );
      // A failed build is not cached: the next request tries again.
      network.catch(() => (this.built = undefined));
      this.built = { at: Date.now(), network };
    }
    return this.built.network;
  }
}

const FILTER_QUERY = {
  types: { type: 'string', maxLength: 300, description: 'comma-separated edge types to follow (default: all)' },
  from: DATE_OR_TIME,
  to: DATE_OR_TIME,
} as const;

/** The edge filter of a request; unknown edge types are a 400 naming them. */
function filterOf(q: { types?: string; from?: string; to?: string }): EdgeFilter {
  let types: ReturnType<typeof parseTypes>;
  try {
    types = parseTypes(q.types);
  } catch (err) {
    throw new ApiError(400, 'VALIDATION', `types: ${(err as Error).message}`);
  }
  return {
    ...(types === undefined ? {} : { types }),
    ...(q.from === undefined ? {} : { from: Date.parse(q.from) }),
    ...(q.to === undefined ? {} : { to: Date.parse(q.to) }),
  };
}

function node(network: LoadedNetwork, query: string): number {
  try {
    return findNode(network.graph, query);
  } catch (err) {
    if (err instanceof NotFoundError) throw notFound(`entity ${query} in the network`);
    throw err;
  }
}

/**
 * The network functions of the CLI (`network`, `path`, `chokepoints`, `exposure`) for the
 * workbench and other clients: the same queries over the same graph, as JSON (and GraphML or
 * GEXF for a neighbourhood).
 */
export function networkRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const cache = new NetworkCache(ctx);

  app.get<{ Querystring: { from: string; to: string; maxHops?: number; types?: string } }>(
    '/api/network/path',
    {
      schema: {
        tags: ['network'],
        summary: 'Shortest and strongest paths between two entities',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: {
            from: { type: 'string', minLength: 1, maxLength: 300 },
            to: { type: 'string', minLength: 1, maxLength: 300 },
            maxHops: { type: 'integer', minimum: 1, maximum: 12 },
            types: FILTER_QUERY.types,
          },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      const network = await cache.get();
      const q = request.query;
      return pathQuery(network.graph, node(network, q.from), node(network, q.to), {
        ...filterOf({ ...(q.types === undefined ? {} : { types: q.types }) }),
        ...(q.maxHops === undefined ? {} : { maxHops: q.maxHops }),
      });
    },
  );

  app.get<{ Querystring: { top: number } }>(
    '/api/network/chokepoints',
    {
      schema: {
        tags: ['network'],
        summary: 'Entities whose removal cuts the most risky flow, with their evidence',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { top: { type: 'integer', minimum: 1, maximum: 500, default: 20 } },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request) => chokepointsQuery(await cache.get(), request.query.top),
  );

  app.get<{ Querystring: { top: number } }>(
    '/api/network/exposure',
    {
      schema: {
        tags: ['network'],
        summary: 'Entities most exposed to designated and flagged parties (PageRank, hops to risk, 50% rule)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { top: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request) => exposureQuery(await cache.get(), request.query.top),
  );

  app.get<{
    Params: { id: string };
    Querystring: {
      hops: number;
      maxNodes: number;
      format: 'json' | 'graphml' | 'gexf';
      types?: string;
      from?: string;
      to?: string;
    };
  }>(
    '/api/network/:id',
    {
      schema: {
        tags: ['network'],
        summary: "An entity's neighbourhood: nodes and edges within k hops, filtered by edge type and time",
        params: ID_PARAMS,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            hops: { type: 'integer', minimum: 1, maximum: 4, default: 2 },
            maxNodes: { type: 'integer', minimum: 1, maximum: 20_000, default: 2_000 },
            format: { type: 'string', enum: ['json', 'graphml', 'gexf'], default: 'json' },
            ...FILTER_QUERY,
          },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request, reply) => {
      const network = await cache.get();
      const q = request.query;
      const answer = networkQuery(network.graph, node(network, request.params.id), {
        ...filterOf(q),
        hops: q.hops,
        maxNodes: q.maxNodes,
      });
      if (q.format === 'json') return answer;
      const sub = { nodes: answer.nodes.map((n) => n.node), edges: answer.edges.map((e) => e.edge) };
      return reply
        .type(q.format === 'graphml' ? 'application/graphml+xml' : 'application/gexf+xml')
        .send(q.format === 'graphml' ? toGraphml(network.graph, sub) : toGexf(network.graph, sub));
    },
  );
}
