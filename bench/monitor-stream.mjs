// node bench/monitor-stream.mjs [--rate 10000] [--seconds 30] [--fill 0] [--accounts 475000] [--checkpoint-every 50000] [--partitions 1] [--threads 1]
//   [--node-arg --trace-gc ...] [--monitor-arg --max-account-rows --monitor-arg 64 ...] [--write FILE] [--dist DIR]
// Streaming monitor benchmark: spawns the built `chokepoint monitor` with a checkpoint directory and
// feeds it AMLworld-like payments (heavy-tailed activity over ~475,000 accounts, a few card-taking
// merchant hubs, remittances, and a structuring funnel now and then) as JSON lines on stdin at a fixed
// rate. Latency is from the moment each line was due to be sent (so falling behind counts) to the
// moment its decision is read back from the monitor's stdout. Prints decision latency p50/p99/p999,
// a p50/p99/max line per second of the run (so a tail spike can be tied to a moment), sustained
// throughput, the monitor's CPU per decision, its own pause report (GC pauses, longest decision) and
// peak RSS. `--rate 0` feeds as fast as the monitor takes it. `--node-arg` (repeatable) passes a flag
// to the monitor's node (e.g. --trace-gc, --cpu-prof), `--monitor-arg` one to `chokepoint monitor`;
// `--write FILE` only writes the generated lines to FILE (for profiling the monitor offline);
// `--dist DIR` runs another build (default dist/); `--partitions N` runs N monitors (`--partition i/N`),
// each fed every line and deciding its share, as several monitors share one stream; `--threads N` runs
// the monitor with N decision threads (`chokepoint monitor --threads N`); `--fill N` first feeds N lines as
// fast as the monitor takes them and measures only the paced lines after them (with N = 8,400,000 the
// window is full, 19 days of this stream: steady state without waiting 840 s for it). Run after `npm run build`.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PerformanceObserver } from 'node:perf_hooks';
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import { rng } from './lib/rng.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const repeated = (name) => args.flatMap((a, i) => (a === name ? [args[i + 1]] : []));
const RATE = flag('--rate', 10_000);
const SECONDS = flag('--seconds', 30);
const ACCOUNTS = flag('--accounts', 475_000);
const CHECKPOINT_EVERY = flag('--checkpoint-every', 50_000);
const PARTITIONS = flag('--partitions', 1);
const THREADS = flag('--threads', 1);
// The build to run (`--dist /tmp/other/dist` compares another build on the same lines).
const DIST = args.includes('--dist') ? args[args.indexOf('--dist') + 1] : 'dist';
const FILL = flag('--fill', 0);
const ROWS = FILL + Math.round((RATE || 20_000) * SECONDS);

