import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FORMATS } from '../../ingest/index.js';
import { LEVER_DOCS, SCENARIOS } from '../../simulate/index.js';
import { JobConflict, type Job, type JobRunner, type WhatIfParams } from '../jobs.js';
import { recordAudit } from '../../audit/index.js';
import type { ServerContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { ID_PARAMS } from '../schemas.js';
import { ingestUploadRoute } from './ingest-upload.js';

const NO_JOBS = 'jobs need the built CLI (npm run build) and the server started with its database location';

/** The runner, or 503 when this server runs no jobs. */
export function jobRunner(ctx: ServerContext): JobRunner {
  if (ctx.jobs === undefined || !ctx.jobs.available) throw new ApiError(503, 'UNAVAILABLE', NO_JOBS);
  return ctx.jobs;
}

/** Another job is running: 409 naming it. */
export const conflict = (err: JobConflict): ApiError => new ApiError(409, 'CONFLICT', err.message, { jobId: err.running.id });

/** Starts a job and audits who started it; another running job is a 409 naming it. */
export async function startAudited(
  ctx: ServerContext,
  request: FastifyRequest,
  start: () => Promise<Job>,
  detail: Record<string, unknown>,
): Promise<Job> {
  let job: Job;
  try {
    job = await start();
  } catch (err) {
    if (err instanceof JobConflict) throw conflict(err);
    throw err;
  }
  await recordAudit(ctx.sql, {
    actor: request.principal!.userId,
    action: `job.${job.kind}`,
    targetKind: 'job',
    targetId: job.id,
    team: null,
    detail,
  });
  return job;
}

export function jobRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/jobs',
    {
      schema: { tags: ['jobs'], summary: "The latest 100 jobs (every server process's), and the store's ingest runs" },
      config: { minRole: 'viewer' },
    },
    async () => ({
      jobs: (await ctx.jobs?.list()) ?? [],
      ingestRuns: await ctx.store.listRuns(),
      // What POST /api/jobs/ingest accepts as `format` (without one, it is detected from the content).
      ingestFormats: FORMATS.map((f) => ({ id: f.id, description: f.description })),
    }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/jobs/:id',
    {
      schema: { tags: ['jobs'], summary: 'One job with its status, result and log', params: ID_PARAMS },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      const job = await ctx.jobs?.get(request.params.id);
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
      const jobs = jobRunner(ctx);
      const job = await startAudited(ctx, request, () => jobs.startWhatIf(request.principal!.userId, request.body), {
        ...request.body,
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
      const jobs = jobRunner(ctx);
      const job = await startAudited(ctx, request, () => jobs.startAnalyze(request.principal!.userId), {});
      return reply.status(202).send(job);
    },
  );

  ingestUploadRoute(app, ctx);
}
