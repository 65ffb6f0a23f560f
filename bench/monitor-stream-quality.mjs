// node bench/monitor-stream-quality.mjs [--seed 1] [--scale medium] [--rows 64,32]
// Detection quality of the streaming engine against the simulator's ground truth: simulates a world
// (cached under .bench/), feeds its payments in time order to `StreamEngine` (what `chokepoint
// monitor` runs, with no entity context, as the monitor has none) once per `--max-account-rows`
// value, and prints per typology the recall of the planted payments (flagged on arrival), the
// schemes found (a key payment flagged) and the precision of the flagged decisions whose strongest
// typology it is, plus the CPU per decision.
// Run after `npm run build`.
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readTruth } from '../dist/evaluate/index.js';
import { formatById } from '../dist/ingest/index.js';
import { EMPTY_CONTEXT, loadPolicy } from '../dist/monitor/index.js';
import { DEFAULT_STREAM_OPTIONS, StreamEngine } from '../dist/monitor/stream/index.js';
import { SIMULATED_FILES, simulate } from '../dist/simulate/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const SEED = Number(option('--seed', '1'));
const SCALE = option('--scale', 'medium');
const CAPS = option('--rows', '64,32').split(',').map(Number);
const dir = join('.bench', `world-${SCALE}-${SEED}`);
if (!existsSync(join(dir, SIMULATED_FILES.truth))) await simulate({ outDir: dir, seed: SEED, scale: SCALE });

// The planted payments: transaction id → its typologies; and per scheme its key payments (a
// scheme counts as found when any of them is flagged, as `evaluate` counts it).
const truth = new Map();
const schemes = new Map();
for (const row of await readTruth(join(dir, SIMULATED_FILES.truth))) {
  if (row.recordKind !== 'transaction') continue;
  if (!truth.has(row.recordId)) truth.set(row.recordId, new Set());
  truth.get(row.recordId).add(row.typology);
  if (!row.keyRecord) continue;
  if (!schemes.has(row.schemeId)) schemes.set(row.schemeId, { typology: row.typology, keys: [] });
  schemes.get(row.schemeId).keys.push(row.recordId);
}

const file = join(dir, SIMULATED_FILES.transactions);
const transactions = [];
for await (const item of formatById('transactions-csv').read(createReadStream(file, { encoding: 'utf8' }), {
  sourceFile: file,
  dataset: 'quality',
  runId: 'quality',
  columnMap: {},
})) {
  if (item.kind === 'transaction') transactions.push({ ...item.record.transaction, id: item.record.transaction.sourceId });
}
// A stream arrives in time order; equal times keep the file's order.
transactions.sort((a, b) => a.timestamp - b.timestamp);

const policy = await loadPolicy();
const typologies = [...new Set([...truth.values()].flatMap((s) => [...s]))].sort();
console.log(
  `streaming quality on the simulator's ${SCALE} world (seed ${SEED}): ${transactions.length.toLocaleString('en-US')} payments, ` +
    `${truth.size.toLocaleString('en-US')} planted`,
);
for (const cap of CAPS) {
  const engine = new StreamEngine(policy, EMPTY_CONTEXT, { ...DEFAULT_STREAM_OPTIONS, maxAccountRows: cap });
  const flagged = new Map();
  const cpu0 = process.cpuUsage();
  for (const t of transactions) {
    const d = engine.decide(engine.add(t), t);
    if (d.flagged) flagged.set(t.id, d.typologies[0]);
  }
  const cpu = process.cpuUsage(cpu0);
  const truePositives = [...flagged.keys()].filter((id) => truth.has(id)).length;
  console.log(
    `--max-account-rows ${cap}: ${flagged.size.toLocaleString('en-US')} flagged, precision ${pct(truePositives, flagged.size)}, ` +
      `${Math.round((cpu.user + cpu.system) / transactions.length)} µs CPU per decision`,
  );
  for (const typology of typologies) {
    const planted = [...truth].filter(([, set]) => set.has(typology)).map(([id]) => id);
    const found = planted.filter((id) => flagged.has(id)).length;
    const named = [...flagged].filter(([, top]) => top === typology);
    const right = named.filter(([id]) => truth.has(id)).length;
    const ofTypology = [...schemes.values()].filter((x) => x.typology === typology);
    const schemesFound = ofTypology.filter((x) => x.keys.some((id) => flagged.has(id))).length;
    console.log(
      `  ${typology.padEnd(26)} recall ${pct(found, planted.length).padStart(6)} (${found}/${planted.length})` +
        `   schemes found ${schemesFound}/${ofTypology.length}` +
        `   precision as strongest typology ${named.length === 0 ? '     -' : pct(right, named.length).padStart(6)} (${right}/${named.length})`,
    );
  }
  // Flagged, but under a typology no payment was planted with.
  const others = new Map();
  for (const [, top] of flagged) if (!typologies.includes(top)) others.set(top, (others.get(top) ?? 0) + 1);
  if (others.size > 0) console.log(`  flagged under other typologies: ${[...others].map(([t, n]) => `${t} ${n}`).join(', ')}`);
}

function pct(a, b) {
  return b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`;
}
