// node bench/server.mjs [--seconds 60] [--connections 200] [--workers N] [--cache off|on|both] [--rate N] [--node-driver] [--requests-per-turn N]
//   [--node-arg --cpu-prof ...] [--only match|search]
// (after `npm run build`)
// Load test of the investigation server on SQLite: the full OFAC SDN + UN lists are loaded into
// a fresh store, `chokepoint serve` runs in its own process, and a closed loop of N keep-alive
// connections (each sends its next request when the previous one is answered) drives it over
// loopback, first on POST /match/default, then on GET /api/entities/search. The load generator
// is wrk when installed (`apt-get install -y wrk`): written in C, it leaves the CPU to the
// server. Without it (or with --node-driver, or --rate N for an open loop paced at N requests
// per second) a small Node driver in this process does the same. The server runs once with its
// answer cache off and once with it on (--cache both); the queries repeat (4,000 requests per
// endpoint, about 2,500 distinct, cycled), so "cache on" (warmed with each request once before
// the timed run) measures repeated queries and "cache off" the matcher itself. Prints per run:
// throughput, p50/p99/max latency, errors (failed connections and non-2xx answers), the server's
// CPU per request, the bytes of a response, its peak memory and the cache hit rates.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers';
import { addUser, createApiToken } from '../dist/auth/index.js';
import { openWorkspaceDb } from '../dist/server/index.js';
import { openStore } from '../dist/store/index.js';
import { loadWatchlist } from '../dist/watchlist/index.js';

const SHARED = process.env.CHOKEPOINT_SHARED_DATA ?? new URL('../../shared/data/', import.meta.url).pathname;
const LISTS = [join(SHARED, 'watchlists/ofac/sdn_2024-05-03.csv'), join(SHARED, 'watchlists/un/UN_consolidated_2026-02-27.xml')];
const WRK_SCRIPT = new URL('./lib/server-wrk.lua', import.meta.url).pathname;
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const SECONDS = flag('--seconds', 60);
const CONNECTIONS = flag('--connections', 200);
const RATE = flag('--rate', 0);
const WORKERS = flag('--workers', 1);
// --requests-per-turn N: the server's per-turn limit (default: the server's own, 4; 0 turns it off).
const PER_TURN = args.includes('--requests-per-turn') ? Number(args[args.indexOf('--requests-per-turn') + 1]) : undefined;
const CACHE = args.includes('--cache') ? args[args.indexOf('--cache') + 1] : 'both';
if (!['off', 'on', 'both'].includes(CACHE)) throw new Error('--cache takes off, on or both');
const REQUESTS = 4000;
// --node-arg (repeatable) passes a flag to the server's node (e.g. --cpu-prof, --max-semi-space-size=32).
const NODE_ARGS = args.flatMap((a, i) => (a === '--node-arg' ? [args[i + 1]] : []));
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

const wrkInstalled = spawnSync('wrk', ['--version']).error === undefined;
const useWrk = wrkInstalled && RATE === 0 && !args.includes('--node-driver');
if (!wrkInstalled)
  console.log('wrk is not installed: using the Node driver, which shares the CPU with the server (apt-get install -y wrk)');

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
// The same requests for every run and both drivers: REQUESTS per endpoint, cycled.
const matchBodies = Array.from({ length: REQUESTS }, () => {
  const q = queryName();
  return JSON.stringify({ queries: { q: { schema: q.schema, properties: { name: [q.name] } } } });
});
const searchPaths = Array.from(
  { length: REQUESTS },
  () => `/api/entities/search?q=${encodeURIComponent(queryName().name)}&limit=10`,
);
const distinct = (xs) => new Set(xs).size;

// wrk reads them as Lua string lists (every byte outside printable ASCII escaped).
const luaString = (s) =>
  `"${[...Buffer.from(s, 'utf8')].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\${String(b).padStart(3, '0')}`)).join('')}"`;
const luaList = (file, xs) => writeFileSync(file, `return {\n${xs.map(luaString).join(',\n')}\n}\n`);
luaList(join(dir, 'match.lua'), matchBodies);
luaList(join(dir, 'search.lua'), searchPaths);

