// node bench/watchlist.mjs [--db FILE_OR_URL]  (after `npm run build`)
// Watchlist datasets: read time of the full OFAC SDN + UN lists, load into a fresh store (one
// transaction), a reload with changes (the diff path), a dataset streamed back, and what a
// `screen names --list DATASET` spends building its screener (preparing names vs the index).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../dist/store/index.js';
import { loadWatchlist, readWatchlistRecords } from '../dist/watchlist/index.js';
import { loadMatchingPolicy, Matcher, ScreenerBuilder, isScreenable, subjectFromEntity } from '../dist/screening/index.js';

const SHARED = process.env.CHOKEPOINT_SHARED_DATA ?? new URL('../../shared/data/', import.meta.url).pathname;
const OFAC_2021 = join(SHARED, 'watchlists/ofac/sdn_2021-07-07');
const OFAC_2024 = join(SHARED, 'watchlists/ofac/sdn_2024-05-03.csv');
const OFAC_CONS = join(SHARED, 'watchlists/ofac/consolidated_2025-12-19');
const UN = join(SHARED, 'watchlists/un/UN_consolidated_2026-02-27.xml');
const args = process.argv.slice(2);
const dbFlag = args.includes('--db') ? args[args.indexOf('--db') + 1] : undefined;

const mb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);
const rate = (n, s) => Math.round(n / s).toLocaleString('en-US');
const seconds = (t) => (performance.now() - t) / 1000;

const FULL = [OFAC_2024, OFAC_CONS, UN];
let t = performance.now();
let read = 0;
for (const p of FULL) for await (const record of readWatchlistRecords(p)) if (record.entity.id) read++;
let s = seconds(t);
console.log(
  `read        ${read.toLocaleString('en-US')} entities (SDN 2024 + consolidated + UN) in ${s.toFixed(2)} s (${rate(read, s)} entities/s)`,
);

const dir = mkdtempSync(join(tmpdir(), 'chokepoint-bench-watchlist-'));
const store = await openStore(dbFlag ?? join(dir, 'bench.db'));
try {
  t = performance.now();
  const first = await loadWatchlist(store, 'bench-sanctions', [OFAC_2021, OFAC_CONS, UN]);
  s = seconds(t);
  console.log(
    `load v1     ${first.entities.toLocaleString('en-US')} entities (SDN 2021 + consolidated + UN) in ${s.toFixed(2)} s (${rate(first.entities, s)} entities/s) on ${store.kind}`,
  );
  t = performance.now();
  const second = await loadWatchlist(store, 'bench-sanctions', FULL);
  s = seconds(t);
  console.log(
    `load v2     ${second.entities.toLocaleString('en-US')} entities in ${s.toFixed(2)} s (${rate(second.entities, s)} entities/s): ` +
      `+${second.added.length} -${second.removed.length} ~${second.changed.length} =${second.unchanged}`,
  );
  t = performance.now();
  const again = await loadWatchlist(store, 'bench-sanctions', FULL);
  s = seconds(t);
  console.log(`load v3     unchanged reload in ${s.toFixed(2)} s (${rate(again.entities, s)} entities/s)`);

  t = performance.now();
  const entities = [];
  for await (const e of store.iterateDataset('bench-sanctions')) entities.push(e);
  const iterate = seconds(t);
  console.log(
    `iterate     ${entities.length.toLocaleString('en-US')} entities in ${iterate.toFixed(2)} s (${rate(entities.length, iterate)} entities/s)`,
  );

  // What the screener build costs, part by part: preparing names (folding, transliteration,
  // legal forms, token kinds) and building the candidate index from prepared names.
  const matcher = new Matcher(loadMatchingPolicy());
  const listed = entities.filter(isScreenable).map(subjectFromEntity);
  t = performance.now();
  let names = 0;
  for (const subject of listed) names += matcher.prepareSubject(subject).names.length;
  const prepare = seconds(t);
  t = performance.now();
  const builder = new ScreenerBuilder(matcher);
  for (const subject of listed) builder.addSubject(subject, 'bench-sanctions');
  const addAll = seconds(t);
  t = performance.now();
  builder.build();
  const index = seconds(t);
  console.log(
    `screener    ${listed.length.toLocaleString('en-US')} listed, ${names.toLocaleString('en-US')} names: prepare ${prepare.toFixed(2)} s, ` +
      `add (prepare + intern) ${addAll.toFixed(2)} s, index build ${index.toFixed(2)} s; store read ${iterate.toFixed(2)} s`,
  );
  console.log(`peak memory ${mb()} MB (maxRSS)`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
