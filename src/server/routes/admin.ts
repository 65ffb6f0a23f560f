import type { FastifyInstance } from 'fastify';
import { listAudit, verifyAudit } from '../../audit/index.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../errors.js';
import { DEFAULT_POLICIES_DIR, listPolicies, readPolicy, validatePolicy } from '../policies.js';
import { ID, PAGE_QUERY } from '../schemas.js';

const POLICY_NAME = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}\\.json$' } as const;

export function adminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const dir = ctx.policiesDir ?? DEFAULT_POLICIES_DIR;

  app.get(
    '/health',
    { schema: { tags: ['meta'], summary: 'Liveness and the store it serves' }, config: { minRole: 'public' } },
    async () => ({
      ok: true,
      store: ctx.store.kind,
      schemaVersion: await ctx.store.schemaVersion(),
    }),
  );

  app.get(
    '/api/policies',
    { schema: { tags: ['policies'], summary: 'Policy files with id, version and content hash' }, config: { minRole: 'viewer' } },
    async () => ({
      items: listPolicies(dir),
    }),
  );

  app.get<{ Params: { name: string } }>(
    '/api/policies/:name',
    {
      schema: {
        tags: ['policies'],
        summary: 'A policy file, parsed, with its validation',
        params: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: POLICY_NAME } },
      },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      const policy = readPolicy(dir, request.params.name);
      if (policy === undefined) throw notFound(`policy ${request.params.name}`);
      return policy;
    },
  );

  app.post<{ Body: { name: string; content: unknown } }>(
    '/api/policies/validate',
    {
      schema: {
        tags: ['policies'],
        summary: 'Validate a candidate policy with the validator of the file it would replace (nothing is written)',
        body: {
          type: 'object',
          required: ['name', 'content'],
          additionalProperties: false,
          properties: { name: POLICY_NAME, content: { type: 'object' } },
        },
      },
      config: { minRole: 'analyst' },
    },
    async (request) => validatePolicy(request.body.name, JSON.stringify(request.body.content)),
  );

  app.get(
    '/api/datasets',
    { schema: { tags: ['datasets'], summary: 'Watchlist datasets and every version loaded' }, config: { minRole: 'viewer' } },
    async () => ({
      items: await ctx.store.listDatasets(),
    }),
  );

  app.get<{
    Querystring: { action?: string; targetKind?: string; targetId?: string; actor?: string; limit: number; offset: number };
  }>(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first (rows about compartments you are not in are left out)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            action: { type: 'string', pattern: '^[a-z_]+\\.[a-z_]+$' },
            targetKind: { type: 'string', pattern: '^[a-z_]+$' },
            targetId: { type: 'string', minLength: 1, maxLength: 200 },
            actor: ID,
            ...PAGE_QUERY,
          },
        },
      },
      config: { minRole: 'admin' },
    },
    async (request) => ({ items: await listAudit(ctx.sql, { ...request.query, teams: request.principal!.teams }) }),
  );

  app.get(
    '/api/audit/verify',
    {
      schema: { tags: ['audit'], summary: 'Recompute the hash chain; reports the first tampered row' },
      config: { minRole: 'admin' },
    },
    async () => verifyAudit(ctx.sql),
  );
}
