// node bench/monitor.mjs [--rows N] [--accounts N] [--generate-only]
// Financial-monitoring batch benchmark: generates an AMLworld-format file of HI-Small size (5 million
// payments among ~515,000 accounts over 18 days, heavy-tailed activity, a sprinkling of cycles,
// fan-ins and structured cash), then runs `screen transactions` on it end to end: the lean AMLworld
// reader into the columnar table, every detector of the shipped policy, the alerts and the scored
// CSV. Prints throughput, read and analysis time, time per detector, p50/p99 latency of batches of
// 500,000 rows read, CPU time and peak RSS. Run after `npm run build`.
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { loadPolicy, screenTransactionsFile } from '../dist/monitor/index.js';
import { rng } from './lib/rng.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROWS = flag('--rows', 5_000_000);
const ACCOUNTS = flag('--accounts', 515_000);
const dir = '.bench';
mkdirSync(dir, { recursive: true });
const file = join(dir, `monitor-amlworld-${ROWS}.csv`);

async function generate() {
  const r = rng(42);
  const out = createWriteStream(file);
  const start = Date.UTC(2022, 8, 1);
  const span = 18 * 86_400_000;
  const pad = (n) => String(n).padStart(2, '0');
  const stamp = (ms) => {
    const d = new Date(ms);
    return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  };
  // Heavy-tailed activity: account k is picked with probability ~ 1/(k+10).
  const pick = () => Math.min(ACCOUNTS - 1, Math.floor(Math.exp(r() * Math.log(ACCOUNTS + 10)) - 10 + 1) | 0);
  const acct = (a) => `8${a.toString(16).toUpperCase().padStart(7, '0')}`;
  const bank = (a) => String(a % 30_000).padStart(5, '0');
  const formats = ['ACH', 'Cheque', 'Credit Card', 'Wire', 'Cash', 'Reinvestment'];
  let buffer =
    'Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount Paid,Payment Currency,Payment Format,Is Laundering\n';
  const line = (ms, from, to, amount, format, label) => {
    const a = amount.toFixed(2);
    buffer += `${stamp(ms)},${bank(from)},${acct(from)},${bank(to)},${acct(to)},${a},US Dollar,${a},US Dollar,${format},${label}\n`;
  };
  let written = 0;
  while (written < ROWS) {
    const ms = start + Math.floor((written / ROWS) * span);
    const roll = r();
    if (roll < 0.0004 && written + 4 <= ROWS) {
      // A 4-hop cycle within hours.
      const ring = [pick(), pick(), pick(), pick()];
      let amount = 5_000 + r() * 50_000;
      for (let k = 0; k < 4; k++, amount *= 0.97) line(ms + k * 3_600_000, ring[k], ring[(k + 1) % 4], amount, 'Wire', 1);
      written += 4;
    } else if (roll < 0.0008 && written + 8 <= ROWS) {
      // Fan-in of eight senders.
      const hub = pick();
      for (let k = 0; k < 8; k++) line(ms + k * 600_000, pick(), hub, 1_000 + r() * 9_000, 'ACH', 1);
      written += 8;
    } else {
      const from = pick();
      let to = pick();
      if (to === from) to = (to + 1) % ACCOUNTS;
      line(ms, from, to, Math.exp(5 + r() * 5), formats[Math.floor(r() * formats.length)], 0);
      written++;
    }
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
if (!existsSync(file)) {
  const t = performance.now();
  await generate();
  console.log(`generated ${file} (${mb(statSync(file).size)}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

if (args.includes('--generate-only')) process.exit(0);

const policy = await loadPolicy();
const batch = 500_000;
const latencies = [];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let last = t0;
const summary = await screenTransactionsFile({
  file,
  format: 'amlworld-csv',
  policy,
  out: join(dir, 'monitor-scored.csv'),
  progressEvery: batch,
  onProgress: () => {
    const now = performance.now();
    latencies.push(now - last);
    last = now;
  },
});
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
rmSync(join(dir, 'monitor-scored.csv'), { force: true });

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const rows = summary.transactions;
const s = summary.seconds;
latencies.sort((a, b) => a - b);
const lat = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
console.log(
  `rows ${fmt(rows)} (rejected ${summary.rejected}), accounts ${fmt(summary.accounts)}; ${fmt(summary.flagged)} flagged`,
);
console.log(
  `end to end               ${seconds.toFixed(2)} s   ${fmt(rows / seconds)} rows/s   (target: 5M in < 60 s, reading included)`,
);
console.log(`read (lean AMLworld)     ${s.read.toFixed(2)} s   ${fmt(rows / s.read)} rows/s`);
console.log(`detect + score + alerts  ${s.analyse.toFixed(2)} s   ${fmt(rows / s.analyse)} rows/s`);
console.log(`write scored CSV         ${s.write.toFixed(2)} s`);
console.log(`read batches ${fmt(batch)} rows: p50 ${fmt(lat(50))} ms, p99 ${fmt(lat(99))} ms`);
const timings = Object.entries(summary.timings);
console.log(`per detector (ms)        ${timings.map(([id, ms]) => `${id} ${Math.round(ms)}`).join(', ')}`);
const sorted = timings.map(([, ms]) => ms).sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
console.log(`detector latency p50/p99 ${Math.round(pct(50))} / ${Math.round(pct(99))} ms`);
console.log(
  `CPU                      ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (user+system; above wall time = other threads, below = a shared machine)`,
);
console.log(`peak RSS                 ${mb(process.resourceUsage().maxRSS * 1024)}`);
