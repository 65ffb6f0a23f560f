import type { FastifyInstance } from 'fastify';
import { DETECTORS } from '../../detect/index.js';
import { alertedRecords, evaluate, readTruth, type Evaluation } from '../../evaluate/index.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../errors.js';

/**
 * Caught versus planted: on a simulated world served with `--truth`, the stored alerts scored
 * against its ground truth (the same evaluation as `chokepoint evaluate`). Computed per request:
 * triage changes nothing here, but `analyze` jobs add alerts.
 */
export function evaluationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/evaluation',
    {
      schema: {
        tags: ['evaluation'],
        summary: "The alerts against a simulated world's ground truth: per typology and scheme, kg and USD caught",
      },
      config: { minRole: 'viewer' },
    },
    async (): Promise<Evaluation> => {
      if (ctx.truthFile === undefined) throw notFound('ground truth: the server was started without --truth');
      const truth = await readTruth(ctx.truthFile);
      const alerts = await ctx.store.listAlerts({ limit: Number.MAX_SAFE_INTEGER });
      const claims = new Map(DETECTORS.map((d) => [d.id, d.typologies]));
      return evaluate(truth, await alertedRecords(alerts, ctx.store), 'all alerts', claims);
    },
  );
}
