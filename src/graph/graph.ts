/**
 * The network as compact typed arrays: interned node ids, one row per edge (source, target, type,
 * weight, time, record reference) and compressed sparse rows (CSR) of edge indices in both
 * directions. Ten million edges take about 400 MB, and every algorithm in this folder walks these
 * arrays without allocating per edge.
 */

export const NODE_KINDS = [
  'company',
  'person',
  'account',
  'address',
  'phone',
  'email',
  'vessel',
  'position',
  'sanctions-list',
  'other',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/**
 * Edge types. Flow edges (ships-to, pays) are weighted by US dollars and time-stamped; `owns` is
 * weighted by the share owned (0..1, NaN when the source gives none); the others weigh 1.
 * `holds` is the account-holder link (an Ownership whose asset is a BankAccount): it joins the
 * money to the parties and is not a shareholding, so the 50% rule does not count it.
 */
export const EDGE_TYPES = [
  'ships-to',
  'pays',
  'owns',
  'holds',
  'directs',
  'family',
  'shares-address',
  'shares-contact',
  'official-of',
  'designated-by',
  'linked',
] as const;
export type EdgeType = (typeof EDGE_TYPES)[number];

export const NODE_KIND_CODE: Readonly<Record<NodeKind, number>> = Object.fromEntries(NODE_KINDS.map((k, i) => [k, i])) as Record<
  NodeKind,
  number
>;
export const EDGE_TYPE_CODE: Readonly<Record<EdgeType, number>> = Object.fromEntries(EDGE_TYPES.map((t, i) => [t, i])) as Record<
  EdgeType,
  number
>;

/** Node flags (bits of `Graph.flags`): facts the analytics start from. */
export const FLAG = {
  /** The entity of a Sanction, or listed in a watchlist dataset. */
  designated: 1,
  /** Subject (or party of a record that is the subject) of an open alert. */
  flagged: 2,
  /** A person holding a public position (FtM `position`, or an official-of link). */
  official: 4,
  /** Topics mark it as criminal (FtM topics `crime*`). */
  criminal: 8,
  /** A placeholder counterparty (e.g. account "CASH"): kept for paths, never ranked as an entity. */
  pseudo: 16,
  /**
   * A party the rows name that several source entities share the name of (see ExactKeyResolver):
   * not one identity, so flows may end at it but not pass through it, and it is never ranked.
   */
  ambiguous: 32,
} as const;

/** Marks an edge with no source record (e.g. generated in a benchmark). */
export const NO_REF = 0xffffffff;

export interface Graph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Node id (the resolved cluster id) per node index. */
  readonly ids: readonly string[];
  /** Node index by node id and by the id of every entity merged into it. */
  readonly index: ReadonlyMap<string, number>;
  readonly kinds: Uint8Array;
  readonly labels: readonly string[];
  readonly flags: Uint8Array;
  readonly source: Uint32Array;
  readonly target: Uint32Array;
  readonly type: Uint8Array;
  readonly weight: Float64Array;
  /** Milliseconds since the epoch; NaN for undated links (which pass every time filter). */
  readonly time: Float64Array;
  /** Index into `refs` (the record the edge comes from), or NO_REF. */
  readonly ref: Uint32Array;
  readonly refs: readonly string[];
  /** Out-edges of node n: outEdges[outOffsets[n] .. outOffsets[n+1]). */
  readonly outOffsets: Uint32Array;
  readonly outEdges: Uint32Array;
  readonly inOffsets: Uint32Array;
  readonly inEdges: Uint32Array;
}

/** The node index of an entity id (or of any id merged into its cluster), or undefined. */
export function nodeOf(graph: Graph, id: string): number | undefined {
  return graph.index.get(id);
}

export function nodeKind(graph: Graph, node: number): NodeKind {
  return NODE_KINDS[graph.kinds[node] ?? NODE_KIND_CODE.other] ?? 'other';
}

export function edgeType(graph: Graph, edge: number): EdgeType {
  return EDGE_TYPES[graph.type[edge] ?? EDGE_TYPE_CODE.linked] ?? 'linked';
}

export function hasFlag(graph: Graph, node: number, flag: number): boolean {
  return ((graph.flags[node] ?? 0) & flag) !== 0;
}

/** A bit mask of edge types, for filters. */
export function typeMask(types: readonly EdgeType[]): number {
  let mask = 0;
  for (const t of types) mask |= 1 << EDGE_TYPE_CODE[t];
  return mask;
}

export const ALL_TYPES = (1 << EDGE_TYPES.length) - 1;
export const FLOW_TYPES = typeMask(['ships-to', 'pays']);

/** An edge as data, for explanations and exports. */
export interface EdgeView {
  readonly edge: number;
  readonly source: string;
  readonly target: string;
  readonly type: EdgeType;
  readonly weight: number | null;
  /** ISO 8601, or null for undated links. */
  readonly time: string | null;
  /** The record (shipment, transaction or link entity id) it comes from. */
  readonly record: string | null;
}

export function edgeView(graph: Graph, edge: number): EdgeView {
  const w = graph.weight[edge] ?? Number.NaN;
  const t = graph.time[edge] ?? Number.NaN;
  const r = graph.ref[edge] ?? NO_REF;
  return {
    edge,
    source: graph.ids[graph.source[edge] ?? 0] ?? '',
    target: graph.ids[graph.target[edge] ?? 0] ?? '',
    type: edgeType(graph, edge),
    weight: Number.isNaN(w) ? null : w,
    time: Number.isNaN(t) ? null : new Date(t).toISOString(),
    record: r === NO_REF ? null : (graph.refs[r] ?? null),
  };
}

export interface NodeView {
  readonly node: number;
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly designated: boolean;
  readonly flagged: boolean;
  readonly official: boolean;
}

export function nodeView(graph: Graph, node: number): NodeView {
  return {
    node,
    id: graph.ids[node] ?? '',
    kind: nodeKind(graph, node),
    label: graph.labels[node] ?? '',
    designated: hasFlag(graph, node, FLAG.designated),
    flagged: hasFlag(graph, node, FLAG.flagged),
    official: hasFlag(graph, node, FLAG.official),
  };
}

/** The other end of an edge seen from `node`. */
export function otherEnd(graph: Graph, edge: number, node: number): number {
  const s = graph.source[edge] as number;
  return s === node ? (graph.target[edge] as number) : s;
}