/** The payment lines, one JSON text at a time (held together, millions of strings were the feeder's own GC pauses). */
function* generate() {
  const r = rng(42);
  // HI-Small's pace: 5 million payments in 18 days, so the stream time advances ~3.2 s per payment... per 1,000.
  const start = Date.UTC(2022, 8, 1);
  const step = (18 * 86_400_000) / 5_000_000;
  const pick = () => Math.floor(ACCOUNTS * r() ** 3);
  const channels = ['wire', 'ach', 'check', 'wire', 'ach', 'cash_withdrawal'];
  for (let i = 0; i < ROWS; i++) {
    const timestamp = Math.round(start + i * step);
    const roll = r();
    let t;
    if (roll < 0.15) {
      // Card payments to one of 20 merchants: the hubs.
      const amount = Math.round(r() * 20_000) / 100;
      t = {
        debtorAccount: `8${pick()}`,
        creditorAccount: `M${Math.floor(r() * 20)}`,
        amount,
        channel: 'card',
        creditorName: 'Blue Harbor Retail Corp.',
      };
    } else if (roll < 0.17) {
      t = {
        debtorAccount: `8${pick()}`,
        creditorAccount: `CN${Math.floor(r() * 2_000)}`,
        amount: 200 + Math.round(r() * 2_500),
        channel: 'remittance',
        creditorCountry: 'CN',
      };
    } else if (roll < 0.172) {
      t = {
        debtorAccount: 'CASH',
        creditorAccount: `F${Math.floor(i / 20_000)}`,
        amount: 8_600 + Math.round(r() * 1_300),
        channel: 'cash_deposit',
        debtorName: `Mule ${Math.floor(r() * 9)}`,
      };
    } else {
      const from = pick();
      let to = pick();
      if (to === from) to = (to + 1) % ACCOUNTS;
      t = {
        debtorAccount: `8${from}`,
        creditorAccount: `8${to}`,
        amount: Math.round(Math.exp(4 + r() * 6) * 100) / 100,
        channel: channels[Math.floor(r() * channels.length)],
      };
    }
    yield JSON.stringify({
      id: `S${i + 1}`,
      timestamp,
      debtorCountry: 'US',
      creditorCountry: 'US',
      currency: 'USD',
      ...t,
    });
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
/** The lines as text in slices of 100,000: millions joined at once pass V8's longest string. */
function* slices() {
  let batch = [];
  for (const line of generate()) {
    batch.push(line);
    if (batch.length === 100_000) {
      yield `${batch.join('\n')}\n`;
      batch = [];
    }
  }
  if (batch.length > 0) yield `${batch.join('\n')}\n`;
}
const WRITE = args.indexOf('--write');
if (WRITE >= 0) {
  const out = args[WRITE + 1];
  writeFileSync(out, '');
  for (const text of slices()) appendFileSync(out, text);
  console.log(`wrote ${ROWS} lines to ${out}`);
  process.exit(0);
}
// The feeder's own pauses delay both the sending and the reading, and count as the monitor's
// latency: the lines are kept as one buffer with offsets (300,000 strings were 60 MB for its
// collector to mark), decisions are read as bytes, its heap is collected before the clock
// starts, and its GC pauses are reported.
// Line offsets are found slice by slice: Buffer#indexOf misreads a start past 2^31 bytes (about
// 11 million lines), and the lines after it were never sent.
const parts = [];
const offsets = new Float64Array(ROWS + 1);
let lineCount = 0;
let base = 0;
for (const text of slices()) {
  const part = Buffer.from(text, 'utf8');
  for (let at = part.indexOf(10); at >= 0; at = part.indexOf(10, at + 1)) offsets[++lineCount] = base + at + 1;
  base += part.length;
  parts.push(part);
}
const input = Buffer.concat(parts);
parts.length = 0;
// The slices' strings are garbage in large-object space until a full GC: have it now, not mid-run.
setFlagsFromString('--expose-gc');
runInNewContext('gc')();
const feederGc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    feederGc.count++;
    feederGc.totalMs += e.duration;
    feederGc.maxMs = Math.max(feederGc.maxMs, e.duration);
  }
}).observe({ entryTypes: ['gc'] });
const dir = mkdtempSync(join(tmpdir(), 'chokepoint-bench-stream-'));
const due = new Float64Array(ROWS);
const latency = new Float64Array(ROWS);
let decided = 0;
let flagged = 0;
let started = 0;
let finished = 0;
let resolveDone;
const done = new Promise((resolve) => (resolveDone = resolve));
const LINE_KEY = Buffer.from('"line":');
const FLAGGED = Buffer.from('"flagged":true');

