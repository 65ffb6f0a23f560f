// The server's network functions (src/server/routes/network.ts over src/graph): the analysis
// graph of trade, payments, ownership, shared addresses and contacts, with designation flags.

export interface NetNode {
  node: number;
  id: string;
  kind: string;
  label: string;
  designated: boolean;
  flagged: boolean;
  official: boolean;
  members?: string[];
}

export interface NetEdge {
  edge: number;
  source: string;
  target: string;
  type: string;
  weight: number | null;
  time: string | null;
  record: string | null;
}

export interface Neighbourhood {
  centre: NetNode;
  nodes: (NetNode & { hops: number })[];
  edges: NetEdge[];
  truncated: boolean;
}

export interface PathAnswer {
  from: NetNode;
  to: NetNode;
  shortest: { nodes: NetNode[]; edges: NetEdge[] } | null;
  strongest: { nodes: NetNode[]; edges: NetEdge[]; strength: number } | null;
}

export interface Exposure {
  exposed: { node: NetNode; score: number }[];
}

/** Synthetic nodes (an address, a phone, an e-mail shared by parties) have `kind:value` ids. */
export const isEntityId = (id: string): boolean => /^[A-Za-z0-9][A-Za-z0-9._@-]*$/.test(id);

/** Whether an edge falls inside a [from, to] day range; undated links always do. */
export function inTimeRange(time: string | null, from: string, to: string): boolean {
  if (time === null) return true;
  const day = time.slice(0, 10);
  return (from === '' || day >= from) && (to === '' || day <= to);
}
