import { EDGE_TYPE_CODE, NO_REF, NODE_KIND_CODE, type EdgeType, type Graph, type NodeKind } from './graph.js';
import { GrowableFloat64, GrowableUint32, GrowableUint8 } from './growable.js';
import { identityResolver, type Resolver } from './resolver.js';

export interface EdgeInput {
  readonly type: EdgeType;
  /** Dollars for flows, share 0..1 for ownership, 1 for plain links; NaN when unknown. */
  readonly weight?: number;
  /** Milliseconds since the epoch; NaN or absent for undated links. */
  readonly time?: number;
}

/**
 * Builds a `Graph` from a stream of nodes and edges. Entity ids go through the resolver first,
 * so entities resolved into one cluster become one node (identity until entity resolution lands).
 * Edges are grouped by the record they come from: a record already added is skipped, which makes
 * `GraphBuilder.from(graph)` plus the records of a new ingest an incremental rebuild.
 */
export class GraphBuilder {
  private readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly labels: string[] = [];
  private readonly kinds: GrowableUint8;
  /** 1 once a node's kind comes from a specific schema (Person, Company), which a generic one never overrides. */
  private readonly kindFixed: GrowableUint8;
  private readonly flags: GrowableUint8;
  private readonly source: GrowableUint32;
  private readonly target: GrowableUint32;
  private readonly type: GrowableUint8;
  private readonly weight: GrowableFloat64;
  private readonly time: GrowableFloat64;
  private readonly ref: GrowableUint32;
  private readonly refs: string[] = [];
  private readonly refIndex = new Map<string, number>();

  /**
   * `capacity` pre-sizes the arrays when the size is known (a rebuild, a benchmark): doubling from
   * small costs a copy per doubling and, at the last one, twice the memory.
   */
  constructor(
    private readonly resolve: Resolver = identityResolver,
    capacity: { readonly nodes?: number; readonly edges?: number } = {},
  ) {
    const nodes = Math.max(1024, capacity.nodes ?? 0);
    const edges = Math.max(1024, capacity.edges ?? 0);
    this.kinds = new GrowableUint8(nodes);
    this.kindFixed = new GrowableUint8(nodes);
    this.flags = new GrowableUint8(nodes);
    this.source = new GrowableUint32(edges);
    this.target = new GrowableUint32(edges);
    this.type = new GrowableUint8(edges);
    this.weight = new GrowableFloat64(edges);
    this.time = new GrowableFloat64(edges);
    this.ref = new GrowableUint32(edges);
  }

  /** A builder holding everything in `graph`, to which new records are added (incremental rebuild). */
  static from(graph: Graph, resolve: Resolver = identityResolver, extraEdges = 0): GraphBuilder {
    const b = new GraphBuilder(resolve, { nodes: graph.nodeCount, edges: graph.edgeCount + extraEdges });
    for (let n = 0; n < graph.nodeCount; n++) {
      b.ids.push(graph.ids[n] as string);
      b.labels.push(graph.labels[n] ?? '');
      b.kinds.push(graph.kinds[n] as number);
      b.kindFixed.push(1);
      b.flags.push(graph.flags[n] as number);
    }
    for (const [id, n] of graph.index) b.index.set(id, n);
    graph.refs.forEach((r, i) => {
      b.refs.push(r);
      b.refIndex.set(r, i);
    });
    b.source.append(graph.source);
    b.target.append(graph.target);
    b.type.append(graph.type);
    b.weight.append(graph.weight);
    b.time.append(graph.time);
    b.ref.append(graph.ref);
    return b;
  }

  get nodeCount(): number {
    return this.ids.length;
  }

  get edgeCount(): number {
    return this.source.length;
  }

