import type { FastifyInstance } from 'fastify';
import {
  CASE_PRIORITIES,
  getQueuedAlert,
  listAlertQueue,
  TRIAGE_STATUSES,
  triageAlert,
  type AlertQueueFilter,
  type CasePriority,
  type TriageAction,
} from '../../cases/index.js';
import { ALERT_LEVELS, SUBJECT_KINDS } from '../../model/index.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../errors.js';
import { DATE_OR_TIME, ID, ID_PARAMS, PAGE_QUERY, page } from '../schemas.js';

const TEAM = { type: ['string', 'null'], pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$' } as const;

export const NEW_CASE_PROPERTIES = {
  title: { type: 'string', minLength: 3, maxLength: 200 },
  description: { type: 'string', maxLength: 20_000 },
  priority: { type: 'string', enum: CASE_PRIORITIES },
  team: TEAM,
  assigneeId: { anyOf: [ID, { type: 'null' }] },
} as const;

export function alertRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: Omit<AlertQueueFilter, 'sort'> & { sort: AlertQueueFilter['sort'] } }>(
    '/api/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'The alert queue: filter by detector, level, status, subject, assignee and date; sort by score or date',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            detectorId: { type: 'string', minLength: 1, maxLength: 100 },
            level: { type: 'string', enum: ALERT_LEVELS },
            status: { type: 'string', enum: TRIAGE_STATUSES },
            subjectKind: { type: 'string', enum: SUBJECT_KINDS },
            subjectId: ID,
            assigneeId: ID,
            from: DATE_OR_TIME,
            to: DATE_OR_TIME,
            minScore: { type: 'number', minimum: 0, maximum: 100 },
            sort: { type: 'string', enum: ['score', '-score', 'createdAt', '-createdAt'], default: '-score' },
            ...PAGE_QUERY,
          },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      const result = await listAlertQueue(ctx.sql, request.principal!, request.query);
      return page(result.items, result.total, request.query.limit, request.query.offset);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/alerts/:id',
    {
      schema: { tags: ['alerts'], summary: 'One alert with its reasons and triage', params: ID_PARAMS },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      const alert = await getQueuedAlert(ctx.sql, request.principal!, request.params.id);
      if (alert === undefined) throw notFound(`alert ${request.params.id}`);
      return alert;
    },
  );

  const triage = <B>(path: string, summary: string, body: Record<string, unknown>, step: (b: B) => TriageAction): void => {
    app.post<{ Params: { id: string }; Body: B }>(
      `/api/alerts/:id/${path}`,
      { schema: { tags: ['alerts'], summary, params: ID_PARAMS, body }, config: { minRole: 'analyst' } },
      async (request) => triageAlert(ctx.sql, request.principal!, request.params.id, step(request.body as B)),
    );
  };

  triage<{ assigneeId: string }>(
    'assign',
    'Assign the alert (to yourself; supervisors to anyone)',
    { type: 'object', required: ['assigneeId'], additionalProperties: false, properties: { assigneeId: ID } },
    (b) => ({ action: 'assign', assigneeId: b.assigneeId }),
  );
  triage<{ reason: string }>(
    'dismiss',
    'Dismiss the alert with a reason',
    {
      type: 'object',
      required: ['reason'],
      additionalProperties: false,
      properties: { reason: { type: 'string', minLength: 3, maxLength: 2000 } },
    },
    (b) => ({ action: 'dismiss', reason: b.reason }),
  );
  triage<Record<string, never>>(
    'reopen',
    'Put the alert back in the open queue',
    { type: 'object', additionalProperties: false, properties: {} },
    () => ({ action: 'reopen' }),
  );
  triage<{
    caseId?: string;
    case?: { title: string; description?: string; priority?: CasePriority; team?: string | null; assigneeId?: string | null };
  }>(
    'escalate',
    'Escalate the alert into an existing case (caseId) or a new one (case)',
    {
      type: 'object',
      additionalProperties: false,
      oneOf: [{ required: ['caseId'] }, { required: ['case'] }],
      properties: {
        caseId: ID,
        case: { type: 'object', required: ['title'], additionalProperties: false, properties: NEW_CASE_PROPERTIES },
      },
    },
    (b) => (b.caseId !== undefined ? { action: 'escalate', caseId: b.caseId } : { action: 'escalate', newCase: b.case! }),
  );
}
