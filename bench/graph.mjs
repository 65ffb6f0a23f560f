// node bench/graph.mjs [--edges N] [--nodes N] [--queries N]      (speed, on a generated graph)
// node bench/graph.mjs --quality [--scale medium] [--seed 1] [--top 20] [--keep DIR [--reuse]]   (chokepoint precision@20)
//
// Speed: generates a seeded heavy-tailed network of 10 million typed, weighted, time-stamped edges
// among 1 million entities (typed arrays, no files), then measures: building the compact graph
// (interning the ids, appending the edges, laying out CSR both ways), an incremental update
// (100,000 new edges on top), personalised PageRank from 1,000 seeds, and 2-hop neighbourhoods
// (default cap of 10,000 nodes) from 1,000 random entities: p50 / p99. Peak RSS at the end.
// Issue 7's targets: build < 30 s, PageRank < 10 s, 2-hop p99 < 50 ms, memory < 2 GB.
//
// Quality: simulates the world, ingests it into a fresh SQLite store, runs every detector
// (`chokepoint analyze`), ranks the chokepoints and scores them against truth.csv: the share of
// the top 20 (and 50) that are planted brokers, forwarders or laundering controllers (precision),
// the share that are any planted actor, how many of the planted chokepoint roles the top 20
// reach, and the ranks of every role (all chokepoint roles; other roles reaching the top 50).
// Run after `npm run build`.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  EDGE_TYPES,
  GraphBuilder,
  neighbourhood,
  personalisedPageRank,
  loadNetwork,
  loadNetworkPolicy,
  chokepointsQuery,
  rankingQuality,
  truthRoles,
  CHOKEPOINT_ROLES,
} from '../dist/graph/index.js';
import { rng } from './lib/rng.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const fmt = (n) => Math.round(n).toLocaleString('en-US');
// CPU seconds beside wall seconds: the machine may be shared, and CPU time is what the code costs.
let cpuMark = process.cpuUsage();
const cpu = () => {
  const now = process.cpuUsage();
  const s = (now.user - cpuMark.user + now.system - cpuMark.system) / 1e6;
  cpuMark = now;
  return `${s.toFixed(2)} s CPU`;
};

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function speed() {
  const EDGES = Number(flag('--edges', 10_000_000));
  const NODES = Number(flag('--nodes', 1_000_000));
  const QUERIES = Number(flag('--queries', 1_000));
  const r = rng(7);
  // Heavy-tailed degrees: entity k is picked with probability ~ 1/(k + 50) (a few hubs: ports,
  // big forwarders, payment processors), the other end uniformly.
  const pick = () => Math.min(NODES - 1, Math.floor(50 * ((NODES + 50) / 50) ** r() - 50));
  console.log(`generating ${fmt(EDGES)} edges among ${fmt(NODES)} entities (seeded)`);
  const source = new Uint32Array(EDGES);
  const target = new Uint32Array(EDGES);
  const type = new Uint8Array(EDGES);
  const weight = new Float64Array(EDGES);
  const time = new Float64Array(EDGES);
  const start = Date.UTC(2024, 0, 1);
  // Mostly flows (shipments, payments), then the links: ownership, holders, shared contacts.
  const mix = [
    ['ships-to', 0.45],
    ['pays', 0.4],
    ['holds', 0.05],
    ['owns', 0.03],
    ['directs', 0.02],
    ['shares-address', 0.03],
    ['shares-contact', 0.02],
  ];
  for (let e = 0; e < EDGES; e++) {
    let a = pick();
    let b = Math.floor(r() * NODES);
    if (r() < 0.5) [a, b] = [b, a];
    source[e] = a;
    target[e] = b === a ? (b + 1) % NODES : b;
    let x = r();
    let t = 0;
    while (t < mix.length - 1 && x >= mix[t][1]) x -= mix[t++][1];
    const name = mix[t][0];
    type[e] = EDGE_TYPES.indexOf(name);
    weight[e] = name === 'owns' ? 0.1 + 0.9 * r() : name === 'ships-to' || name === 'pays' ? Math.exp(4 + 6 * r()) : 1;
    time[e] = name === 'ships-to' || name === 'pays' ? start + Math.floor(r() * 365) * 86_400_000 : Number.NaN;
  }
  const ids = Array.from({ length: NODES }, (_, i) => `e${i.toString(36)}`);
  const kinds = ['company', 'person', 'account'];
  console.log(`generated; RSS ${mb()} MB`);

  // Build: intern ids, append edges (by type name, as the feed does), CSR both ways.
  cpu();
  let t0 = performance.now();
  const b = new GraphBuilder(undefined, { nodes: NODES, edges: EDGES });
  for (let n = 0; n < NODES; n++) b.node(ids[n], kinds[n % 3]);
  const tIntern = performance.now() - t0;
  for (let e = 0; e < EDGES; e++) b.edge(source[e], target[e], { type: EDGE_TYPES[type[e]], weight: weight[e], time: time[e] });
  const tAppend = performance.now() - t0 - tIntern;
  const graph = b.build();
  const tBuild = performance.now() - t0;
  console.log(
    `build         ${(tBuild / 1000).toFixed(2)} s (${cpu()}; intern ${(tIntern / 1000).toFixed(2)}, append ${(tAppend / 1000).toFixed(2)}, CSR ${((tBuild - tIntern - tAppend) / 1000).toFixed(2)}); ` +
      `${fmt(EDGES / (tBuild / 1000))} edges/s; RSS ${mb()} MB`,
  );

  // Personalised PageRank from 1,000 seeds (designated and flagged parties).
  cpu();
  const seedNodes = Array.from({ length: 1000 }, () => Math.floor(r() * NODES));
  t0 = performance.now();
  const pr = personalisedPageRank(graph, { nodes: seedNodes, strength: seedNodes.map(() => 1) });
  const tPr = performance.now() - t0;
  console.log(
    `pagerank      ${(tPr / 1000).toFixed(2)} s (${cpu()}), ${pr.iterations} iterations (${fmt(tPr / pr.iterations)} ms each); RSS ${mb()} MB`,
  );

  // 2-hop neighbourhoods from random entities.
  const times = [];
  let reached = 0;
  let truncated = 0;
  for (let q = 0; q < QUERIES; q++) {
    const centre = Math.floor(r() * NODES);
    const s = performance.now();
    const n = neighbourhood(graph, centre, { hops: 2 });
    times.push(performance.now() - s);
    reached += n.nodes.length;
    if (n.truncated) truncated++;
  }
  times.sort((x, y) => x - y);
  console.log(
    `2-hop         p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms; ` +
      `${fmt(reached / QUERIES)} nodes on average, ${truncated} of ${QUERIES} cut at 10,000 nodes`,
  );
  // The same without the cap: what a hub's full 2-hop costs.
  const uncapped = [];
  let uncappedNodes = 0;
  for (let q = 0; q < Math.min(QUERIES, 200); q++) {
    const centre = Math.floor(r() * NODES);
    const s = performance.now();
    uncappedNodes += neighbourhood(graph, centre, { hops: 2, maxNodes: Infinity }).nodes.length;
    uncapped.push(performance.now() - s);
  }
  uncapped.sort((x, y) => x - y);
  console.log(
    `2-hop, no cap p50 ${percentile(uncapped, 50).toFixed(2)} ms, p99 ${percentile(uncapped, 99).toFixed(2)} ms over ${uncapped.length} queries; ` +
      `${fmt(uncappedNodes / uncapped.length)} nodes on average`,
  );
  console.log(`peak RSS      ${mb()} MB (the targets' phases)`);

  // Incremental update: the graph so far plus 100,000 new edges.
  cpu();
  t0 = performance.now();
  const more = GraphBuilder.from(graph, undefined, 100_000);
  for (let e = 0; e < 100_000; e++) more.edge(source[e], target[(e * 7) % EDGES], { type: 'pays', weight: 100, time: start });
  const updated = more.build();
  const tUpdate = performance.now() - t0;
  console.log(
    `update        ${(tUpdate / 1000).toFixed(2)} s (${cpu()}) for 100,000 new edges on ${fmt(updated.edgeCount - 100_000)} (full re-layout)`,
  );
  console.log(`peak RSS      ${mb()} MB (with the updated copy beside the original)`);
}

