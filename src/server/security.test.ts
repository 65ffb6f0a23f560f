import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINCIPAL_TTL_MS } from './auth-hook.js';
import { as, makeWorld, PASSWORD, type World } from './test-world.js';

const login = (world: World, name: string, password: string, ip = '127.0.0.1') =>
  world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { name, password }, remoteAddress: ip });

describe('sign-in defences, injection and malformed input', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld('sqlite', { lockout: { maxFailures: 3, lockMinutes: 15 }, loginRateLimit: 8 });
  });
  afterAll(async () => world.close());

  it('answers an unknown name and a wrong password alike', async () => {
    const unknown = await login(world, 'nobody', 'wrong password here', '10.0.0.1');
    const wrong = await login(world, 'vic', 'wrong password here', '10.0.0.1');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('locks an account after repeated failures, even against the right password, until an admin unlocks it', async () => {
    for (let i = 0; i < 2; i++) expect((await login(world, 'bea', 'wrong password here', '10.0.0.2')).statusCode).toBe(401);
    expect((await login(world, 'bea', 'wrong password here', '10.0.0.2')).statusCode).toBe(423);
    const right = await login(world, 'bea', PASSWORD, '10.0.0.3');
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('LOCKED');
    expect((await as(world, 'admin', 'PATCH', `/api/users/${world.ids['bea']}`, { unlock: true })).statusCode).toBe(200);
    expect((await login(world, 'bea', PASSWORD, '10.0.0.3')).statusCode).toBe(200);
    const actions = (
      await world.sql.all<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'login.%' ORDER BY seq")
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['login.fail', 'login.lock', 'login.ok']));
  });

  it('rate-limits sign-in attempts per client address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await login(world, 'nobody', 'wrong password here', '10.9.9.9')).statusCode);
    expect(codes.slice(0, 8).every((c) => c === 401)).toBe(true);
    expect(codes.slice(8)).toEqual([429, 429]);
    expect((await login(world, 'nobody', 'wrong password here', '10.9.9.9')).json().error.code).toBe('RATE_LIMITED');
  });

  it('treats SQL in every filter as data', async () => {
    const attacks = ["' OR '1'='1", "x'; DROP TABLE cases; --", '%', '_', "\\' OR 1=1 --"];
    for (const a of attacks) {
      const q = encodeURIComponent(a);
      const cases = await as(world, 'vic', 'GET', `/api/cases?q=${q}`);
      expect(cases.statusCode).toBe(200);
      expect(cases.json().total).toBe(0);
      const ships = await as(world, 'vic', 'GET', `/api/shipments?party=${q}`);
      expect([200, 400]).toContain(ships.statusCode);
      if (ships.statusCode === 200) expect(ships.json().total).toBe(0);
      expect((await as(world, 'vic', 'GET', `/api/alerts?detectorId=${q}`)).json().total).toBe(0);
      expect((await as(world, 'vic', 'GET', `/api/entities/${q}`)).statusCode).toBeGreaterThanOrEqual(400);
    }
    expect((await as(world, 'vic', 'GET', '/api/alerts')).json().total).toBe(4);
    // A case title with markup and quotes is stored and returned as text.
    const title = `<script>alert(1)</script> '; DROP TABLE cases; --`;
    const created = (await as(world, 'carl', 'POST', '/api/cases', { title })).json();
    expect((await as(world, 'carl', 'GET', `/api/cases/${created.id}`)).json().case.title).toBe(title);
  });

  it('rejects malformed payloads with the error shape, naming the field', async () => {
    const bad: [string, string, unknown][] = [
      ['POST', '/api/cases', {}],
      ['POST', '/api/cases', { title: 'ok title', unexpected: 1 }],
      ['POST', '/api/cases', { title: 'ok title', priority: 'urgent' }],
      ['POST', '/api/cases', { title: 42 }],
      ['POST', '/api/cases', { title: 'x'.repeat(201) }],
      ['PATCH', '/api/cases/abc', { title: 'no version' }],
      ['GET', '/api/alerts?limit=100000', undefined],
      ['GET', '/api/alerts?level=severe', undefined],
      ['GET', '/api/alerts?from=yesterday', undefined],
      ['GET', '/api/alerts?bogus=1', undefined],
      ['POST', '/api/alerts/alert-1/dismiss', { reason: '' }],
      ['POST', '/api/users', { name: 'x', password: 'short', role: 'admin' }],
    ];
    for (const [method, url, payload] of bad) {
      const res = await as(world, 'admin', method as 'GET', url, payload);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBe(400);
      const body = res.json();
      expect(body.error.code).toBe('VALIDATION');
      expect(body.error.details.problems[0].field).toMatch(/^(body|querystring|params)/);
    }
    const notJson = await world.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { authorization: `Bearer ${world.tokens['carl']}`, 'content-type': 'application/json' },
      payload: '{"title": "broken',
    });
    expect(notJson.statusCode).toBe(400);
    expect(Object.keys(notJson.json())).toEqual(['error']);
    const wrongType = await world.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { authorization: `Bearer ${world.tokens['carl']}`, 'content-type': 'text/xml' },
      payload: '<case/>',
    });
    expect(wrongType.statusCode).toBe(415);
    const huge = await world.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { authorization: `Bearer ${world.tokens['carl']}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'x', description: 'y'.repeat(2_000_000) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(
      (await world.app.inject({ url: '/api/nothing-here', headers: { authorization: `Bearer ${world.tokens['vic']}` } })).json()
        .error.code,
    ).toBe('NOT_FOUND');
  });

  it('refuses revoked tokens and malformed authorization headers', async () => {
    const created = (await as(world, 'vic', 'POST', '/api/auth/tokens', { name: 'script' })).json();
    const use = () => world.app.inject({ url: '/api/alerts', headers: { authorization: `Bearer ${created.secret}` } });
    expect((await use()).statusCode).toBe(200);
    expect((await as(world, 'vic', 'DELETE', `/api/auth/tokens/${created.token.id}`)).statusCode).toBe(200);
    expect((await use()).statusCode).toBe(401);
    expect((await world.app.inject({ url: '/api/alerts', headers: { authorization: 'Basic dmljOnB3' } })).statusCode).toBe(401);
    // Only hashes are stored.
    const stored = await world.sql.all<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(stored.some((r) => r.token_hash === created.secret)).toBe(false);
  });

  it('sees a token revoked by another process within the principal TTL', async () => {
    const created = (await as(world, 'vic', 'POST', '/api/auth/tokens', { name: 'elsewhere' })).json();
    const use = () => world.app.inject({ url: '/api/alerts', headers: { authorization: `Bearer ${created.secret}` } });
    expect((await use()).statusCode).toBe(200);
    // Another server process (or the CLI) revokes it: this process does not hear of it.
    await world.sql.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ?', [new Date().toISOString(), created.token.id]);
    const revokedAt = Date.now();
    let status = (await use()).statusCode;
    while (status === 200 && Date.now() - revokedAt < PRINCIPAL_TTL_MS + 500) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await use()).statusCode;
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(PRINCIPAL_TTL_MS + 500);
  });

  it('signs a deactivated user out at once', async () => {
    const signIn = await login(world, 'carl', PASSWORD, '10.0.0.7');
    const cookies = Object.fromEntries(signIn.cookies.map((c) => [c.name, c.value]));
    expect((await world.app.inject({ url: '/api/auth/session', cookies })).statusCode).toBe(200);
    await as(world, 'admin', 'PATCH', `/api/users/${world.ids['carl']}`, { active: false });
    expect((await world.app.inject({ url: '/api/auth/session', cookies })).statusCode).toBe(401);
    expect((await as(world, 'carl', 'GET', '/api/alerts')).statusCode).toBe(401);
  });
});