async function startServer(port, cache) {
  const server = spawn(
    process.execPath,
    [
      ...NODE_ARGS,
      'dist/cli/main.js',
      'serve',
      '--db',
      db,
      '--port',
      String(port),
      '--log-level',
      'error',
      '--workers',
      String(WORKERS),
      '--answer-cache',
      cache === 'on' ? '10000' : '0',
      ...(PER_TURN === undefined ? [] : ['--requests-per-turn', String(PER_TURN)]),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  server.stderr.on('data', (d) => (stderr += d.toString()));
  await new Promise((resolve, reject) => {
    const ready = () => (stderr.match(/serving/g) ?? []).length >= WORKERS && resolve();
    server.stderr.on('data', ready);
    server.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return { server, stderr: () => stderr };
}

// With --workers the processes are the primary's children: their peaks and CPU are summed.
const serverPids = (server) => {
  try {
    const children = readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return [String(server.pid), ...children];
  } catch {
    return [String(server.pid)];
  }
};
const sumProc = (server, read) =>
  serverPids(server).reduce((sum, pid) => {
    try {
      return sum + read(pid);
    } catch {
      return sum;
    }
  }, 0);
const peakMb = (server) =>
  sumProc(server, (pid) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)) / 1024;
// utime + stime in clock ticks (100 per second on Linux), fields 14 and 15 of /proc/PID/stat.
const cpuMs = (server) =>
  sumProc(server, (pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  });

function nodeRequest(agent, port, method, path, body) {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          authorization: `Bearer ${secret}`,
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    if (body) req.write(body);
    req.end();
  });
}

const requestOf = (mode, i) =>
  mode === 'match' ? ['POST', '/match/default', matchBodies[i % REQUESTS]] : ['GET', searchPaths[i % REQUESTS], undefined];

/** The Node driver: closed loop (or paced with --rate); returns wrk's figures. */
async function nodeDrive(port, mode) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  let errors = 0;
  let next = 0;
  const end = performance.now() + SECONDS * 1000;
  const interval = RATE > 0 ? (1000 * CONNECTIONS) / RATE : 0;
  const connection = async (w) => {
    let due = performance.now() + (interval * w) / CONNECTIONS;
    while (performance.now() < end) {
      if (interval > 0) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        due += interval;
      }
      const t = performance.now();
      const status = await nodeRequest(agent, port, ...requestOf(mode, next++));
      latencies.push(performance.now() - t);
      if (status < 200 || status >= 300) errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => connection(w)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { requests: latencies.length, seconds, p50: pct(0.5), p99: pct(0.99), max: latencies.at(-1), errors };
}

function wrkDrive(port, mode) {
  const out = spawnSync(
    'wrk',
    [
      '-t2',
      `-c${CONNECTIONS}`,
      `-d${SECONDS}s`,
      '--timeout',
      '30s',
      '-s',
      WRK_SCRIPT,
      `http://127.0.0.1:${port}`,
      '--',
      mode,
      join(dir, `${mode}.lua`),
      secret,
    ],
    { encoding: 'utf8' },
  );
  const line = /RESULT (.*)/.exec(out.stdout)?.[1];
  if (line === undefined) throw new Error(`wrk failed: ${out.stderr || out.stdout}`);
  const v = Object.fromEntries(line.split(' ').map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])]));
  return { ...v, errors: v.connect + v.read + v.write + v.status + v.timeout };
}

async function run(cache) {
  const port = 18_500 + Math.floor(Math.random() * 1000);
  const { server, stderr } = await startServer(port, cache);
  const agent = new http.Agent({ keepAlive: true });
  try {
    for (const [mode, label] of [
      ['match', 'POST /match/default'],
      ['search', 'GET /api/entities/search'],
    ].filter(([mode]) => ONLY === undefined || mode === ONLY)) {
      // Warm-up: the first requests build the name indexes (in every worker). With the cache on,
      // every distinct request is answered once first (in every worker, as far as the cluster's
      // round robin spreads them): "on" measures the steady state of a client that asks again,
      // not the first pass, which is "off"'s figure.
      for (let i = 0; i < 20 * WORKERS; i++) await nodeRequest(agent, port, ...requestOf(mode, i));
      if (cache === 'on') {
        let next = 0;
        const warm = async () => {
          while (next < REQUESTS * WORKERS) await nodeRequest(agent, port, ...requestOf(mode, next++));
        };
        await Promise.all(Array.from({ length: 8 }, warm));
      }
      const cpu0 = cpuMs(server);
      const r = useWrk ? wrkDrive(port, mode) : await nodeDrive(port, mode);
      const cpu = cpuMs(server) - cpu0;
      console.log(
        `cache ${cache.padEnd(3)} ${label.padEnd(25)} ${r.requests.toLocaleString('en-US')} requests in ${r.seconds.toFixed(1)} s = ` +
          `${Math.round(r.requests / r.seconds).toLocaleString('en-US')} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ` +
          `max ${r.max.toFixed(1)} ms, errors ${r.errors}, server CPU ${(cpu / r.requests).toFixed(3)} ms/request` +
          (r.bytes === undefined ? '' : `, ${(r.bytes / r.requests / 1024).toFixed(1)} KB/response`),
      );
    }
    console.log(`cache ${cache.padEnd(3)} server peak memory ${peakMb(server).toFixed(0)} MB`);
  } finally {
    agent.destroy();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  for (const line of stderr()
    .split('\n')
    .filter((l) => l.includes('caches:')))
    console.log(`cache ${cache.padEnd(3)} ${line.replace(/^chokepoint: /, '')}`);
}

console.log(
  `lists ${load.entities.toLocaleString('en-US')} entities; ${WORKERS} server process(es), ${CONNECTIONS} connections, ${SECONDS} s per endpoint, ` +
    `${RATE > 0 ? `paced at ${RATE} req/s` : 'closed loop'}, driver ${useWrk ? 'wrk (2 threads)' : 'node'}; ` +
    `${distinct(matchBodies)} distinct /match bodies and ${distinct(searchPaths)} distinct searches, cycled; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);
try {
  for (const cache of CACHE === 'both' ? ['off', 'on'] : [CACHE]) await run(cache);
  console.log(
    `load average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
