import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeWorld, PASSWORD, type World } from './test-world.js';

describe.each(['sqlite', 'postgres'] as const)('investigation server on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld(kind);
  });
  afterAll(async () => world.close());

  it('serves health, the OpenAPI document and the docs UI without sign-in', async () => {
    expect((await world.app.inject({ url: '/health' })).json()).toMatchObject({ ok: true, store: kind });
    const openapi = (await world.app.inject({ url: '/openapi.json' })).json();
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/cases', '/api/alerts', '/match/{dataset}']));
    // The one error shape is documented on every route.
    const errorRef = JSON.stringify(openapi.paths['/api/cases'].post.responses['4XX']);
    expect(errorRef).toMatch(/#\/components\/schemas\//);
    expect(
      Object.values(openapi.components.schemas as Record<string, { required?: string[] }>).some(
        (s) => s.required?.[0] === 'error',
      ),
    ).toBe(true);
    const docs = await world.app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/html/);
  });

  it('sets secure headers, on errors too', async () => {
    for (const [url, status] of [
      ['/health', 200],
      ['/api/cases', 401],
      ['/no/such/route', 404],
    ] as const) {
      const res = await world.app.inject({ url });
      expect(res.statusCode).toBe(status);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('refuses anonymous calls with the error shape', async () => {
    const res = await world.app.inject({ url: '/api/cases' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String), details: {} } });
  });

  it('lists the alert queue filtered, sorted and paged', async () => {
    const all = (await as(world, 'vic', 'GET', '/api/alerts?sort=-score')).json();
    expect(all.items.map((a: { id: string }) => a.id)).toEqual(['alert-3', 'alert-4', 'alert-1', 'alert-2']);
    const paged = (await as(world, 'vic', 'GET', '/api/alerts?sort=-score&limit=2&offset=2')).json();
    expect(paged).toMatchObject({ total: 4, limit: 2, offset: 2, nextOffset: null });
    expect(paged.items.map((a: { id: string }) => a.id)).toEqual(['alert-1', 'alert-2']);
    const filtered = (await as(world, 'vic', 'GET', '/api/alerts?detectorId=monitor.structuring')).json();
    expect(filtered.items.map((a: { id: string }) => a.id)).toEqual(['alert-3']);
    const dated = (await as(world, 'vic', 'GET', '/api/alerts?from=2026-03-05&to=2026-03-06')).json();
    expect(dated.items.map((a: { id: string }) => a.id)).toEqual(['alert-2']);
  });

  it('finds entities by a misspelt name and shows the profile with provenance, links, alerts', async () => {
    const search = (await as(world, 'vic', 'GET', '/api/entities/search?q=Ivan%20Petrof')).json();
    expect(search.items[0]).toMatchObject({ id: 'person-ivan', schema: 'Person' });
    expect(search.items[0].explanation.name).toBeDefined();
    const profile = (await as(world, 'vic', 'GET', '/api/entities/person-ivan')).json();
    expect(profile.entity.properties.name).toEqual(['Ivan Petrov']);
    expect(profile.statements[0].provenance).toMatchObject({ dataset: 'test', sourceFile: 'fixture.csv' });
    expect(profile.links).toEqual(expect.arrayContaining([expect.objectContaining({ fromId: 'own-1', toId: 'person-ivan' })]));
    expect(profile.alerts.map((a: { id: string }) => a.id)).toEqual(['alert-4']);
  });

  it('lists shipments and transactions with filters', async () => {
    const ships = (await as(world, 'vic', 'GET', '/api/shipments?origin=IN')).json();
    expect(ships.items.map((s: { id: string }) => s.id)).toEqual(['shp-2']);
    const txs = (await as(world, 'vic', 'GET', '/api/transactions?minAmount=1000')).json();
    expect(txs.items.map((t: { id: string }) => t.id)).toEqual(['tx-1']);
    expect((await as(world, 'vic', 'GET', '/api/shipments/shp-1')).json().alerts[0].id).toBe('alert-1');
  });

  it('signs in with a cookie, needs a CSRF token to write, signs out', async () => {
    const login = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { name: 'carl', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const { csrfToken } = login.json();
    const cookies = Object.fromEntries(login.cookies.map((c) => [c.name, c.value]));
    expect(cookies['chokepoint_session']).toBeDefined();
    const session = login.cookies.find((c) => c.name === 'chokepoint_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    const who = await world.app.inject({ url: '/api/auth/session', cookies });
    expect(who.json().user.name).toBe('carl');
    const without = await world.app.inject({ method: 'POST', url: '/api/cases', cookies, payload: { title: 'no token' } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF');
    const withToken = await world.app.inject({
      method: 'POST',
      url: '/api/cases',
      cookies,
      headers: { 'x-csrf-token': csrfToken },
      payload: { title: 'with token' },
    });
    expect(withToken.statusCode).toBe(201);
    const out = await world.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies,
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(200);
    expect((await world.app.inject({ url: '/api/auth/session', cookies })).statusCode).toBe(401);
  });
});