/** CPU seconds of process `pid` (all its threads) or of its thread `tid`, from /proc (Linux; NaN elsewhere). */
function processCpu(pid, tid) {
  try {
    const stat = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * One `chokepoint monitor` (partition `index` of PARTITIONS): every monitor reads every line (its
 * window needs them all) and decides the lines of its partition.
 */
function startMonitor(index) {
  const child = spawn(
    process.execPath,
    [
      ...repeated('--node-arg'),
      join(DIST, 'cli', 'main.js'),
      'monitor',
      '--checkpoint',
      join(dir, `cp-${index}`),
      '--checkpoint-every',
      String(CHECKPOINT_EVERY),
      '--report-pauses',
      '5',
      ...(THREADS > 1 ? ['--threads', String(THREADS)] : []),
      ...(PARTITIONS > 1 ? ['--partition', `${index}/${PARTITIONS}`] : []),
      ...repeated('--monitor-arg'),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const m = { child, stderr: '', polledMainCpu: Number.NaN, fillCpu: 0, fillMainCpu: 0 };
  child.stderr.on('data', (d) => (m.stderr += d));
  // The monitor's main thread CPU, polled from /proc (Linux) for builds whose pause report lacks it.
  const poll = setInterval(() => {
    const cpu = processCpu(child.pid, child.pid);
    if (Number.isFinite(cpu)) m.polledMainCpu = cpu;
  }, 200);
  child.on('exit', (code) => {
    clearInterval(poll);
    // A monitor that fails (a build that cannot start, say) ends the bench with its own words.
    if (code !== 0) {
      console.error(`monitor ${index} exited with code ${code}:\n${m.stderr}`);
      process.exit(1);
    }
  });
  // Its exit above says why; a write to its closed stdin is not the news.
  child.stdin.on('error', () => {});
  let rest = Buffer.alloc(0);
  child.stdout.on('data', (chunk) => {
    const now = performance.now();
    const bytes = rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
    let start = 0;
    for (let end = bytes.indexOf(10); end >= 0; start = end + 1, end = bytes.indexOf(10, start)) {
      let at = bytes.indexOf(LINE_KEY, start) + LINE_KEY.length;
      let line = 0;
      for (let c = bytes[at]; c >= 48 && c <= 57; c = bytes[++at]) line = line * 10 + c - 48;
      latency[line - 1] = now - due[line - 1];
      decided++;
      const flag = bytes.indexOf(FLAGGED, start);
      if (flag >= 0 && flag < end) flagged++;
    }
    rest = bytes.subarray(start);
    finished = now;
    if (decided === ROWS) resolveDone();
  });
  return m;
}
const monitors = Array.from({ length: PARTITIONS }, (_, index) => startMonitor(index));
const closed = Promise.all(monitors.map((m) => new Promise((resolve) => m.child.on('close', resolve))));

// Start the clock once the monitor is up: it prints its start-up notice after loading the policy.
await Promise.all(monitors.map((m) => new Promise((resolve) => m.child.stderr.once('data', resolve))));
let sent = 0;
/**
 * Sends lines up to `to`: paced at RATE from now (each line due at its time), or as fast as the
 * slowest monitor takes them (each due when sent). Every millisecond it sends what is due.
 */
function feed(to, paced) {
  const first = sent;
  const clock = performance.now();
  return new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      const target = paced ? Math.min(to, first + Math.floor(((now - clock) / 1000) * RATE)) : Math.min(to, sent + 2_000);
      if (target > sent) {
        const from = sent;
        for (; sent < target; sent++) due[sent] = paced ? clock + ((sent - first) / RATE) * 1000 : now;
        const bytes = input.subarray(offsets[from], offsets[target]);
        let ok = true;
        for (const m of monitors) ok = m.child.stdin.write(bytes) && ok;
        if (sent === to) return resolve();
        // As fast as taken: wait for the slowest monitor.
        const full = monitors.find((m) => m.child.stdin.writableNeedDrain);
        if (!ok && !paced && full !== undefined) return full.child.stdin.once('drain', tick);
      }
      setTimeout(tick, 1);
    };
    tick();
  });
}
// The fill: unmeasured, and over before the clock starts (its CPU is taken off the monitors').
if (FILL > 0) {
  await feed(FILL, false);
  while (decided < FILL) await new Promise((resolve) => setTimeout(resolve, 10));
  for (const m of monitors) {
    m.fillCpu = processCpu(m.child.pid);
    m.fillMainCpu = processCpu(m.child.pid, m.child.pid);
  }
  console.log(`filled: ${FILL.toLocaleString('en-US')} lines decided`);
}
started = performance.now();
await feed(ROWS, RATE !== 0);
for (const m of monitors) m.child.stdin.end();
// Every decision read back, or the monitors gone without some (reported below).
await Promise.race([done, closed]);
await closed;
rmSync(dir, { recursive: true, force: true });

// The measured lines: those after the fill.
const PACED = ROWS - FILL;
const measured = decided - FILL;
const sorted = latency.slice(FILL, decided).sort();
const elapsed = (finished - started) / 1000;
// Per second of due time: which second a slow decision belongs to.
const seconds = Math.ceil(PACED / (RATE || PACED));
const perSecond = [];
for (let k = 0; k < seconds; k++) {
  const from = FILL + Math.floor((k * PACED) / seconds);
  const to = FILL + Math.floor(((k + 1) * PACED) / seconds);
  const s = latency.slice(from, to).sort();
  if (s.length > 0)
    perSecond.push(
      `  ${String(k + 1).padStart(3)} s: p50 ${percentile(s, 0.5).toFixed(2)} p99 ${percentile(s, 0.99).toFixed(2)} max ${s[s.length - 1].toFixed(1)} ms`,
    );
}
console.log(
  `streaming monitor: ${measured.toLocaleString('en-US')} decisions measured${FILL > 0 ? ` after a fill of ${FILL.toLocaleString('en-US')}` : ''} (${flagged} flagged in all) over ${ACCOUNTS.toLocaleString('en-US')} accounts, ` +
    `offered ${RATE === 0 ? 'as fast as taken' : `${RATE.toLocaleString('en-US')} tx/s`}, checkpoint every ${CHECKPOINT_EVERY.toLocaleString('en-US')}` +
    (PARTITIONS > 1 ? `, ${PARTITIONS} monitors (--partition i/${PARTITIONS}) each reading every line` : ''),
);
console.log(
  `  sustained throughput ${Math.round(measured / elapsed).toLocaleString('en-US')} decisions/s (${elapsed.toFixed(1)} s)`,
);
console.log(
  `  decision latency p50 ${percentile(sorted, 0.5).toFixed(2)} ms, p99 ${percentile(sorted, 0.99).toFixed(2)} ms, ` +
    `p999 ${percentile(sorted, 0.999).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (target p99 < 10 ms at 10,000 tx/s)`,
);
monitors.forEach((m, index) => {
  const name = PARTITIONS > 1 ? `monitor ${index}/${PARTITIONS}` : 'monitor';
  // Per decision of the whole stream: with partitions each monitor decides a share but reads every line.
  const cpu = Number(/cpu ([\d.]+) s/.exec(m.stderr)?.[1]) - m.fillCpu;
  console.log(
    `  ${name} CPU ${cpu.toFixed(1)} s${FILL > 0 ? ' after the fill' : ''}: ${Math.round((cpu / measured) * 1e6)} µs per line of the stream (parse, window, detectors, output, checkpoints)`,
  );
  const reported = Number(/main thread cpu ([\d.]+) s/.exec(m.stderr)?.[1]);
  const mainCpu = (Number.isFinite(reported) ? reported : m.polledMainCpu) - m.fillMainCpu;
  if (Number.isFinite(mainCpu))
    console.log(
      `  ${name} main thread CPU ${mainCpu.toFixed(1)} s${Number.isFinite(reported) ? '' : ' (polled)'}: ` +
        `${Math.round((mainCpu / measured) * 1e6)} µs per line of the stream (${FILL > 0 ? 'after the fill' : 'incl. start-up and warm-up'})`,
    );
  console.log(`  ${name} peak RSS ${/peak RSS (\d+) MB/.exec(m.stderr)?.[1] ?? '?'} MB`);
  const pauses = /monitor: pauses: (.*)/.exec(m.stderr)?.[1];
  if (pauses !== undefined) console.log(`  ${name} pauses: ${pauses}`);
  // With decision threads, each thread's report (its items, its GC pauses, its CPU).
  for (const l of m.stderr.split('\n')) if (/^monitor: thread \d+ pauses: /.test(l)) console.log(`  ${name} ${l.slice(9)}`);
  const slow = m.stderr.split('\n').filter((l) => /^monitor: (thread \d+ )?slow item/.test(l));
  if (slow.length > 0) console.log(`  ${slow.join('\n  ')}`);
});
console.log(
  `  feeder (this process) gc pauses ${feederGc.count} (total ${feederGc.totalMs.toFixed(1)} ms, max ${feederGc.maxMs.toFixed(1)} ms)`,
);
if (RATE !== 0) console.log(`per second of the run (latency by due time):\n${perSecond.join('\n')}`);
if (decided !== ROWS) {
  console.log(`  ${ROWS - decided} decisions missing\n${monitors.map((m) => m.stderr).join('\n')}`);
  process.exitCode = 1;
}
