// `npm start`: the full demo in one command. Simulates a small world, ingests and analyses it
// into a fresh embedded (SQLite) store, adds a demo analyst with a new random password, and
// starts `chokepoint serve` with the workbench, printing the URL and the login.
// Options: --port N (default 8080), --scale tiny|small|... (default small), --dir DIR (default .demo).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/cli/main.js');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    scale: { type: 'string', default: 'small' },
    dir: { type: 'string', default: join(root, '.demo') },
  },
});

if (!existsSync(cli) || !existsSync(join(root, 'web/dist/index.html'))) {
  console.error('chokepoint: the build is missing; run `npm run build` first');
  process.exit(1);
}

const started = performance.now();
const dir = resolve(values.dir);
const db = join(dir, 'chokepoint.db');
// A fresh world each time: the demo must not depend on what an earlier run left behind.
rmSync(dir, { recursive: true, force: true });
const run = (args, input) =>
  execFileSync(process.execPath, [cli, ...args], {
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'inherit', 'inherit'],
  });

console.log(`Simulating a ${values.scale} world, ingesting and analysing it into ${db} …`);
run(['demo', '--world', join(dir, 'world'), '--db', db, '--scale', values.scale]);
const password = randomBytes(9).toString('base64url');
run(['user', 'add', 'analyst', '--role', 'analyst', '--db', db, '--password-stdin'], password);
run(['user', 'add', 'supervisor', '--role', 'supervisor', '--db', db, '--password-stdin'], password);
const seconds = ((performance.now() - started) / 1000).toFixed(1);

const url = `http://127.0.0.1:${values.port}/`;
console.log(`
Setup took ${seconds} s. Chokepoint is starting at ${url}
  Sign in as  analyst     password ${password}
          or  supervisor  password ${password}
  API docs    ${url}docs
Stop with Ctrl-C.
`);
const server = spawn(process.execPath, [cli, 'serve', '--db', db, '--port', values.port, '--log-level', 'warn', '--truth', join(dir, 'world', 'truth.csv')], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
