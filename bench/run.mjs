// npm run bench [-- --only NAME,...] [-- --rows N] [-- --simulate-scale S]
// Runs every benchmark, each in its own process so peak memory is its own, and prints their figures.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const rows = flag('--rows');
const only = flag('--only')?.split(',');

/** Name, script and arguments of each benchmark, in the order they run. */
const BENCHMARKS = [
  ['ingest', 'ingest.mjs', rows === undefined ? [] : ['--rows', rows]],
  ['simulate', 'simulate.mjs', ['--scale', flag('--simulate-scale') ?? 'medium']],
  ['chem', 'chem.mjs', []],
  ['screen', 'screen.mjs', []],
  ['monitor', 'monitor.mjs', rows === undefined ? [] : ['--rows', rows]],
  ['resolve', 'resolve.mjs', []],
  ['monitor-stream', 'monitor-stream.mjs', []],
  ['monitor-stream-threads', 'monitor-stream.mjs', ['--threads', '2']],
  ['monitor-stream-quality', 'monitor-stream-quality.mjs', []],
  ['watchlist', 'watchlist.mjs', []],
  ['graph', 'graph.mjs', []],
  ['server', 'server.mjs', []],
];

let failed = 0;
for (const [name, script, rest] of BENCHMARKS) {
  if (only !== undefined && !only.includes(name)) continue;
  console.log(`\n== ${name} ==`);
  const r = spawnSync(process.execPath, [join('bench', script), ...rest], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`(${name} failed with exit code ${r.status})`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
