// Matching quality on labelled pairs, through the real `chokepoint score-pairs` command. There is no
// hand-labelled pair file in ../shared/data, so labels come from the OFAC SDN list itself:
//   positive  — an entry's primary name and one of its "a.k.a." aliases (same uid: the same party);
//   hard negative — an entry's primary name and the most similar name of another entry of the same
//               schema (what blocking offers first: the pairs a matcher must get right);
//   easy negative — an entry's primary name and a random other entry's name of the same schema.
// Labels are honest but not perfect: some aliases are unrelated names (a company's trading
// name), and two SDN entries can share a name. The pair file is written to a temporary folder.
// Run after `npm run build`:  node bench/screening-pairs.mjs [--pairs 3000] [--seed 5]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { loadMatchingPolicy, Matcher, ScreenerBuilder } from '../dist/screening/index.js';
import { readOfac } from './screening-lists.mjs';

const { values: args } = parseArgs({
  options: { pairs: { type: 'string', default: '3000' }, seed: { type: 'string', default: '5' } },
});
let state = Number(args.seed) >>> 0 || 1;
const random = () => {
  state = (state * 48271) % 2147483647;
  return state / 2147483647;
};
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const matcher = new Matcher(loadMatchingPolicy());
const entries = readOfac().filter((e) => e.schema !== 'LegalEntity' || e.names[0].length > 0);
const builder = new ScreenerBuilder(matcher);
for (const e of entries) builder.addSubject({ ...e, names: [...e.names, ...e.aliases] }, 'ofac-sdn');
const screener = builder.build();
const bySchema = new Map();
for (const e of entries) bySchema.set(e.schema, [...(bySchema.get(e.schema) ?? []), e]);
const querySchema = (s) => (s === 'Airplane' ? 'LegalEntity' : s);
const plain = (e, name) => ({
  id: 'q',
  schema: e.schema,
  names: [name],
  countries: [],
  nationalities: [],
  birthDates: [],
  identifiers: [],
});

const rows = [];
const third = Math.round(Number(args.pairs) / 3);
const withAliases = entries.filter((e) => e.aliases.length > 0);
for (let i = 0; i < third; i++) {
  const e = pick(withAliases);
  rows.push([querySchema(e.schema), e.names[0], pick(e.aliases), 'true', 'alias']);
}
for (let guard = 0, n = 0; n < third && guard < third * 10; guard++) {
  const e = pick(entries);
  const other = screener.screen(plain(e, e.names[0]), 0.01).find((h) => h.entityId !== e.id);
  if (other === undefined) continue;
  rows.push([querySchema(e.schema), e.names[0], other.result.name.candidateName, 'false', 'hard-negative']);
  n++;
}
for (let i = 0; i < third; i++) {
  const e = pick(entries);
  const other = pick(bySchema.get(e.schema));
  if (other.id === e.id) continue;
  rows.push([querySchema(e.schema), e.names[0], other.names[0], 'false', 'easy-negative']);
}

const dir = mkdtempSync(join(tmpdir(), 'chokepoint-pairs-'));
const input = join(dir, 'ofac-pairs.csv');
const output = join(dir, 'ofac-pairs-scored.csv');
const cell = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
writeFileSync(input, ['schema,name1,name2,label,kind', ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n');

const started = performance.now();
const run = spawnSync(
  process.execPath,
  [new URL('../dist/cli/main.js', import.meta.url).pathname, 'score-pairs', input, '--out', output],
  { encoding: 'utf8' },
);
const seconds = (performance.now() - started) / 1000;
if (run.status !== 0 && run.status !== 1) throw new Error(`score-pairs failed: ${run.stderr}`);
const scored = parse(readFileSync(output, 'utf8'), { columns: true });
const count = (f) => scored.filter(f).length;
const tp = count((r) => r.label === 'true' && r.match === 'true');
const fp = count((r) => r.label === 'false' && r.match === 'true');
const fn = count((r) => r.label === 'true' && r.match === 'false');
const precision = tp / Math.max(tp + fp, 1);
const recall = tp / Math.max(tp + fn, 1);
const f1 = (2 * precision * recall) / Math.max(precision + recall, 1e-9);
console.log(
  `pairs       ${scored.length} from OFAC SDN 2021-07-07 (${input}); policy ${matcher.policy.stamp}; threshold ${matcher.threshold}`,
);
console.log(`score-pairs ${seconds.toFixed(1)} s (${Math.round(scored.length / seconds)} pairs/s including start-up)`);
for (const kind of ['alias', 'hard-negative', 'easy-negative']) {
  const of = scored.filter((r) => r.kind === kind);
  console.log(
    `  ${kind.padEnd(14)} ${String(of.length).padStart(5)} pairs, ${String(of.filter((r) => r.match === 'true').length).padStart(5)} called a match`,
  );
}
console.log(`precision   ${(100 * precision).toFixed(2)}%   recall ${(100 * recall).toFixed(2)}%   F1 ${(100 * f1).toFixed(2)}%`);
