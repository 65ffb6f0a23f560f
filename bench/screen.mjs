// node bench/screen.mjs [--worlds N] [--scale medium] [--input FILE] [--keep]
// End-to-end `screen shipments` throughput (npm run build first): simulates N worlds (seeds 1..N),
// joins their shipments into one file (ids prefixed by seed: about 400,000 rows per medium world,
// so the default 3 make about 1.2 million; `--scale large --worlds 1` makes the issue's 4 million),
// or screens an existing shipments CSV (`--input`). Screens it with the bundled policy and prints
// rows/s, per-batch latency percentiles of pass 1, CPU time, the split detector's buckets and peak RSS.
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadChemistry } from '../dist/knowledge/index.js';
import { simulate } from '../dist/simulate/index.js';
import { loadPolicy, screenShipmentsFile } from '../dist/trade/index.js';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const worlds = Number(flag('--worlds', '3'));
const scale = flag('--scale', 'medium');
const given = flag('--input', undefined);
const dir = join(process.cwd(), '.bench', `screen-${scale}-${worlds}`);
const input = given ?? join(dir, 'shipments.csv');
mkdirSync(dir, { recursive: true });
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

if (!existsSync(input)) {
  const out = createWriteStream(input);
  for (let seed = 1; seed <= worlds; seed++) {
    const world = join(dir, `world-${seed}`);
    await simulate({ outDir: world, seed, scale });
    let header = true;
    for await (const line of createInterface({ input: createReadStream(join(world, 'shipments.csv')), crlfDelay: Infinity })) {
      if (header) {
        header = false;
        if (seed === 1 && !out.write(`${line}\n`)) await once(out, 'drain');
        continue;
      }
      if (!out.write(`s${seed}-${line}\n`)) await once(out, 'drain');
    }
    rmSync(world, { recursive: true, force: true });
  }
  out.end();
  await once(out, 'finish');
}

const policy = loadPolicy();
const chemistry = await loadChemistry();
const batch = 50_000;
const latencies = [];
const cpu0 = process.cpuUsage();
let last = performance.now();
const started = last;
const summary = await screenShipmentsFile(input, {
  policy,
  chemistry,
  out: join(dir, 'scored.csv'),
  progressEvery: batch,
  onProgress: () => {
    const now = performance.now();
    latencies.push(now - last);
    last = now;
  },
});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpu0);
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
const peakMb = process.resourceUsage().maxRSS / 1024;

console.log(
  `Chokepoint trade-screening benchmark (${given === undefined ? `${worlds} ${scale} world(s)` : 'given file'}; node ${process.version}; ${summary.policy})`,
);
console.log(`input          ${input} (${fmt(statSync(input).size / 1e6)} MB, ${fmt(summary.rows)} rows)`);
console.log(`end to end     ${fmt(seconds, 1)} s, ${fmt(summary.rows / seconds)} rows/s (read, screen, split windows, write)`);
console.log(`pass 1 batches ${fmt(batch)} rows: p50 ${fmt(pct(50))} ms, p95 ${fmt(pct(95))} ms, p99 ${fmt(pct(99))} ms`);
console.log(
  `flagged        ${fmt(summary.flagged)}; descriptions identified ${fmt(summary.descriptions.distinct)} (cache hits ${fmt(summary.descriptions.cacheHits)})`,
);
console.log(`split buckets  ${fmt(summary.splitBuckets)}; spool ${fmt(summary.spoolBytes / 1e6)} MB`);
console.log(`CPU            ${fmt((cpu.user + cpu.system) / 1e6, 1)} s (user+system; less than wall time on a shared machine)`);
console.log(`peak RSS       ${fmt(peakMb)} MB`);
if (!args.includes('--keep')) rmSync(join(dir, 'scored.csv'), { force: true });
