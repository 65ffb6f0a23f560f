import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../store/index.js';
import { buildServer } from './build-server.js';
import { openWorkspaceDb, type Sql } from './db/index.js';
import { makeWorld, type World } from './test-world.js';

/**
 * Two server instances, each with its own connection pool, on one PostgreSQL database: what
 * two server processes behind a load balancer look like to the database.
 */
describe('concurrent case edits on PostgreSQL (two servers, one database)', () => {
  let world: World;
  let second: { app: FastifyInstance; store: Store; sql: Sql };
  beforeAll(async () => {
    world = await makeWorld('postgres');
    const store = await openStore(world.location);
    const sql = await openWorkspaceDb(world.location);
    second = {
      app: await buildServer({ store, sql, logger: false, cookieSecret: 'test-secret-test-secret-test-secret' }),
      store,
      sql,
    };
  });
  afterAll(async () => {
    await second.app.close();
    await second.sql.close();
    await second.store.close();
    await world.close();
  });

  const call = (app: FastifyInstance, token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) });

  it('lets exactly one of many simultaneous updates from one version win; the rest get 409', async () => {
    const token = world.tokens['carl']!;
    const created = (await call(world.app, token, 'POST', '/api/cases', { title: 'Race' })).json();
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(i % 2 ? second.app : world.app, token, 'PATCH', `/api/cases/${created.id}`, { version: 1, title: `Race ${i}` }),
      ),
    );
    const codes = attempts.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(11);
    const winner = attempts.find((r) => r.statusCode === 200)!.json();
    const now = (await call(second.app, token, 'GET', `/api/cases/${created.id}`)).json();
    expect(now.case).toMatchObject({ version: 2, title: winner.title });
  });

  it('loses no update when clients reload and retry on 409', async () => {
    const token = world.tokens['carl']!;
    const created = (await call(world.app, token, 'POST', '/api/cases', { title: 'Counter', description: '' })).json();
    const workers = 6;
    const each = 4;
    const worker = async (w: number): Promise<number> => {
      const app = w % 2 ? second.app : world.app;
      let conflicts = 0;
      for (let k = 0; k < each; k++) {
        for (;;) {
          const current = (await call(app, token, 'GET', `/api/cases/${created.id}`)).json().case;
          const res = await call(app, token, 'PATCH', `/api/cases/${created.id}`, {
            version: current.version,
            description: `${current.description}[${w}.${k}]`,
          });
          if (res.statusCode === 200) break;
          expect(res.statusCode).toBe(409);
          conflicts++;
        }
      }
      return conflicts;
    };
    const conflicts = await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
    const final = (await call(world.app, token, 'GET', `/api/cases/${created.id}`)).json().case;
    expect(final.version).toBe(1 + workers * each);
    for (let w = 0; w < workers; w++) for (let k = 0; k < each; k++) expect(final.description).toContain(`[${w}.${k}]`);
    expect(conflicts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // Every update is in the audit chain, which both servers appended to without a break.
    expect((await call(second.app, world.tokens['admin']!, 'GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });
  });
});
