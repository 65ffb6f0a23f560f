import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../auth/index.js';
import { as, makeWorld, type World } from './test-world.js';

/**
 * The authorization matrix: every route in the OpenAPI document × every role × compartment.
 * The table below is the specification; a route added without a row here fails the test, so
 * no endpoint ships without a decision on who may call it.
 */
const MIN_ROLE: Readonly<Record<string, Role | 'public'>> = {
  'GET /health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'viewer',
  'GET /api/auth/session': 'viewer',
  'GET /api/auth/csrf': 'viewer',
  'GET /api/auth/tokens': 'viewer',
  'POST /api/auth/tokens': 'viewer',
  'DELETE /api/auth/tokens/{id}': 'viewer',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PATCH /api/users/{id}': 'admin',
  'GET /api/teams': 'admin',
  'GET /api/entities/search': 'viewer',
  'GET /api/entities/{id}': 'viewer',
  'GET /api/shipments': 'viewer',
  'GET /api/shipments/{id}': 'viewer',
  'GET /api/transactions': 'viewer',
  'GET /api/transactions/{id}': 'viewer',
  'GET /api/alerts': 'viewer',
  'GET /api/alerts/{id}': 'viewer',
  'POST /api/alerts/{id}/assign': 'analyst',
  'POST /api/alerts/{id}/dismiss': 'analyst',
  'POST /api/alerts/{id}/reopen': 'analyst',
  'POST /api/alerts/{id}/escalate': 'analyst',
  'GET /api/cases': 'viewer',
  'POST /api/cases': 'analyst',
  'GET /api/cases/{id}': 'viewer',
  'PATCH /api/cases/{id}': 'analyst',
  'GET /api/cases/{id}/timeline': 'viewer',
  'GET /api/cases/{id}/export': 'analyst',
  'POST /api/cases/{id}/notes': 'analyst',
  'POST /api/cases/{id}/evidence': 'analyst',
  'POST /api/cases/{id}/entities': 'analyst',
  'GET /api/policies': 'viewer',
  'GET /api/policies/{name}': 'viewer',
  'POST /api/policies/validate': 'analyst',
  'GET /api/datasets': 'viewer',
  'GET /api/jobs': 'viewer',
  'GET /api/jobs/{id}': 'viewer',
  'POST /api/jobs/analyze': 'supervisor',
  'POST /api/jobs/ingest': 'supervisor',
  'GET /api/audit': 'admin',
  'GET /api/audit/verify': 'admin',
  'POST /match/{dataset}': 'viewer',
  'GET /search/{dataset}': 'viewer',
  'GET /reconcile': 'viewer',
  'POST /reconcile': 'viewer',
  'GET /reconcile/suggest/entity': 'viewer',
  'GET /reconcile/preview': 'viewer',
  'GET /api/network/path': 'viewer',
  'GET /api/network/chokepoints': 'viewer',
  'GET /api/network/exposure': 'viewer',
  'GET /api/network/{id}': 'viewer',
  'GET /api/evaluation': 'viewer',
  'GET /api/whatif/options': 'viewer',
  'GET /api/routes': 'viewer',
  'POST /api/jobs/whatif': 'analyst',
};

/** Signed-in callers, weakest first; none of them is in team alpha except where said. */
const CALLERS: readonly { user: string | null; role: Role | null }[] = [
  { user: null, role: null },
  { user: 'vic', role: 'viewer' },
  { user: 'carl', role: 'analyst' },
  { user: 'super', role: 'supervisor' },
  { user: 'admin', role: 'admin' },
];
const RANK = ['viewer', 'analyst', 'supervisor', 'admin'];

describe('authorization matrix', () => {
  let world: World;
  let routes: { method: string; path: string }[];
  let openCase: string;
  let restrictedCase: string;
  beforeAll(async () => {
    // Without a database location the server runs no jobs (503), so the matrix starts none.
    world = await makeWorld('sqlite', { dbLocation: undefined });
    const doc = (await world.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })));
    openCase = (await as(world, 'carl', 'POST', '/api/cases', { title: 'Open case' })).json().id;
    restrictedCase = (await as(world, 'ana', 'POST', '/api/cases', { title: 'Restricted case', team: 'alpha' })).json().id;
  });
  afterAll(async () => world.close());

  const fill = (path: string, caseId: string): string =>
    path
      .replace('/api/cases/{id}', `/api/cases/${caseId}`)
      .replace('/api/alerts/{id}', '/api/alerts/alert-1')
      .replace('/api/users/{id}', `/api/users/${world.ids['vic']}`)
      .replace('{id}', 'x1')
      .replace('{name}', 'network.json')
      .replace('{dataset}', 'default');

  it('has a decision for every documented route, and every decision is a route', () => {
    const documented = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(documented).toEqual(Object.keys(MIN_ROLE).sort());
  });

  it('refuses callers below the minimum role and lets the others through', async () => {
    for (const route of routes) {
      const minimum = MIN_ROLE[`${route.method} ${route.path}`]!;
      for (const caller of CALLERS) {
        const url = fill(route.path, openCase);
        const res =
          caller.user === null
            ? await world.app.inject({ method: route.method as 'GET', url, payload: route.method === 'GET' ? undefined : {} })
            : await as(world, caller.user, route.method as 'GET', url, route.method === 'GET' ? undefined : {});
        const allowed = minimum === 'public' || (caller.role !== null && RANK.indexOf(caller.role) >= RANK.indexOf(minimum));
        const label = `${caller.user ?? 'anonymous'} ${route.method} ${url} -> ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (allowed) expect([401, 403], label).not.toContain(res.statusCode);
        else expect(res.statusCode, label).toBe(caller.user === null ? 401 : 403);
        // 503 is the one deliberate server-side answer here: jobs are switched off in this world.
        if (res.statusCode !== 503) expect(res.statusCode, label).toBeLessThan(500);
        if (res.statusCode >= 400) expect(Object.keys(res.json()), label).toEqual(['error']);
      }
    }
  });

  it("answers 404 on every case path for a restricted case outside the caller's team, whatever the role", async () => {
    const casePaths = routes.filter((r) => r.path.startsWith('/api/cases/{id}'));
    expect(casePaths.length).toBeGreaterThanOrEqual(7);
    for (const route of casePaths) {
      const url = fill(route.path, restrictedCase);
      const body = {
        GET: undefined,
        PATCH: { version: 1, title: 'changed title' },
        POST: route.path.endsWith('notes')
          ? { body: 'n' }
          : route.path.endsWith('evidence')
            ? { kind: 'url', ref: 'u' }
            : { entityId: 'company-hubei' },
      }[route.method as 'GET'];
      for (const user of ['carl', 'bea', 'admin']) {
        const res = await as(world, user, route.method as 'GET', url, body);
        expect(res.statusCode, `${user} ${route.method} ${url}`).toBe(404);
      }
      const member = await as(world, 'super', route.method as 'GET', url, body);
      expect([200, 201], `super ${route.method} ${url} ${member.body.slice(0, 200)}`).toContain(member.statusCode);
    }
  });
});
