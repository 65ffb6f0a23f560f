import type { FastifyInstance } from 'fastify';
import { addUser, listTeams, listUsers, MIN_PASSWORD_LENGTH, ROLES, updateUser, type Role } from '../../auth/index.js';
import type { ServerContext } from '../context.js';
import { ID_PARAMS } from '../schemas.js';

const TEAM = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$' } as const;

export function userRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/users',
    { schema: { tags: ['users'], summary: 'Every user (admin)' }, config: { minRole: 'admin' } },
    async () => ({ items: await listUsers(ctx.sql) }),
  );

  app.get(
    '/api/teams',
    { schema: { tags: ['users'], summary: 'Teams (compartments) and their sizes (admin)' }, config: { minRole: 'admin' } },
    async () => ({
      items: await listTeams(ctx.sql),
    }),
  );

  app.post<{ Body: { name: string; password: string; role: Role; teams?: string[] } }>(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Add a user (admin)',
        body: {
          type: 'object',
          required: ['name', 'password', 'role'],
          additionalProperties: false,
          properties: {
            name: TEAM,
            password: { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 },
            role: { type: 'string', enum: ROLES },
            teams: { type: 'array', items: TEAM, maxItems: 50, uniqueItems: true },
          },
        },
      },
      config: { minRole: 'admin' },
    },
    async (request, reply) => reply.status(201).send(await addUser(ctx.sql, request.body, request.principal!.userId)),
  );

  app.patch<{ Params: { id: string }; Body: { role?: Role; active?: boolean; teams?: string[]; unlock?: boolean } }>(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user: role, active, teams, unlock (admin)',
        params: ID_PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            role: { type: 'string', enum: ROLES },
            active: { type: 'boolean' },
            teams: { type: 'array', items: TEAM, maxItems: 50, uniqueItems: true },
            unlock: { type: 'boolean' },
          },
        },
      },
      config: { minRole: 'admin' },
    },
    async (request) => updateUser(ctx.sql, request.params.id, request.body, request.principal!.userId),
  );
}
