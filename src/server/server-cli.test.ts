import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, startCli } from '../test-support/cli.js';
import { tempDir } from '../test-support/temp.js';

const PASSWORD = 'a long enough password';

function addUser(db: string, args: readonly string[], password = PASSWORD) {
  return spawnSync(process.execPath, [CLI, 'user', 'add', ...args, '--password-stdin', '--db', db], {
    input: `${password}\n`,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
}

describe('chokepoint user, audit and serve', () => {
  const tmp = tempDir('chokepoint-server-cli-');
  const db = join(tmp.dir, 'cli.db');
  beforeAll(() => {
    expect(addUser(db, ['--admin', 'alice']).status).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('adds users with roles and teams, and refuses bad input with usage errors', () => {
    const bob = addUser(db, ['bob', '--role', 'analyst', '--team', 'alpha', '--team', 'bravo']);
    expect(bob.status, bob.stderr).toBe(0);
    expect(bob.stdout).toMatch(/added bob \(analyst, teams alpha, bravo\)/);
    expect(addUser(db, ['bob']).status).toBe(2);
    expect(addUser(db, ['carol'], 'short').status).toBe(2);
    expect(addUser(db, ['--admin', '--role', 'viewer', 'dave']).status).toBe(2);
    const list = runCli(['user', 'list', '--json', '--db', db]);
    expect(JSON.parse(list.stdout).map((u: { name: string; role: string }) => `${u.name}:${u.role}`)).toEqual([
      'alice:admin',
      'bob:analyst',
    ]);
    const hash = new Database(db, { readonly: true }).prepare("SELECT password_hash FROM users WHERE name = 'alice'").get() as {
      password_hash: string;
    };
    expect(hash.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('verifies the audit chain and names the first tampered row', () => {
    const ok = runCli(['audit', 'verify', '--db', db]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/audit log intact: \d+ rows/);
    const raw = new Database(db);
    raw.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2").run();
    raw.close();
    const bad = runCli(['audit', 'verify', '--db', db]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/TAMPERED at row 2/);
    expect(JSON.parse(runCli(['audit', 'verify', '--json', '--db', db]).stdout)).toMatchObject({
      ok: false,
      firstBreak: { seq: 2, reason: 'hash' },
    });
  });

  it('runs several worker processes on one port and stops them all on SIGTERM', async () => {
    const port = 20_500 + Math.floor(Math.random() * 2000);
    const child = startCli(['serve', '--db', db, '--port', String(port), '--workers', '2', '--log-level', 'warn']);
    let started = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('workers did not start')), 30_000);
      child.stderr!.on('data', (d: Buffer) => {
        started += (d.toString().match(/serving/g) ?? []).length;
        if (started === 2) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status)),
    );
    expect(answers).toEqual([200, 200, 200, 200, 200, 200]);
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });

  it('serves the API on a port, and a token from the CLI works against it', async () => {
    const token = runCli(['user', 'token', 'alice', '--label', 'test', '--db', db]).stdout.trim();
    expect(token).toMatch(/^ckp_/);
    const port = 18_000 + Math.floor(Math.random() * 2000);
    const child = startCli(['serve', '--db', db, '--port', String(port), '--log-level', 'warn']);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('server did not start')), 20_000);
        child.stderr!.on('data', (d: Buffer) => {
          if (d.toString().includes('serving')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(await health.json()).toMatchObject({ ok: true, store: 'sqlite' });
      const users = await fetch(`http://127.0.0.1:${port}/api/users`, { headers: { authorization: `Bearer ${token}` } });
      expect(users.status).toBe(200);
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bob', password: PASSWORD }),
      });
      expect(login.status).toBe(200);
      expect(login.headers.get('set-cookie')).toMatch(/chokepoint_session=.*HttpOnly/i);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
