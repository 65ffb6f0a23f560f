// node bench/simulate.mjs [--scale tiny|small|medium|large] [--seed N] [--out DIR]
// Runs the built simulator (npm run build first) and prints records/s, seconds and peak RSS.
import { rmSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../dist/simulate/index.js';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const scale = flag('--scale', 'small');
const seed = Number(flag('--seed', '1'));
const outDir = flag('--out', join(process.cwd(), '.bench', `simulate-${scale}`));
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

rmSync(outDir, { recursive: true, force: true });
const started = performance.now();
const summary = await simulate({ outDir, seed, scale });
const seconds = (performance.now() - started) / 1000;
const records = summary.counts.shipments + summary.counts.transactions + summary.counts.entities;
const bytes = readdirSync(outDir).reduce((sum, f) => sum + statSync(join(outDir, f)).size, 0);
const peakMb = process.resourceUsage().maxRSS / 1024;

console.log(
  `Chokepoint simulator benchmark (scale ${scale}, seed ${seed}, simulator ${summary.version}; node ${process.version})`,
);
console.log(`shipments     ${fmt(summary.counts.shipments)} (${fmt(summary.illicit.shipments)} planted)`);
console.log(`transactions  ${fmt(summary.counts.transactions)} (${fmt(summary.illicit.transactions)} planted)`);
console.log(`entities      ${fmt(summary.counts.entities)}`);
console.log(`truth rows    ${fmt(summary.counts.truth)}`);
console.log(`written       ${fmt(bytes / 1e6, 1)} MB in ${outDir}`);
console.log(`seconds       ${fmt(seconds, 1)}`);
console.log(`records/s     ${fmt(records / seconds)}`);
console.log(`peak RSS MB   ${fmt(peakMb, 0)}`);
