import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../test-support/cli.js';
import { createScratchDatabase } from '../test-support/postgres.js';

const PASSWORD = 'a long enough password';
const SECRET = 'shared-cookie-secret-shared-cookie-secret';

function serve(db: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', String(port), '--log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1', CHOKEPOINT_COOKIE_SECRET: SECRET },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 20_000);
    child.stderr!.on('data', (d: Buffer) => {
      if (d.toString().includes('serving')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** Two `chokepoint serve` processes on one PostgreSQL database, as behind a load balancer. */
describe('two server processes on one PostgreSQL database', () => {
  let db: { url: string; drop(): Promise<void> };
  let servers: ChildProcess[] = [];
  const ports = [19_000 + Math.floor(Math.random() * 500), 19_600 + Math.floor(Math.random() * 500)];
  const base = (i: number): string => `http://127.0.0.1:${ports[i % 2]}`;
  let token = '';

  beforeAll(async () => {
    db = await createScratchDatabase();
    const add = spawnSync(
      process.execPath,
      [CLI, 'user', 'add', 'sam', '--role', 'supervisor', '--password-stdin', '--db', db.url],
      { input: PASSWORD, encoding: 'utf8' },
    );
    expect(add.status, add.stderr).toBe(0);
    token = runCli(['user', 'token', 'sam', '--label', 'test', '--db', db.url]).stdout.trim();
    servers = await Promise.all(ports.map((p) => serve(db.url, p)));
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) {
      s.kill('SIGTERM');
      await new Promise((r) => s.once('exit', r));
    }
    await db.drop();
  });

  const call = (i: number, method: string, path: string, body?: unknown) =>
    fetch(`${base(i)}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('lets one of simultaneous updates through the two processes win; the others get 409', async () => {
    const created = (await (await call(0, 'POST', '/api/cases', { title: 'Shared case' })).json()) as { id: string };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => call(i, 'PATCH', `/api/cases/${created.id}`, { version: 1, title: `Edit ${i}` })),
    );
    const codes = results.map((r) => r.status);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(9);
    const both = await Promise.all(
      [0, 1].map(
        async (i) => ((await (await call(i, 'GET', `/api/cases/${created.id}`)).json()) as { case: { version: number } }).case,
      ),
    );
    expect(both[0]).toEqual(both[1]);
    expect(both[0]?.version).toBe(2);
    // Both processes appended to one audit chain without a break.
    const verify = runCli(['audit', 'verify', '--db', db.url]);
    expect(verify.status, verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(/audit log intact/);
  });

  it('accepts a session and CSRF token from one process at the other', async () => {
    const login = await fetch(`${base(0)}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sam', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const write = await fetch(`${base(1)}/api/cases`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Opened through the other process' }),
    });
    expect(write.status).toBe(201);
  });
});
