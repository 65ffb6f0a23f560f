import type { FastifyInstance } from 'fastify';
import {
  addEvidence,
  addNote,
  CASE_PRIORITIES,
  CASE_STATUSES,
  caseFile,
  createCase,
  EVIDENCE_KINDS,
  getCase,
  linkEntity,
  listCases,
  updateCase,
  type CaseFilter,
  type CaseUpdate,
  type EvidenceKind,
  type NewCase,
} from '../../cases/index.js';
import type { ServerContext } from '../context.js';
import { ID, ID_PARAMS, PAGE_QUERY, page } from '../schemas.js';
import { NEW_CASE_PROPERTIES } from './alerts.js';

export function caseRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: Omit<CaseFilter, 'sort'> & { sort: CaseFilter['sort'] } }>(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases you may see (restricted cases of other teams never appear)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: CASE_STATUSES },
            priority: { type: 'string', enum: CASE_PRIORITIES },
            assigneeId: ID,
            team: NEW_CASE_PROPERTIES.team,
            q: { type: 'string', minLength: 1, maxLength: 200 },
            sort: {
              type: 'string',
              enum: ['updatedAt', '-updatedAt', 'createdAt', '-createdAt', 'priority', '-priority'],
              default: '-updatedAt',
            },
            ...PAGE_QUERY,
          },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      const result = await listCases(ctx.sql, request.principal!, request.query);
      return page(result.items, result.total, request.query.limit, request.query.offset);
    },
  );

  app.post<{ Body: NewCase }>(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Open a case, optionally from alerts and entities',
        body: {
          type: 'object',
          required: ['title'],
          additionalProperties: false,
          properties: {
            ...NEW_CASE_PROPERTIES,
            alertIds: { type: 'array', items: ID, maxItems: 500, uniqueItems: true },
            entityIds: { type: 'array', items: ID, maxItems: 500, uniqueItems: true },
          },
        },
      },
      config: { minRole: 'analyst' },
    },
    async (request, reply) => reply.status(201).send(await createCase(ctx.sql, request.principal!, request.body)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/cases/:id',
    {
      schema: { tags: ['cases'], summary: 'The case file: case, notes, evidence, entities, timeline', params: ID_PARAMS },
      config: { minRole: 'viewer' },
    },
    async (request) => caseFile(ctx.sql, request.principal!, request.params.id, 'read'),
  );

  app.get<{ Params: { id: string } }>(
    '/api/cases/:id/timeline',
    {
      schema: { tags: ['cases'], summary: 'What happened to the case, in order', params: ID_PARAMS },
      config: { minRole: 'viewer' },
    },
    async (request) => ({ items: (await caseFile(ctx.sql, request.principal!, request.params.id, 'read')).timeline }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/cases/:id/export',
    {
      schema: { tags: ['cases'], summary: 'The case file as a JSON download (audited)', params: ID_PARAMS },
      config: { minRole: 'analyst' },
    },
    async (request, reply) => {
      const file = await caseFile(ctx.sql, request.principal!, request.params.id, 'export');
      void reply.header('content-disposition', `attachment; filename="case-${file.case.id}.json"`);
      return {
        format: 'chokepoint-case',
        formatVersion: 1,
        exportedAt: new Date().toISOString(),
        exportedBy: request.principal!.userId,
        ...file,
      };
    },
  );

  app.patch<{ Params: { id: string }; Body: CaseUpdate }>(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Update a case; send the version you read (409 if it changed since)',
        params: ID_PARAMS,
        body: {
          type: 'object',
          required: ['version'],
          additionalProperties: false,
          minProperties: 2,
          properties: {
            version: { type: 'integer', minimum: 1 },
            title: NEW_CASE_PROPERTIES.title,
            description: NEW_CASE_PROPERTIES.description,
            status: { type: 'string', enum: CASE_STATUSES },
            priority: NEW_CASE_PROPERTIES.priority,
            assigneeId: NEW_CASE_PROPERTIES.assigneeId,
          },
        },
      },
      config: { minRole: 'analyst' },
    },
    async (request) => updateCase(ctx.sql, request.principal!, request.params.id, request.body),
  );

  app.post<{ Params: { id: string }; Body: { body: string } }>(
    '/api/cases/:id/notes',
    {
      schema: {
        tags: ['cases'],
        summary: 'Add a note',
        params: ID_PARAMS,
        body: {
          type: 'object',
          required: ['body'],
          additionalProperties: false,
          properties: { body: { type: 'string', minLength: 1, maxLength: 50_000 } },
        },
      },
      config: { minRole: 'analyst' },
    },
    async (request, reply) =>
      reply.status(201).send(await addNote(ctx.sql, request.principal!, request.params.id, request.body.body)),
  );

  app.post<{ Params: { id: string }; Body: { kind: EvidenceKind; ref: string; note?: string } }>(
    '/api/cases/:id/evidence',
    {
      schema: {
        tags: ['cases'],
        summary: 'Attach evidence: an alert, shipment, transaction or entity id, a document reference or a URL',
        params: ID_PARAMS,
        body: {
          type: 'object',
          required: ['kind', 'ref'],
          additionalProperties: false,
          properties: {
            kind: { type: 'string', enum: EVIDENCE_KINDS },
            ref: { type: 'string', minLength: 1, maxLength: 2000 },
            note: { type: 'string', maxLength: 5000 },
          },
        },
      },
      config: { minRole: 'analyst' },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addEvidence(
            ctx.sql,
            request.principal!,
            request.params.id,
            request.body.kind,
            request.body.ref,
            request.body.note ?? '',
          ),
        ),
  );

  app.post<{ Params: { id: string }; Body: { entityId: string; role?: string } }>(
    '/api/cases/:id/entities',
    {
      schema: {
        tags: ['cases'],
        summary: 'Link an entity to the case',
        params: ID_PARAMS,
        body: {
          type: 'object',
          required: ['entityId'],
          additionalProperties: false,
          properties: { entityId: ID, role: { type: 'string', enum: ['subject', 'associate', 'victim', 'witness', 'other'] } },
        },
      },
      config: { minRole: 'analyst' },
    },
    async (request, reply) => {
      await linkEntity(ctx.sql, request.principal!, request.params.id, request.body.entityId, request.body.role ?? 'subject');
      return reply.status(201).send(await getCase(ctx.sql, request.principal!, request.params.id));
    },
  );
}