  /**
   * The node of an entity (interned through the resolver). `specific` says the kind comes from a
   * definite schema; a generic one (LegalEntity parties of shipments) never overrides it.
   */
  node(entityId: string, kind: NodeKind, options: { label?: string; specific?: boolean; flags?: number } = {}): number {
    let n = this.index.get(entityId);
    if (n === undefined) {
      const cluster = this.resolve(entityId);
      n = this.index.get(cluster);
      if (n === undefined) {
        n = this.ids.length;
        this.ids.push(cluster);
        this.labels.push('');
        this.kinds.push(NODE_KIND_CODE[kind]);
        this.kindFixed.push(0);
        this.flags.push(0);
        this.index.set(cluster, n);
      }
      this.index.set(entityId, n);
    }
    if (options.specific === true && this.kindFixed.data[n] === 0) {
      this.kinds.data[n] = NODE_KIND_CODE[kind];
      this.kindFixed.data[n] = 1;
    } else if (this.kinds.data[n] === NODE_KIND_CODE.other && kind !== 'other') {
      // First met as the end of a link ("other"); any kind said later is better than none.
      this.kinds.data[n] = NODE_KIND_CODE[kind];
    }
    if (options.label !== undefined && options.label.length > 0 && this.labels[n] === '') this.labels[n] = options.label;
    if (options.flags !== undefined) this.flags.data[n] = (this.flags.data[n] as number) | options.flags;
    return n;
  }

  /** Sets flags on an entity's node if it exists; returns whether it did. */
  flag(entityId: string, flags: number): boolean {
    const n = this.index.get(entityId) ?? this.index.get(this.resolve(entityId));
    if (n === undefined) return false;
    this.flags.data[n] = (this.flags.data[n] as number) | flags;
    return true;
  }

  /** Whether the edges of this record were added already. */
  hasRecord(recordId: string): boolean {
    return this.refIndex.has(recordId);
  }

  /** Starts a record: returns its reference, or undefined when it was added before (skip it). */
  record(recordId: string): number | undefined {
    if (this.refIndex.has(recordId)) return undefined;
    const r = this.refs.length;
    this.refs.push(recordId);
    this.refIndex.set(recordId, r);
    return r;
  }

  /** Appends an edge between node indices; `ref` from `record()`, or NO_REF. */
  edge(source: number, target: number, input: EdgeInput, ref: number = NO_REF): void {
    this.source.push(source);
    this.target.push(target);
    this.type.push(EDGE_TYPE_CODE[input.type]);
    this.weight.push(input.weight ?? 1);
    this.time.push(input.time ?? Number.NaN);
    this.ref.push(ref);
  }

  build(): Graph {
    const nodeCount = this.ids.length;
    const source = this.source.toArray();
    const target = this.target.toArray();
    const out = csr(nodeCount, source);
    const inn = csr(nodeCount, target);
    return {
      nodeCount,
      edgeCount: source.length,
      ids: this.ids.slice(),
      index: new Map(this.index),
      kinds: this.kinds.toArray(),
      labels: this.labels.slice(),
      flags: this.flags.toArray(),
      source,
      target,
      type: this.type.toArray(),
      weight: this.weight.toArray(),
      time: this.time.toArray(),
      ref: this.ref.toArray(),
      refs: this.refs.slice(),
      outOffsets: out.offsets,
      outEdges: out.edges,
      inOffsets: inn.offsets,
      inEdges: inn.edges,
    };
  }
}

/** Counting sort of edge indices by one endpoint: O(nodes + edges), edges stay in insertion order per node. */
function csr(nodeCount: number, endpoint: Uint32Array): { offsets: Uint32Array; edges: Uint32Array } {
  const offsets = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < endpoint.length; e++) offsets[(endpoint[e] as number) + 1]!++;
  for (let n = 0; n < nodeCount; n++) offsets[n + 1]! += offsets[n] as number;
  const cursor = offsets.slice(0, nodeCount);
  const edges = new Uint32Array(endpoint.length);
  for (let e = 0; e < endpoint.length; e++) edges[cursor[endpoint[e] as number]!++] = e;
  return { offsets, edges };
}
