// node bench/server.mjs [--seconds 60] [--connections 200] [--rate N] [--workers N]  (after `npm run build`)
// Load test of the investigation server on SQLite: the full OFAC SDN + UN lists are loaded into
// a fresh store, `chokepoint serve` runs in its own process, and this process drives it over
// loopback with keep-alive connections, each sending its next request as soon as the previous
// one is answered (closed loop, like autocannon -c N), first on POST /match/default, then on
// GET /api/entities/search. With --rate N the requests are paced to N per second in total
// (open loop), which measures latency below saturation. Prints throughput, p50/p99/max
// latency, errors and peak memory of the server and of the driver.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers';
import { addUser, createApiToken } from '../dist/auth/index.js';
import { openWorkspaceDb } from '../dist/server/index.js';
import { openStore } from '../dist/store/index.js';
import { loadWatchlist } from '../dist/watchlist/index.js';

const SHARED = process.env.CHOKEPOINT_SHARED_DATA ?? new URL('../../shared/data/', import.meta.url).pathname;
const LISTS = [join(SHARED, 'watchlists/ofac/sdn_2024-05-03.csv'), join(SHARED, 'watchlists/un/UN_consolidated_2026-02-27.xml')];
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const SECONDS = flag('--seconds', 60);
const CONNECTIONS = flag('--connections', 200);
const RATE = flag('--rate', 0);
const WORKERS = flag('--workers', 1);
const PORT = 18_500 + Math.floor(Math.random() * 1000);

const dir = mkdtempSync(join(tmpdir(), 'chokepoint-bench-server-'));
const db = join(dir, 'server.db');

// Setup: lists, a user with a token, and query names (list names, misspelt, and made-up ones).
const store = await openStore(db);
const load = await loadWatchlist(store, 'sanctions', LISTS);
const names = [];
for await (const e of store.iterateDataset('sanctions')) {
  const name = e.properties.name?.[0];
  if (name && ['Person', 'Company', 'Organization', 'LegalEntity'].includes(e.schema)) names.push({ name, schema: e.schema });
  if (names.length >= 3000) break;
}
await store.close();
const sql = await openWorkspaceDb(db);
const user = await addUser(sql, { name: 'bench', password: 'bench password long enough', role: 'analyst' }, 'bench');
const { secret } = await createApiToken(sql, user.id, 'bench', 'bench');
await sql.close();

let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const typo = (s) => {
  const i = 1 + Math.floor(random() * (s.length - 2));
  return s.slice(0, i) + s.slice(i + 1);
};
const FIRST = ['Maria', 'John', 'Wei', 'Ahmed', 'Olga', 'Carlos', 'Fatima', 'Hiroshi'];
const LAST = ['Garcia', 'Smith', 'Zhang', 'Hassan', 'Ivanova', 'Lopez', 'Khan', 'Tanaka'];
const queryName = () => {
  const r = random();
  if (r < 0.4) return names[Math.floor(random() * names.length)];
  if (r < 0.7) {
    const n = names[Math.floor(random() * names.length)];
    return { ...n, name: typo(n.name) };
  }
  return { name: `${FIRST[Math.floor(random() * 8)]} ${LAST[Math.floor(random() * 8)]} Trading`, schema: 'LegalEntity' };
};

const server = spawn(
  process.execPath,
  ['dist/cli/main.js', 'serve', '--db', db, '--port', String(PORT), '--log-level', 'error', '--workers', String(WORKERS)],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
await new Promise((resolve, reject) => {
  server.stderr.on('data', (d) => d.toString().includes('serving') && resolve());
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
// With --workers the processes are the primary's children: their peaks are summed.
const serverPids = () => {
  const children = (() => {
    try {
      return readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      return [];
    }
  })();
  return [String(server.pid), ...children];
};
const serverPeakMb = () =>
  (
    serverPids().reduce((sum, pid) => {
      try {
        return sum + Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      } catch {
        return sum;
      }
    }, 0) / 1024
  ).toFixed(0);

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
function request(method, path, body) {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        method,
        path,
        agent,
        headers: {
          authorization: `Bearer ${secret}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    if (payload) req.write(payload);
    req.end();
  });
}

const matchRequest = () => {
  const q = queryName();
  return ['POST', '/match/default', { queries: { q: { schema: q.schema, properties: { name: [q.name] } } } }];
};
const searchRequest = () => ['GET', `/api/entities/search?q=${encodeURIComponent(queryName().name)}&limit=10`, undefined];

async function phase(label, next) {
  // Warm-up: the first requests build the name indexes.
  for (let i = 0; i < 10 * WORKERS; i++) await Promise.all(Array.from({ length: WORKERS }, () => request(...next())));
  const latencies = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  const interval = RATE > 0 ? (1000 * CONNECTIONS) / RATE : 0;
  const worker = async (w) => {
    let due = performance.now() + (interval * w) / CONNECTIONS;
    while (performance.now() < end) {
      if (interval > 0) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        due += interval;
      }
      const t = performance.now();
      const status = await request(...next());
      latencies.push(performance.now() - t);
      if (process.env.BENCH_TIMELINE) timeline.push([t - started, performance.now() - t]);
      if (status < 200 || status >= 300) errors++;
    }
  };
  const timeline = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  if (process.env.BENCH_TIMELINE) {
    const slow = timeline.filter(([, l]) => l > 200).map(([at]) => Math.round(at / 1000));
    console.log(
      `  requests over 200 ms by second: ${JSON.stringify(Object.fromEntries([...new Set(slow)].map((s) => [s, slow.filter((x) => x === s).length])))}`,
    );
  }
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
  console.log(
    `${label.padEnd(22)} ${latencies.length.toLocaleString('en-US')} requests in ${elapsed.toFixed(1)} s = ${Math.round(latencies.length / elapsed).toLocaleString('en-US')} req/s, ` +
      `p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms, errors ${errors}`,
  );
}

console.log(
  `lists ${load.entities.toLocaleString('en-US')} entities; ${WORKERS} server process(es), ${CONNECTIONS} connections, ${SECONDS} s per endpoint, ${RATE > 0 ? `paced at ${RATE} req/s` : 'closed loop'}; 2-core machine shared with other jobs`,
);
try {
  await phase('POST /match/default', matchRequest);
  await phase('GET /api/entities/search', searchRequest);
  console.log(`peak memory: server ${serverPeakMb()} MB, driver ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  agent.destroy();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
