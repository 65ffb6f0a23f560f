import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI: `npm test` builds before it tests, so child-process tests run the real binary. */
export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does) before these tests`);
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  assertBuilt();
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1', ...env } });
}

export function startCli(args: readonly string[]): ChildProcess {
  assertBuilt();
  return spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
}
