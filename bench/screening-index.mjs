// node bench/screening-index.mjs [--names 1000000] [--pg URL|none]  (after `npm run build`)
// The persisted screening index (issue 5 item 3): what a run spends getting its screener when the
// store holds a current payload (read + decode) against rebuilding it (prepare + index), for
//   1. the real OFAC SDN + UN lists loaded as store datasets (buildStoreScreener, SQLite file and
//      PostgreSQL), and
//   2. N generated names (default 1,000,000): build, encode, write, read back and decode.
// Checks that queries give the same hits either way; prints sizes, times and peak RSS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openStore } from '../dist/store/index.js';
import { buildStoreScreener, loadWatchlist, screenParty } from '../dist/watchlist/index.js';
import { decodeScreener, encodeScreener, loadMatchingPolicy, Matcher, ScreenerBuilder } from '../dist/screening/index.js';
import { innocentPeople } from './screening-names.mjs';
import { listedSubjects, subject } from './lib/generated-list.mjs';
import { rng } from './lib/rng.mjs';

const { values: args } = parseArgs({
  options: {
    names: { type: 'string', default: '1000000' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const SHARED = process.env.CHOKEPOINT_SHARED_DATA ?? new URL('../../shared/data/', import.meta.url).pathname;
const OFAC = join(SHARED, 'watchlists/ofac/sdn_2021-07-07');
const UN = join(SHARED, 'watchlists/un/UN_consolidated_2026-02-27.xml');

const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const secs = (t) => (performance.now() - t) / 1000;
async function timed(work) {
  const t = performance.now();
  const value = await work();
  return { value, s: secs(t) };
}

const random = rng(7);
const generated = listedSubjects(random);
const hitsOf = (screener, queries) =>
  JSON.stringify(queries.map((q) => screener.screen(q).map((h) => [h.entityId, h.result.score])));

/** A scratch PostgreSQL database for the run, or undefined when the server is not reachable. */
async function scratchPg() {
  if (args.pg === 'none') return undefined;
  const name = `chokepoint_bench_index_${process.pid}`;
  const admin = new pg.Client({ connectionString: args.pg });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    console.log(`  (PostgreSQL skipped: ${error.message})`);
    return undefined;
  } finally {
    await admin.end().catch(() => {});
  }
  const url = new URL(args.pg);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: args.pg });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'chokepoint-bench-index-'));
const policy = loadMatchingPolicy();
try {
  // ---- 1. SDN + UN as store datasets -------------------------------------------------------------
  const pgDb = await scratchPg();
  const targets = [['SQLite file', join(dir, 'lists.db')], ...(pgDb ? [['PostgreSQL', pgDb.url]] : [])];
  for (const [label, location] of targets) {
    const store = await openStore(location);
    try {
      await loadWatchlist(store, 'sdn', [OFAC]);
      await loadWatchlist(store, 'un', [UN]);
      const rebuild = await timed(() => buildStoreScreener(store, policy, { persist: false }));
      const first = await timed(() => buildStoreScreener(store, policy));
      const row = await store.getScreeningIndex('store-watchlists');
      const runs = [];
      let loaded;
      for (let i = 0; i < 5; i++) {
        const r = await timed(() => buildStoreScreener(store, policy));
        runs.push(r.s);
        loaded = r.value;
      }
      runs.sort((a, b) => a - b);
      const probes = [...rebuild.value.captions.values()].slice(0, 3000).map((n) => n);
      const same =
        JSON.stringify(probes.map((n) => screenParty(rebuild.value, n, null).map((h) => [h.entityId, h.result.score]))) ===
        JSON.stringify(probes.map((n) => screenParty(loaded, n, null).map((h) => [h.entityId, h.result.score])));
      console.log(
        `SDN + UN on ${label}: ${fmt(rebuild.value.screener.size)} entities, ${fmt(rebuild.value.screener.index.nameCount)} names, payload ${(row.payload.length / 1048576).toFixed(1)} MB`,
      );
      console.log(`  rebuild from datasets       ${rebuild.s.toFixed(2)} s`);
      console.log(`  first build + store         ${first.s.toFixed(2)} s (source: ${first.value.indexSource})`);
      console.log(
        `  load from store (5 runs)    median ${runs[2].toFixed(3)} s, best ${runs[0].toFixed(3)} s (source: ${loaded.indexSource}); ${fmt(probes.length)} queries identical: ${same}`,
      );
    } finally {
      await store.close();
    }
  }
  await pgDb?.drop();
  console.log(`  peak RSS                    ${fmt(mb())} MB`);

  // ---- 2. N generated names ----------------------------------------------------------------------
  const n = Number(args.names);
  const matcher = new Matcher(policy);
  const build = await timed(() => {
    const b = new ScreenerBuilder(matcher);
    for (let i = 0; i < n; i++) b.addSubject(generated(i), 'generated');
    return b.build();
  });
  const encode = await timed(() => encodeScreener(build.value));
  const payload = encode.value;
  const store = await openStore(join(dir, 'generated.db'));
  try {
    const write = await timed(() =>
      store.putScreeningIndex({
        key: 'bench-generated',
        datasetVersions: `generated@${n}`,
        policyHash: policy.stamp,
        createdAt: new Date().toISOString(),
        payload,
      }),
    );
    const read = await timed(() => store.getScreeningIndex('bench-generated'));
    const decode = await timed(() => decodeScreener(read.value.payload, new Matcher(policy)));
    const queries = [
      ...Array.from({ length: 500 }, (_, i) => {
        const s = build.value.listedEntities[Math.floor((i * n) / 500)].subject;
        return subject('q', s.schema, [s.names[0].slice(0, 3) + s.names[0].slice(4)]);
      }),
      ...innocentPeople(random, 500).map((name) => subject('q', 'Person', [name])),
    ];
    const same = hitsOf(build.value, queries) === hitsOf(decode.value.screener, queries);
    console.log(`generated list: ${fmt(n)} names, payload ${(payload.length / 1048576).toFixed(0)} MB (SQLite file)`);
    console.log(`  rebuild (prepare + index)   ${build.s.toFixed(1)} s`);
    console.log(`  encode                      ${encode.s.toFixed(2)} s, write ${write.s.toFixed(2)} s`);
    console.log(
      `  load from store             ${(read.s + decode.s).toFixed(2)} s (read ${read.s.toFixed(2)} s + decode ${decode.s.toFixed(2)} s); ${fmt(queries.length)} queries identical: ${same}`,
    );
  } finally {
    await store.close();
  }
  console.log(`  peak RSS                    ${fmt(mb())} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
