import type { FastifyInstance } from 'fastify';
import { LEVER_DOCS, SCENARIOS } from '../../simulate/index.js';
import type { WhatIfParams } from '../jobs.js';
import { recordAudit } from '../../audit/index.js';
import type { ServerContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { ID_PARAMS } from '../schemas.js';

export function jobRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/jobs',
    {
      schema: { tags: ['jobs'], summary: "Analyze jobs of this server process, and the store's ingest runs" },
      config: { minRole: 'viewer' },
    },
    async () => ({
      jobs: ctx.jobs?.list() ?? [],
      ingestRuns: await ctx.store.listRuns(),
    }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/jobs/:id',
    {
      schema: { tags: ['jobs'], summary: 'One job with its status, result and log', params: ID_PARAMS },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      const job = ctx.jobs?.get(request.params.id);
      if (job === undefined) throw notFound(`job ${request.params.id}`);
      return job;
    },
  );

  app.get(
    '/api/whatif/options',
    {
      schema: { tags: ['jobs'], summary: "The what-if's scenarios and levers, with each lever's meaning and source" },
      config: { minRole: 'viewer' },
    },
    async () => ({
      scenarios: SCENARIOS.map((s) => ({ name: s.name, description: s.description })),
      levers: Object.entries(LEVER_DOCS).map(([name, doc]) => ({ name, ...doc })),
      scales: ['tiny', 'small'],
    }),
  );

  app.post<{ Body: WhatIfParams }>(
    '/api/jobs/whatif',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Compare lever settings on simulated worlds (simulate → ingest → detect → evaluate per value and seed)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['lever', 'values'],
          properties: {
            scenario: { type: 'string', enum: SCENARIOS.map((s) => s.name), default: 'baseline' },
            lever: { type: 'string', pattern: '^[A-Za-z]+(\\.[A-Za-z0-9_-]+)?$', maxLength: 80 },
            values: { type: 'array', minItems: 1, maxItems: 6, items: { type: 'string', pattern: '^[0-9.]+$', maxLength: 20 } },
            seeds: { type: 'integer', minimum: 1, maximum: 5, default: 2 },
            // Larger worlds take minutes per run: the command line is the place for them.
            scale: { type: 'string', enum: ['tiny', 'small'], default: 'tiny' },
          },
        },
      },
      config: { minRole: 'analyst' },
    },
    async (request, reply) => {
      if (ctx.jobs === undefined || !ctx.jobs.available)
        throw new ApiError(
          503,
          'UNAVAILABLE',
          'jobs need the built CLI (npm run build) and the server started with its database location',
        );
      const running = ctx.jobs.running();
      if (running !== undefined)
        throw new ApiError(409, 'CONFLICT', `${running.kind} job ${running.id} is still running`, { jobId: running.id });
      const job = ctx.jobs.startWhatIf(request.principal!.userId, request.body);
      await recordAudit(ctx.sql, {
        actor: request.principal!.userId,
        action: 'job.whatif',
        targetKind: 'job',
        targetId: job.id,
        team: null,
        detail: { ...request.body },
      });
      return reply.status(202).send(job);
    },
  );

  app.post(
    '/api/jobs/analyze',
    {
      schema: { tags: ['jobs'], summary: 'Run the registered detectors over the store in a background process (supervisor)' },
      config: { minRole: 'supervisor' },
    },
    async (request, reply) => {
      if (ctx.jobs === undefined || !ctx.jobs.available)
        throw new ApiError(
          503,
          'UNAVAILABLE',
          'jobs need the built CLI (npm run build) and the server started with its database location',
        );
      const running = ctx.jobs.running();
      if (running !== undefined)
        throw new ApiError(409, 'CONFLICT', `${running.kind} job ${running.id} is still running`, { jobId: running.id });
      const job = ctx.jobs.startAnalyze(request.principal!.userId);
      await recordAudit(ctx.sql, {
        actor: request.principal!.userId,
        action: 'job.analyze',
        targetKind: 'job',
        targetId: job.id,
        team: null,
        detail: {},
      });
      return reply.status(202).send(job);
    },
  );
}
