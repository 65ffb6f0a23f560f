// Name-screening speed. Two measurements, run after `npm run build`:
//   1. the real OFAC SDN (+ aliases) and UN lists: every listed primary name and as many innocent
//      names screened against them, in queries per second;
//   2. a generated list of N names (default 1,000,000): index build time, then per-query latency
//      (p50/p99) for queries that are typo'd listed names and innocent names;
// Prints throughput, latency percentiles and peak RSS (process.resourceUsage().maxRSS).
//   node bench/screening.mjs [--names 1000000] [--queries 2000]
import { parseArgs } from 'node:util';
import { loadMatchingPolicy, Matcher, ScreenerBuilder } from '../dist/screening/index.js';
import { readLists } from './screening-lists.mjs';
import { innocentCompanies, innocentPeople } from './screening-names.mjs';
import { listedSubjects } from './lib/generated-list.mjs';
import { rng } from './lib/rng.mjs';

const { values: args } = parseArgs({
  options: {
    names: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '3' },
  },
});

const random = rng(Number(args.seed));
const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (n) => Math.round(n).toLocaleString('en-US');

const generated = listedSubjects(random);

function typo(name) {
  const i = 1 + Math.floor(random() * (name.length - 2));
  return name.slice(0, i) + name.slice(i + 1);
}

function timeQueries(screener, queries) {
  const latencies = new Float64Array(queries.length);
  let hits = 0;
  const started = performance.now();
  queries.forEach((q, i) => {
    const t = performance.now();
    hits += screener.screen(q).length > 0 ? 1 : 0;
    latencies[i] = performance.now() - t;
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort();
  return { seconds, qps: queries.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), hits };
}

const matcher = new Matcher(loadMatchingPolicy());
const subject = (schema, name) => ({
  id: 'q',
  schema,
  names: [name],
  countries: [],
  nationalities: [],
  birthDates: [],
  identifiers: [],
});

// ---- 1. the real SDN + UN lists (first, so the million-name heap does not weigh on it) -------------------------------------------------------------------
{
  const lists = readLists();
  const t0 = performance.now();
  const builder = new ScreenerBuilder(matcher);
  for (const e of lists) builder.addSubject(e, e.dataset);
  const screener = builder.build();
  const buildSeconds = (performance.now() - t0) / 1000;
  const queries = [
    ...lists.map((e) => subject(e.schema, e.names[0])),
    ...innocentPeople(random, 7000).map((name) => subject('Person', name)),
    ...innocentCompanies(random, 3000).map((name) => subject('Company', name)),
  ];
  timeQueries(screener, queries.slice(0, 500));
  const r = timeQueries(screener, queries);
  console.log(
    `SDN + UN lists: ${fmt(lists.length)} entries (${fmt(screener.index.nameCount)} names with aliases), built in ${buildSeconds.toFixed(1)} s`,
  );
  console.log(
    `  queries      ${fmt(queries.length)} (every listed name + 10,000 innocent): ${fmt(r.qps)} queries/s, p50 ${r.p50.toFixed(3)} ms, p99 ${r.p99.toFixed(2)} ms`,
  );
  console.log(`  peak RSS     ${fmt(mb())} MB`);
}

// ---- 2. one million generated names ---------------------------------------------------------------
{
  const n = Number(args.names);
  const t0 = performance.now();
  const builder = new ScreenerBuilder(matcher);
  const sample = [];
  for (let i = 0; i < n; i++) {
    const s = generated(i);
    builder.addSubject(s, 'generated');
    if (i % Math.max(1, Math.floor(n / Number(args.queries))) === 0) sample.push(s);
  }
  const screener = builder.build();
  const buildSeconds = (performance.now() - t0) / 1000;
  const stats = screener.index.stats();
  const half = Math.floor(Number(args.queries) / 2);
  const queries = [
    ...sample.slice(0, half).map((s) => subject(s.schema, typo(s.names[0]))),
    ...innocentPeople(random, Math.ceil(half * 0.7)).map((name) => subject('Person', name)),
    ...innocentCompanies(random, Math.ceil(half * 0.3)).map((name) => subject('Company', name)),
  ];
  timeQueries(screener, queries.slice(0, 100)); // warm-up
  const r = timeQueries(screener, queries);
  console.log(
    `generated list: ${fmt(stats.names)} names, ${fmt(stats.distinctWords)} distinct words, ${fmt(stats.postings)} postings, typed arrays ${fmt(stats.typedBytes / 1048576)} MB`,
  );
  console.log(`  build        ${buildSeconds.toFixed(1)} s (${fmt(n / buildSeconds)} names/s)`);
  console.log(
    `  queries      ${fmt(queries.length)} (half typo'd listed names, half innocent): ${fmt(r.qps)} queries/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ${fmt(r.hits)} with a match`,
  );
  console.log(`  peak RSS     ${fmt(mb())} MB`);
}
