import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, type World } from '../server/test-world.js';
import { registerWebApp } from '../server/web-static.js';
import { ensureWebBuilt } from './demo-server.js';

describe('serving the workbench bundle', () => {
  const root = mkdtempSync(join(tmpdir(), 'chokepoint-web-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('redirects / to /app/, answers every /app path with index.html and serves hashed assets', async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>wb</title>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    const app = Fastify();
    await registerWebApp(app, root);
    const home = await app.inject({ url: '/' });
    expect(home.statusCode).toBe(302);
    expect(home.headers.location).toBe('/app/');
    for (const url of ['/app', '/app/', '/app/cases/123', '/app/entities/a%20b'])
      expect((await app.inject({ url })).body, url).toBe('<!doctype html><title>wb</title>');
    const asset = await app.inject({ url: '/assets/index-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/assets/../index.html' })).statusCode).not.toBe(200);
    expect((await app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    await app.close();
  });

  it('registers nothing when the app was not built', async () => {
    const app = Fastify();
    await registerWebApp(app, join(root, 'not-built'));
    expect((await app.inject({ url: '/app/' })).statusCode).toBe(404);
    await app.close();
  });
});

describe('the workbench inside the investigation server', () => {
  let world: World;
  beforeAll(async () => {
    ensureWebBuilt();
    world = await makeWorld('sqlite');
  }, 120_000);
  afterAll(() => world?.close());

  it('serves the pages without a session but keeps the API closed and its 404s in JSON', async () => {
    const page = await world.app.inject({ url: '/app/alerts' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await world.app.inject({ url: '/api/alerts' })).statusCode).toBe(401);
    const missing = await world.app.inject({ url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const openapi = (await world.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths).filter((p) => p.startsWith('/app') || p.startsWith('/assets'))).toEqual([]);
  });
});
