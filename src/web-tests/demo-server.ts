import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildServer, openWorkspaceDb } from '../server/index.js';
import { openStore } from '../store/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'dist/cli/main.js');
export const WEB_INDEX = join(ROOT, 'web/dist/index.html');

export interface DemoServer {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** The workbench bundle; built here when a test runs before `npm run build`. */
export function ensureWebBuilt(): void {
  if (!existsSync(WEB_INDEX))
    execFileSync('npx', ['vite', 'build', 'web', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * A fresh tiny simulated world through the real CLI (`demo` simulates, ingests, analyses),
 * users added with `user add`, and the server listening on a free loopback port.
 */
export async function startDemoServer(users: readonly { name: string; role: string; password: string }[]): Promise<DemoServer> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-workbench-'));
  const db = join(dir, 'demo.db');
  execFileSync(process.execPath, [CLI, 'demo', '--world', join(dir, 'world'), '--db', db, '--scale', 'tiny', '--json'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (const u of users)
    execFileSync(process.execPath, [CLI, 'user', 'add', u.name, '--role', u.role, '--db', db, '--password-stdin'], {
      input: u.password,
      stdio: ['pipe', 'ignore', 'inherit'],
    });
  const store = await openStore(db);
  const sql = await openWorkspaceDb(db);
  const app = await buildServer({ store, sql, logger: false, dbLocation: db, truthFile: join(dir, 'world', 'truth.csv') });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    app,
    async close() {
      await app.close();
      await sql.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
