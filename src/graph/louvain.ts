import { EDGE_TYPES, EDGE_TYPE_CODE, type EdgeType, type Graph } from './graph.js';
import { compileFilter, passes, type EdgeFilter } from './traverse.js';

export interface LouvainOptions extends EdgeFilter {
  /** Weight of each edge type in the projection (default 1 for each allowed type). */
  readonly typeWeights?: Readonly<Partial<Record<EdgeType, number>>>;
  /** Resolution: above 1 favours smaller communities (default 1). */
  readonly resolution?: number;
  /** Seeded order of visits (default 1): same seed, same communities. */
  readonly seed?: number;
  readonly maxLevels?: number;
}

export interface Communities {
  /** Community per node (0..count-1); isolated nodes get their own. */
  readonly community: Uint32Array;
  readonly count: number;
  readonly modularity: number;
  readonly levels: number;
}

/** Undirected weighted adjacency in CSR form, with self-loop weight per node. */
interface Undirected {
  readonly n: number;
  readonly offsets: Uint32Array;
  readonly neighbours: Uint32Array;
  readonly weights: Float64Array;
  readonly selfLoops: Float64Array;
  readonly totalWeight: number;
}

function projection(graph: Graph, options: LouvainOptions): Undirected {
  const f = compileFilter({ ...options, direction: 'both' });
  const tw = new Float64Array(EDGE_TYPES.length).fill(1);
  for (const [t, w] of Object.entries(options.typeWeights ?? {})) tw[EDGE_TYPE_CODE[t as EdgeType]] = w;
  const n = graph.nodeCount;
  const degree = new Uint32Array(n + 1);
  const keep = new Float64Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    if (!passes(graph, f, e)) continue;
    const w = tw[graph.type[e] as number] as number;
    if (w <= 0) continue;
    keep[e] = w;
    const a = graph.source[e] as number;
    const b = graph.target[e] as number;
    if (a === b) continue;
    degree[a + 1]!++;
    degree[b + 1]!++;
  }
  for (let i = 0; i < n; i++) degree[i + 1]! += degree[i] as number;
  const cursor = degree.slice(0, n);
  const neighbours = new Uint32Array(degree[n] as number);
  const weights = new Float64Array(degree[n] as number);
  const selfLoops = new Float64Array(n);
  let total = 0;
  for (let e = 0; e < graph.edgeCount; e++) {
    const w = keep[e] as number;
    if (w === 0) continue;
    const a = graph.source[e] as number;
    const b = graph.target[e] as number;
    total += w;
    if (a === b) {
      selfLoops[a] = (selfLoops[a] as number) + w;
      continue;
    }
    neighbours[cursor[a] as number] = b;
    weights[cursor[a]!++] = w;
    neighbours[cursor[b] as number] = a;
    weights[cursor[b]!++] = w;
  }
  return { n, offsets: degree, neighbours, weights, selfLoops, totalWeight: total };
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

/** One level of local moving; returns the community of each node (renumbered) and whether any moved. */
function localMoving(
  g: Undirected,
  resolution: number,
  random: () => number,
): { community: Uint32Array; count: number; moved: boolean } {
  const { n, offsets, neighbours, weights, selfLoops } = g;
  const m2 = 2 * g.totalWeight;
  const community = new Uint32Array(n);
  const k = new Float64Array(n);
  const tot = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    community[i] = i;
    let d = 2 * (selfLoops[i] as number);
    for (let j = offsets[i] as number; j < (offsets[i + 1] as number); j++) d += weights[j] as number;
    k[i] = d;
    tot[i] = d;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  const linkTo = new Float64Array(n);
  const touched: number[] = [];
  let moved = false;
  for (let pass = 0; pass < 50; pass++) {
    let changes = 0;
    for (let idx = 0; idx < n; idx++) {
      const v = order[idx] as number;
      const kv = k[v] as number;
      if (kv === 0) continue;
      const own = community[v] as number;
      for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j++) {
        const c = community[neighbours[j] as number] as number;
        if (linkTo[c] === 0) touched.push(c);
        linkTo[c] = (linkTo[c] as number) + (weights[j] as number);
      }
      tot[own] = (tot[own] as number) - kv;
      // Gain of joining c (constant terms dropped): k_v,in(c) - resolution * tot(c) * k_v / 2m.
      let best = own;
      let bestGain = (linkTo[own] as number) - (resolution * (tot[own] as number) * kv) / m2;
      for (const c of touched) {
        const gain = (linkTo[c] as number) - (resolution * (tot[c] as number) * kv) / m2;
        if (gain > bestGain + 1e-12) {
          best = c;
          bestGain = gain;
        }
      }
      tot[best] = (tot[best] as number) + kv;
      if (best !== own) {
        community[v] = best;
        changes++;
        moved = true;
      }
      for (const c of touched) linkTo[c] = 0;
      touched.length = 0;
    }
    if (changes === 0) break;
  }
  const renumber = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = community[i] as number;
    if (renumber[c] === -1) renumber[c] = count++;
    community[i] = renumber[c] as number;
  }
  return { community, count, moved };
}