async function quality() {
  const { simulate, SIMULATED_FILES } = await import('../dist/simulate/index.js');
  const { ingestFile } = await import('../dist/ingest/index.js');
  const { openStore } = await import('../dist/store/index.js');
  const { runDetectors } = await import('../dist/detect/detector.js');
  const { DETECTORS } = await import('../dist/detect/registry.js');
  const { readTruth } = await import('../dist/evaluate/index.js');
  const scale = flag('--scale', 'medium');
  const seed = Number(flag('--seed', 1));
  const K = Number(flag('--top', 20));
  // --keep DIR keeps the world and the store there (for a look with the network commands).
  const keep = flag('--keep', undefined);
  if (keep !== undefined) mkdirSync(keep, { recursive: true });
  const tmp = keep ?? mkdtempSync(join(tmpdir(), 'chokepoint-graph-quality-'));
  try {
    let t0 = performance.now();
    const world = join(tmp, 'world');
    // --reuse: the world and store a previous --keep run left (the ranking only).
    const reuse = args.includes('--reuse') && existsSync(join(tmp, 'world.db'));
    const store = await openStore(join(tmp, 'world.db'));
    if (!reuse) {
      await simulate({ outDir: world, seed, scale });
      console.log(`simulate      ${scale}, seed ${seed}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      t0 = performance.now();
      for (const file of [SIMULATED_FILES.entities, SIMULATED_FILES.shipments, SIMULATED_FILES.transactions])
        await ingestFile(store, { path: join(world, file) });
      console.log(`ingest        ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      t0 = performance.now();
      const raised = await runDetectors(store, DETECTORS);
      const counts = Object.entries(raised)
        .map(([id, n]) => `${id} ${fmt(n)}`)
        .join(', ');
      console.log(`analyze       ${((performance.now() - t0) / 1000).toFixed(1)} s, alerts: ${counts}`);
    }
    t0 = performance.now();
    const network = await loadNetwork(store, loadNetworkPolicy());
    // Every ranked node, so that each planted role's ranks can be reported, not only the top 50's.
    const answer = chokepointsQuery(network, Number.MAX_SAFE_INTEGER);
    console.log(
      `chokepoints   ${((performance.now() - t0) / 1000).toFixed(1)} s: ${fmt(network.graph.nodeCount)} nodes, ${fmt(network.graph.edgeCount)} edges, ` +
        `${fmt(answer.riskyEdges)} risky edges, ${answer.suppliers} suppliers, ${answer.destinations} destinations`,
    );
    const truth = await readTruth(join(world, SIMULATED_FILES.truth));
    const ranked = answer.chokepoints.map((c) => c.node.node);
    const q = rankingQuality(network, truth, ranked, K);
    const q50 = rankingQuality(network, truth, ranked, 50);
    const wanted = new Set(Object.values(CHOKEPOINT_ROLES).flat());
    const roles = truthRoles(network, truth);
    const planted = [...roles].filter(([, r]) => r.some((role) => wanted.has(role))).length;
    const hit = q.roles.filter((r) => r.some((role) => wanted.has(role))).length;
    // Score, then its betweenness and throughput parts (each 0..1) and A/C: articulation point, in the cut.
    answer.chokepoints
      .slice(0, K)
      .forEach((c, i) =>
        console.log(
          `  ${String(i + 1).padStart(2)}  ${c.score.toFixed(2)} b ${c.betweenness.toFixed(2)} t ${c.throughput.toFixed(2)} ${c.articulationSplits.length > 0 ? 'A' : ' '}${c.inMinCut ? 'C' : ' '}  ${c.node.kind.padEnd(7)} ${(c.node.label || c.node.id).slice(0, 40).padEnd(40)}  ${q.roles[i].join(', ') || '-'}`,
        ),
      );
    // How many of the top K are of each kind the issue names (a node with two kinds counts in both).
    const kinds = Object.entries(CHOKEPOINT_ROLES).map(
      ([kind, list]) => `${q.roles.filter((r) => r.some((role) => list.includes(role))).length} ${kind}s`,
    );
    console.log(`precision@${K}  ${q.precision.toFixed(2)} (brokers, forwarders, laundering controllers: ${kinds.join(', ')})`);
    console.log(`any planted   ${q.precisionAnyPlanted.toFixed(2)} (suppliers, importers, distributors too)`);
    console.log(`recall@${K}     ${(hit / Math.max(1, planted)).toFixed(2)} (${hit} of ${planted} nodes with a chokepoint role)`);
    console.log(`precision@50  ${q50.precision.toFixed(2)}`);
    // Per role: how many of its nodes are ranked at all, and the best ranks (* = a chokepoint role).
    const rankOf = new Map(ranked.map((n, i) => [n, i + 1]));
    const byRole = new Map();
    for (const [node, list] of roles)
      for (const role of new Set(list)) byRole.set(role, [...(byRole.get(role) ?? []), rankOf.get(node)]);
    console.log(`ranks by role (${fmt(ranked.length)} nodes ranked; * chokepoint role; ranked/planted, then the best 12 ranks):`);
    for (const [role, ranks] of [...byRole].sort(
      ([a], [b]) => Number(wanted.has(b)) - Number(wanted.has(a)) || a.localeCompare(b),
    )) {
      const got = ranks.filter((r) => r !== undefined).sort((a, b) => a - b);
      if (!wanted.has(role) && (got[0] ?? Infinity) > 50) continue;
      console.log(
        `  ${wanted.has(role) ? '*' : ' '} ${role.padEnd(26)} ${`${got.length}/${ranks.length}`.padStart(6)}  ${got.slice(0, 12).join(' ')}`,
      );
    }
    await store.close();
  } finally {
    if (keep === undefined) rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`peak RSS      ${mb()} MB`);
}

if (args.includes('--quality')) await quality();
else await speed();
