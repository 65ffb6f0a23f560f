// node bench/ingest.mjs [--rows N] : ingestion and store bulk-load benchmarks (part of npm run bench).
// Prints throughput, batch-commit latency percentiles and peak memory for every format.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { GENERATORS } from './generate.mjs';

const args = process.argv.slice(2);
const rowsFlag = args.indexOf('--rows');
const ROWS = rowsFlag >= 0 ? Number(args[rowsFlag + 1]) : 1_000_000;
// The ingest default (DEFAULT_BATCH_SIZE), so both benchmarks commit alike.
const BATCH = 50_000;
const dir = join(process.cwd(), '.bench');
mkdirSync(dir, { recursive: true });

const plan = [
  ['transactions-csv', ROWS],
  ['amlworld-csv', ROWS],
  ['amlsim-csv', ROWS],
  ['shipments-csv', Math.round(ROWS / 4)],
  ['ftm', Math.round(ROWS / 4)],
];

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const node = (script, ...rest) =>
  JSON.parse(execFileSync(process.execPath, [join('bench', script), ...rest], { encoding: 'utf8', maxBuffer: 1 << 24 }));

console.log(`Chokepoint ingestion benchmark (${fmt(ROWS)} rows per transaction format; node ${process.version})`);
console.log('format            rows        MB     rows/s    batch p50 ms  p95 ms  p99 ms  peak RSS MB');
for (const [format, rows] of plan) {
  const input = join(dir, `${format}-${rows}.${format === 'ftm' ? 'ftm.json' : 'csv'}`);
  if (!existsSync(input)) await GENERATORS[format](input, rows);
  const db = join(dir, `${format}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const r = node('ingest-worker.mjs', input, format, db);
  const mb = statSync(input).size / 1e6;
  console.log(
    `${format.padEnd(16)} ${fmt(r.rows).padStart(10)} ${fmt(mb).padStart(7)} ${fmt(r.rowsPerSecond).padStart(10)}   ${fmt(r.batchMs.p50, 1).padStart(10)} ${fmt(r.batchMs.p95, 1).padStart(7)} ${fmt(r.batchMs.p99, 1).padStart(7)} ${fmt(r.peakRssMb).padStart(11)}`,
  );
  if (r.rejected) console.log(`  (${r.rejected} rejected)`);
}

console.log(`\nStore bulk load of typed transaction rows (Store.writeBatch, ${fmt(BATCH)} per batch)`);
console.log('store       rows        rows/s    batch p50 ms  p95 ms  p99 ms  peak RSS MB');
const loads = [];
const sqlitePath = join(dir, 'bulk.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(sqlitePath + suffix, { force: true });
loads.push(node('store-load-worker.mjs', sqlitePath, String(ROWS), String(BATCH)));

// PostgreSQL: a scratch database on the local server, dropped afterwards.
const admin = process.env.CHOKEPOINT_BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `chokepoint_bench_${process.pid}`;
const client = new pg.Client({ connectionString: admin });
try {
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  loads.push(node('store-load-worker.mjs', url.toString(), String(Math.min(ROWS, 500_000)), String(BATCH)));
} catch (err) {
  console.log(`  (PostgreSQL skipped: ${err.message})`);
} finally {
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  await client.end().catch(() => undefined);
}
for (const r of loads) {
  console.log(
    `${r.store.padEnd(8)} ${fmt(r.rows).padStart(10)} ${fmt(r.rowsPerSecond).padStart(12)}   ${fmt(r.batchMs.p50, 1).padStart(10)} ${fmt(r.batchMs.p95, 1).padStart(7)} ${fmt(r.batchMs.p99, 1).padStart(7)} ${fmt(r.peakRssMb).padStart(11)}`,
  );
}