function aggregate(g: Undirected, community: Uint32Array, count: number): Undirected {
  const selfLoops = new Float64Array(count);
  const maps: Map<number, number>[] = Array.from({ length: count }, () => new Map());
  for (let v = 0; v < g.n; v++) {
    const cv = community[v] as number;
    selfLoops[cv] = (selfLoops[cv] as number) + (g.selfLoops[v] as number);
    for (let j = g.offsets[v] as number; j < (g.offsets[v + 1] as number); j++) {
      const u = g.neighbours[j] as number;
      if (u < v) continue; // each undirected edge once
      const cu = community[u] as number;
      const w = g.weights[j] as number;
      if (cu === cv) selfLoops[cv] = (selfLoops[cv] as number) + w;
      else {
        const mv = maps[cv] as Map<number, number>;
        mv.set(cu, (mv.get(cu) ?? 0) + w);
        const mu = maps[cu] as Map<number, number>;
        mu.set(cv, (mu.get(cv) ?? 0) + w);
      }
    }
  }
  const offsets = new Uint32Array(count + 1);
  for (let c = 0; c < count; c++) offsets[c + 1] = (offsets[c] as number) + (maps[c] as Map<number, number>).size;
  const neighbours = new Uint32Array(offsets[count] as number);
  const weights = new Float64Array(offsets[count] as number);
  for (let c = 0; c < count; c++) {
    let j = offsets[c] as number;
    for (const [u, w] of maps[c] as Map<number, number>) {
      neighbours[j] = u;
      weights[j++] = w;
    }
  }
  return { n: count, offsets, neighbours, weights, selfLoops, totalWeight: g.totalWeight };
}

function modularity(g: Undirected, community: Uint32Array, resolution: number): number {
  const m2 = 2 * g.totalWeight;
  if (m2 === 0) return 0;
  const inside = new Float64Array(g.n);
  const tot = new Float64Array(g.n);
  for (let v = 0; v < g.n; v++) {
    const c = community[v] as number;
    inside[c] = (inside[c] as number) + 2 * (g.selfLoops[v] as number);
    tot[c] = (tot[c] as number) + 2 * (g.selfLoops[v] as number);
    for (let j = g.offsets[v] as number; j < (g.offsets[v + 1] as number); j++) {
      tot[c] = (tot[c] as number) + (g.weights[j] as number);
      if (community[g.neighbours[j] as number] === c) inside[c] = (inside[c] as number) + (g.weights[j] as number);
    }
  }
  let q = 0;
  for (let c = 0; c < g.n; c++) q += (inside[c] as number) / m2 - resolution * ((tot[c] as number) / m2) ** 2;
  return q;
}

/**
 * Louvain community detection on the undirected weighted projection of the graph: local moving
 * of nodes to the neighbouring community with the best modularity gain, then aggregation of
 * communities into nodes, repeated while anything moves. Front-company clusters show up as
 * communities of companies joined by shared addresses, phones and e-mails.
 */
export function louvain(graph: Graph, options: LouvainOptions = {}): Communities {
  const resolution = options.resolution ?? 1;
  const random = rng(options.seed ?? 1);
  const base = projection(graph, options);
  let g = base;
  const membership = new Uint32Array(graph.nodeCount);
  for (let i = 0; i < graph.nodeCount; i++) membership[i] = i;
  let levels = 0;
  let count = graph.nodeCount;
  for (let level = 0; level < (options.maxLevels ?? 20); level++) {
    const { community, count: c, moved } = localMoving(g, resolution, random);
    if (!moved && level > 0) break;
    for (let i = 0; i < graph.nodeCount; i++) membership[i] = community[membership[i] as number] as number;
    count = c;
    levels++;
    if (!moved) break;
    g = aggregate(g, community, c);
  }
  return { community: membership, count, modularity: modularity(base, membership, resolution), levels };
}
