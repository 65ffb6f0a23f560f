import type { FastifyInstance } from 'fastify';
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
        throw new ApiError(409, 'CONFLICT', `analyze job ${running.id} is still running`, { jobId: running.id });
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
